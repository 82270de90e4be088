package io.kmipstack.codec.json;

/**
 * Text that is not a KMIP message in the JSON encoding, or a tree that cannot be written in it:
 * malformed JSON, an object that is not {@code {"tag", "type", "value"}}, an unknown tag or type,
 * a value that does not parse for its type, an unknown enumeration or mask name. Carries the JSON
 * Pointer (RFC 6901) of the offending member, e.g. {@code /value/1/value/0/value}, and the path of
 * tag names from the root to it, e.g. {@code RequestMessage/BatchItem/Operation}. The message
 * never contains Byte String, Big Integer or Text String values.
 */
public final class KmipJsonException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String pointer;
    private final String tagPath;

    public KmipJsonException(String problem, String pointer, String tagPath) {
        this(problem, pointer, tagPath, null);
    }

    public KmipJsonException(String problem, String pointer, String tagPath, Throwable cause) {
        super(problem + " at " + (pointer.isEmpty() ? "the root" : pointer)
                + (tagPath.isEmpty() ? "" : " (path " + tagPath + ")"), cause);
        this.pointer = pointer;
        this.tagPath = tagPath;
    }

    /** JSON Pointer of the member that failed; empty for the whole document. */
    public String pointer() {
        return pointer;
    }

    /** Slash-separated tag names (or hex tags) from the root to the item that failed. */
    public String tagPath() {
        return tagPath;
    }
}
