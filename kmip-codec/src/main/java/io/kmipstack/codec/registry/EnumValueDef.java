package io.kmipstack.codec.registry;

import static java.util.Objects.requireNonNull;

/**
 * One named value of an enumeration or one bit of a mask: a row of {@code enums.tsv} or
 * {@code masks.tsv}. {@code name} is the XML/JSON spelling, {@code specName} the spec's;
 * {@code until} is null while 2.1 still defines the value.
 */
public record EnumValueDef(int code, String name, String specName, KmipVersion since, KmipVersion until) {

    public EnumValueDef {
        requireNonNull(name, "name");
        requireNonNull(specName, "specName");
        requireNonNull(since, "since");
    }

    /** True when {@code version} defines this value. */
    public boolean definedIn(KmipVersion version) {
        return version.atLeast(since) && (until == null || until.atLeast(version));
    }
}
