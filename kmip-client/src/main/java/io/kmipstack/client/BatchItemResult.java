package io.kmipstack.client;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.ResultStatus;
import io.kmipstack.codec.ttlv.Bytes;
import java.util.Objects;

/**
 * The outcome of one batch item (KMIP 1.4 sections 6.9 to 6.11, 2.1 sections 9.17 to 9.19): the Result Status,
 * Reason and Message the server sent, and on success the decoded response payload.
 * {@code resultStatus} is {@code null} when the response has no item for the request, as when
 * the server stopped at an earlier failure (Batch Error Continuation Option Stop). Matched to its
 * request by Unique Batch Item ID, or by position when the server echoes none.
 */
public record BatchItemResult(
        Operation operation,
        Bytes uniqueBatchItemID,
        ResultStatus resultStatus,
        ResultReason resultReason,
        String resultMessage,
        ResponsePayload payload) {

    public BatchItemResult {
        Objects.requireNonNull(operation, "operation");
    }

    /** True when the server answered this item with Success. */
    public boolean succeeded() {
        return ResultStatus.SUCCESS.equals(resultStatus);
    }

    /** True when the response has an item for this request. */
    public boolean answered() {
        return resultStatus != null;
    }

    /**
     * The failure as an exception: the server's status, reason (General Failure when it sent
     * none) and message.
     */
    public KmipException failure() {
        if (succeeded()) {
            throw new IllegalStateException(operation + ": succeeded (expected: a failed item)");
        }
        if (!answered()) {
            return new KmipException(ResultStatus.OPERATION_FAILED, ResultReason.GENERAL_FAILURE,
                    operation + ": not processed (the response has no item for it)");
        }
        ResultReason reason = resultReason != null ? resultReason : ResultReason.GENERAL_FAILURE;
        String message = resultMessage != null && !resultMessage.isEmpty() ? resultMessage : reason.name();
        return new KmipException(resultStatus, reason, message);
    }
}
