package io.kmipstack.codec.registry;

import io.kmipstack.codec.ttlv.ItemType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lookups over the KMIP registry: every tag, enumeration value and mask bit of KMIP 1.0 to 2.1 with
 * the version that introduced it and, for removed entries, the last version that defined it. The
 * rows come from the generated {@code RegistryData}, itself generated from the checked-in tables in
 * {@code src/main/registry} (derived from the KMIP 1.4 section 9.1.3 and 2.1 sections 11-12 text).
 *
 * <p>Tags in the extension range {@code 0x54XXXX}, and any other code the tables do not list, are
 * simply unknown: {@link #tag(int)} answers {@code null} and nothing else changes.
 */
public final class Registry {

    /** Tags defined by the specifications all start with 0x42; they index this array by their low 16 bits. */
    private static final TagDef[] KMIP_TAGS = new TagDef[0x10000];
    private static final Map<String, TagDef> TAGS_BY_NAME = new HashMap<>();
    private static final Map<String, TagDef> TAGS_BY_SPEC_NAME = new HashMap<>();
    private static final List<TagDef> TAGS;
    private static final Map<String, EnumDef> ENUMERATIONS;

    static {
        List<TagDef> tags = new ArrayList<>(RegistryData.TAGS.length);
        for (String row : RegistryData.TAGS) {
            String[] c = row.split("\t", -1);
            TagDef t = new TagDef(Integer.parseInt(c[0], 16), c[1], c[2],
                    c[3].equals("*") ? null : ItemType.fromXmlName(c[3]),
                    KmipVersion.parse(c[4]), c[5].isEmpty() ? null : KmipVersion.parse(c[5]),
                    c[6].isEmpty() ? null : c[6]);
            tags.add(t);
            // The generator guarantees codes and names are unique and in the 0x42 page.
            KMIP_TAGS[t.code() & 0xFFFF] = t;
            TAGS_BY_NAME.put(t.name(), t);
            TAGS_BY_SPEC_NAME.put(t.specName(), t);
        }
        TAGS = Collections.unmodifiableList(tags);

        Map<String, EnumDef> enums = new LinkedHashMap<>();
        load(enums, RegistryData.ENUMS, false);
        load(enums, RegistryData.MASKS, true);
        // The 2.1 Tag enumeration (section 11.56), used by Attribute Reference, is the tag table.
        List<EnumValueDef> tagValues = new ArrayList<>(tags.size());
        for (TagDef t : tags) {
            tagValues.add(new EnumValueDef(t.code(), t.name(), t.specName(), t.since(), t.until()));
        }
        enums.put("Tag", new EnumDef("Tag", false, tagValues));
        ENUMERATIONS = Collections.unmodifiableMap(enums);
    }

    private static void load(Map<String, EnumDef> into, String[] rows, boolean mask) {
        Map<String, List<EnumValueDef>> tables = new LinkedHashMap<>();
        for (String row : rows) {
            String[] c = row.split("\t", -1);
            List<EnumValueDef> values = tables.computeIfAbsent(c[0], k -> new ArrayList<>());
            if (!c[1].isEmpty()) {
                values.add(new EnumValueDef((int) Long.parseLong(c[1], 16), c[2], c[3], KmipVersion.parse(c[4]),
                        c[5].isEmpty() ? null : KmipVersion.parse(c[5])));
            }
        }
        tables.forEach((name, values) -> into.put(name, new EnumDef(name, mask, values)));
    }

    private Registry() {
    }

    /** The tag with this code, or {@code null} for an unknown or extension ({@code 0x54XXXX}) tag. */
    public static TagDef tag(int code) {
        return (code >>> 16) == 0x42 ? KMIP_TAGS[code & 0xFFFF] : null;
    }

    /** The tag with this XML/JSON element name ({@code "CryptographicUsageMask"}), or {@code null}. */
    public static TagDef tagByName(String name) {
        return TAGS_BY_NAME.get(name);
    }

    /** The tag with this spec name ({@code "Cryptographic Usage Mask"}, as 1.x Attribute Name strings use), or {@code null}. */
    public static TagDef tagBySpecName(String specName) {
        return TAGS_BY_SPEC_NAME.get(specName);
    }

    /** Every tag, in code order. */
    public static List<TagDef> tags() {
        return TAGS;
    }

    /**
     * The enumeration or mask table with this name ({@code "ObjectType"}, {@code "CryptographicUsageMask"},
     * {@code "Tag"}), or {@code null}.
     */
    public static EnumDef enumeration(String name) {
        return ENUMERATIONS.get(name);
    }

    /** Every enumeration and mask table. */
    public static Collection<EnumDef> enumerations() {
        return ENUMERATIONS.values();
    }

    /** The tag's name, or {@code 0x%06X} for a tag the registry does not know (as the XML encoding writes them). */
    public static String tagName(int code) {
        TagDef t = tag(code);
        return t != null ? t.name() : String.format("0x%06X", code);
    }
}
