package io.kmipstack.codec.registry;

/**
 * A value of a KMIP enumeration (KMIP 1.4 section 9.1.3.2, KMIP 2.1 section 11). The generated
 * classes ({@code ObjectType}, {@code Operation}, ...) implement it; they are open, so a value the
 * registry does not name (an extension in {@code 0x8XXXXXXX} or a code from a later version) is
 * still an instance: it reports {@link #isKnown()} false, prints as {@code 0x%08X} and keeps its
 * value unchanged on the way back to the wire.
 */
public interface KmipEnum {

    /** The 32-bit value on the wire. */
    int value();

    /** The name the XML and JSON encodings use ({@code SymmetricKey}), or {@code 0x%08X} when unnamed. */
    String name();

    /** False for a value the registry does not name. */
    boolean isKnown();

    /** The version that introduced the value, or {@code null} when unnamed. */
    KmipVersion since();

    /** The last version that defines the value, or {@code null} while it is still defined in 2.1 (or unnamed). */
    KmipVersion until();

    /** True when {@code version} defines this value; unnamed values are never known to be defined. */
    default boolean definedIn(KmipVersion version) {
        KmipVersion since = since();
        KmipVersion until = until();
        return since != null && version.atLeast(since) && (until == null || until.atLeast(version));
    }
}
