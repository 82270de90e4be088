package io.kmipstack.codec.registry;

import static java.util.Objects.requireNonNull;

import io.kmipstack.codec.ttlv.ItemType;

/**
 * One KMIP tag as the registry knows it: a row of {@code tags.tsv}. {@code type} is null where the
 * item type varies with context (Attribute Value, Key Material, Unique Identifier in 2.x) or the
 * tables do not establish it; {@code until} is null while 2.1 still defines the tag;
 * {@code enumeration} names the enumeration or mask table of the tag's values (the 2.1 Tag
 * enumeration is called {@code "Tag"}), or is null.
 */
public record TagDef(int code, String name, String specName, ItemType type, KmipVersion since, KmipVersion until,
        String enumeration) {

    public TagDef {
        requireNonNull(name, "name");
        requireNonNull(specName, "specName");
        requireNonNull(since, "since");
    }

    /** True when {@code version} defines this tag. */
    public boolean definedIn(KmipVersion version) {
        return version.atLeast(since) && (until == null || until.atLeast(version));
    }
}
