package io.kmipstack.server.store;

/**
 * The store itself failed: the database could not be read or written, stayed busy beyond the
 * retry bound, or holds a record that does not decrypt or decode. Not a KMIP result: the server
 * answers it with General Failure and logs it. Messages name objects by identifier only, never
 * content.
 */
public final class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
