package io.kmipstack.server.op;

import io.kmipstack.codec.payload.LogRequestPayload;
import io.kmipstack.codec.payload.LogResponsePayload;
import io.kmipstack.codec.payload.RequestPayload;
import io.kmipstack.codec.payload.ResponsePayload;

/**
 * Log (KMIP 2.1 section 6.1.29; since 2.0): writes the client's message to the server's audit
 * log through {@link RequestContext#log}, with control characters escaped so that a message
 * cannot forge log lines.
 */
final class LogHandler implements OperationHandler {

    /** Longest message kept; the rest is cut (the log is not a storage service). */
    static final int MAX_MESSAGE = 4096;

    @Override
    public ResponsePayload handle(RequestContext ctx, RequestPayload request) {
        LogRequestPayload p = (LogRequestPayload) request;
        ctx.log(printable(p.logMessage()));
        return new LogResponsePayload();
    }

    /** {@code text} with control characters as {@code \\uXXXX}, at most {@link #MAX_MESSAGE} characters. */
    static String printable(String text) {
        StringBuilder sb = new StringBuilder(Math.min(text.length(), MAX_MESSAGE));
        for (int i = 0; i < text.length() && i < MAX_MESSAGE; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7F) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
