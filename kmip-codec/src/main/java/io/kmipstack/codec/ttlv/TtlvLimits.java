package io.kmipstack.codec.ttlv;

/**
 * Bounds the decoder enforces before it allocates: the size of one message and the nesting depth
 * of Structures. The defaults suit a KMIP server facing untrusted clients; raise them for bulk
 * Locate responses or large opaque objects.
 */
public record TtlvLimits(int maxMessageSize, int maxDepth) {

    /** 1 MiB: large enough for a 16 KiB-key RSA private key or a Locate answer of 10,000 ids. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 1 << 20;
    /** KMIP's deepest legitimate nesting (a wrapped key in a batch item in 2.x) is about 10. */
    public static final int DEFAULT_MAX_DEPTH = 32;

    public static final TtlvLimits DEFAULT = new TtlvLimits(DEFAULT_MAX_MESSAGE_SIZE, DEFAULT_MAX_DEPTH);

    public TtlvLimits {
        if (maxMessageSize < 8) {
            throw new IllegalArgumentException("maxMessageSize: " + maxMessageSize + " (expected: >= 8)");
        }
        if (maxDepth < 1) {
            throw new IllegalArgumentException("maxDepth: " + maxDepth + " (expected: >= 1)");
        }
    }
}
