package io.kmipstack.codec;

import static java.util.Objects.requireNonNull;

import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.ResultStatus;

/**
 * A KMIP failure as the protocol reports it: a Result Status, a Result Reason and a Result Message
 * (KMIP 2.1 section 6.1 response header, 11.46-11.47). The server turns it into a failed batch item;
 * the client raises it for one. Subclass only where a caller catches differently (timeouts,
 * connection loss, undecodable input). The message is sent to the peer, so it must never contain
 * key material or internal detail.
 */
public class KmipException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient ResultStatus resultStatus;
    private final transient ResultReason resultReason;

    public KmipException(ResultStatus resultStatus, ResultReason resultReason, String message) {
        this(resultStatus, resultReason, message, null);
    }

    public KmipException(ResultStatus resultStatus, ResultReason resultReason, String message, Throwable cause) {
        super(message, cause);
        this.resultStatus = requireNonNull(resultStatus, "resultStatus");
        this.resultReason = requireNonNull(resultReason, "resultReason");
    }

    /** A failure with status Operation Failed. */
    public KmipException(ResultReason resultReason, String message) {
        this(ResultStatus.OPERATION_FAILED, resultReason, message, null);
    }

    /** A failure with status Operation Failed. */
    public KmipException(ResultReason resultReason, String message, Throwable cause) {
        this(ResultStatus.OPERATION_FAILED, resultReason, message, cause);
    }

    public ResultStatus resultStatus() {
        return resultStatus;
    }

    public ResultReason resultReason() {
        return resultReason;
    }
}
