package io.kmipstack.ckms;

/**
 * The KMS could not be reached or did not answer in time (connection refused or lost, TLS
 * failure, timeout), or it answered that it is busy (Server Limit Exceeded). Always
 * {@linkplain #retryable() retryable}: nothing was decided, and wrapping and unwrapping are safe
 * to repeat.
 */
public final class KmsUnavailableException extends CkmsException {

    private static final long serialVersionUID = 1L;

    public KmsUnavailableException(String message, Throwable cause) {
        super(message, cause, true);
    }
}
