package io.kmipstack.ckms;

/**
 * A stored blob does not open: it is malformed, its authentication tag or key-wrap check fails,
 * or it was made for another DEK id (moved or swapped in storage). Never retryable: the blob, not
 * the moment, is wrong, and it may have been tampered with.
 */
public final class IntegrityException extends CkmsException {

    private static final long serialVersionUID = 1L;

    public IntegrityException(String message) {
        super(message, null, false);
    }

    public IntegrityException(String message, Throwable cause) {
        super(message, cause, false);
    }
}
