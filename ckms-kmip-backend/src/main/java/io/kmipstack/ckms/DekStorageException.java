package io.kmipstack.ckms;

/**
 * The DEK storage failed to read, write, list or delete a blob (an I/O error, a store that could
 * not be reached). {@link #retryable()} is true when the store says the failure is transient.
 */
public final class DekStorageException extends CkmsException {

    private static final long serialVersionUID = 1L;

    public DekStorageException(String message, Throwable cause, boolean retryable) {
        super(message, cause, retryable);
    }
}
