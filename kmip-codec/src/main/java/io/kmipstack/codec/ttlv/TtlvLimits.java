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

    /** The largest depth a configuration may ask for. */
    public static final int MAX_DEPTH_CAP = 256;

    public static final TtlvLimits DEFAULT = new TtlvLimits(DEFAULT_MAX_MESSAGE_SIZE, DEFAULT_MAX_DEPTH);

    public TtlvLimits {
        if (maxMessageSize < 8) {
            throw new IllegalArgumentException("maxMessageSize: " + maxMessageSize + " (expected: >= 8)");
        }
        // The decoder recurses once per level; the cap keeps hostile nesting far from the stack's end.
        if (maxDepth < 1 || maxDepth > MAX_DEPTH_CAP) {
            throw new IllegalArgumentException("maxDepth: " + maxDepth + " (expected: 1 to " + MAX_DEPTH_CAP + ")");
        }
    }
}
