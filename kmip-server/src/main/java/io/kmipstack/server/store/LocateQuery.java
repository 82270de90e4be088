package io.kmipstack.server.store;

import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.registry.ObjectType;
import java.util.List;
import java.util.Objects;

/**
 * What Locate asks of the store: objects visible to {@code visibleTo} (owned by or granted to
 * that identity; null = every object, for admin identities) whose attributes include every one of {@code attributes} (same tag and equal
 * value; for multi-valued attributes such as Name, any instance matching is enough), of
 * {@code objectType} when set, skipping {@code offset} matches and returning at most
 * {@code maximum} (null = all). Date-range and state filters are applied by the caller on the
 * candidates; the store must use indexes for tag/value equality (Name among 100,000 objects in
 * milliseconds), not scans.
 */
public record LocateQuery(
        String visibleTo,
        ObjectType objectType,
        List<KmipAttribute> attributes,
        int offset,
        Integer maximum) {

    public LocateQuery {
        attributes = List.copyOf(Objects.requireNonNull(attributes, "attributes"));
        if (offset < 0) {
            throw new IllegalArgumentException("offset: " + offset + " (expected: >= 0)");
        }
        if (maximum != null && maximum < 0) {
            throw new IllegalArgumentException("maximum: " + maximum + " (expected: >= 0)");
        }
    }
}
