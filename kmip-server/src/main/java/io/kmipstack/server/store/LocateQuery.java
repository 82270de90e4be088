package io.kmipstack.server.store;

import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.ttlv.ItemType;
import io.kmipstack.codec.ttlv.Ttlv;
import java.util.List;
import java.util.Objects;

/**
 * What Locate asks of the store: objects visible to {@code visibleTo} (owned by or granted to
 * that identity; null = every object, for admin identities) whose attributes include every one of
 * {@code attributes} (same tag and equal value; for multi-valued attributes such as Name, any
 * instance matching is enough), of {@code objectType} when set, skipping {@code offset} matches
 * and returning at most {@code maximum} (null = all), in the order the objects were stored.
 *
 * <p>The store answers {@code attributes} from an index, not a scan (Name among 100,000 objects in
 * milliseconds), and indexes only the values that tell objects apart: Text Strings, Byte Strings,
 * Big Integers and Structures, and any value of a vendor's own attribute (an extension tag,
 * 0x54xxxx), which applications tag their objects with ({@link #indexable}). Booleans, enumerations, integers, intervals
 * and dates take few values each or are searched by range: an index entry per object for each
 * of them cost every Create more than half its disk writes, and a filter on one of them matches a
 * large share of the objects anyway. The caller checks those, like State and date ranges, on the
 * candidates the store returns.
 */
public record LocateQuery(
        String visibleTo,
        ObjectType objectType,
        List<KmipAttribute> attributes,
        int offset,
        Integer maximum) {

    public LocateQuery {
        attributes = List.copyOf(Objects.requireNonNull(attributes, "attributes"));
        for (KmipAttribute a : attributes) {
            if (!indexable(a.item())) {
                throw new IllegalArgumentException(String.format("locate filter 0x%06X: %s (expected: Text String, Byte String,"
                        + " Big Integer, Structure or an extension tag; the caller checks other values on the candidates)",
                        a.tag(), a.item().type().xmlName()));
            }
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset: " + offset + " (expected: >= 0)");
        }
        if (maximum != null && maximum < 0) {
            throw new IllegalArgumentException("maximum: " + maximum + " (expected: >= 0)");
        }
    }

    /**
     * True for the values the store indexes for Locate: Text String, Byte String, Big Integer and
     * Structure items, and items with an extension tag (0x540000 to 0x54FFFF) whatever their type.
     */
    public static boolean indexable(Ttlv item) {
        ItemType t = item.type();
        return t == ItemType.TEXT_STRING || t == ItemType.BYTE_STRING || t == ItemType.BIG_INTEGER || t == ItemType.STRUCTURE
                || (item.tag() & 0xFF0000) == EXTENSION_TAGS;
    }

    private static final int EXTENSION_TAGS = 0x540000;
}
