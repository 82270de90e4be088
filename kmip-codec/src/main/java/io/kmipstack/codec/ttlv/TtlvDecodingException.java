package io.kmipstack.codec.ttlv;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.registry.ResultReason;

/**
 * Bytes that are not a well-formed TTLV message under the strict rules of {@link TtlvDecoder}.
 * Carries the byte offset of the offending item and the tag path from the root to it, so that a
 * server can answer Invalid Message with a useful reason and a test can say exactly what broke.
 * The message never contains value bytes. Its result reason is Invalid Message.
 */
public final class TtlvDecodingException extends KmipException {

    private static final long serialVersionUID = 1L;

    private final int offset;
    private final String tagPath;

    public TtlvDecodingException(String problem, int offset, String tagPath) {
        super(ResultReason.INVALID_MESSAGE, problem + " at offset " + offset + (tagPath.isEmpty() ? "" : " (path " + tagPath + ")"));
        this.offset = offset;
        this.tagPath = tagPath;
    }

    /** Offset from the start of the message of the item header that failed. */
    public int offset() {
        return offset;
    }

    /** Slash-separated hex tags from the root to the failing item, e.g. {@code 420078/42000F}. */
    public String tagPath() {
        return tagPath;
    }
}
