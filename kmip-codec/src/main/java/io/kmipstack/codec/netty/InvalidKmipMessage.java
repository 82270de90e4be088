package io.kmipstack.codec.netty;

import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.TtlvDecodingException;
import java.util.Objects;

/**
 * A frame that {@link KmipFrameDecoder} delimited correctly but that is not well-formed TTLV, as
 * emitted in order by {@link TtlvMessageDecoder} in place of the message. The stream is still in
 * step, so a server answers it with Result Reason Invalid Message (KMIP 1.4 section 11.2) and keeps
 * the connection, and a client fails the request the frame was meant to answer. {@code frame} is
 * the whole message, header included, for a server that wants to salvage the protocol version; it
 * prints redacted like any {@link Bytes}, and the cause's message carries offset and tag path only.
 */
public record InvalidKmipMessage(Bytes frame, TtlvDecodingException cause) {

    public InvalidKmipMessage {
        Objects.requireNonNull(frame, "frame");
        Objects.requireNonNull(cause, "cause");
    }
}
