package io.kmipstack.ckms;

/**
 * The KEK does not exist: no object on the KMIP server bears the configured Name (and creating it
 * was not allowed), or a blob names a KEK unique identifier the server no longer has (destroyed
 * before every blob under it was rewrapped).
 */
public final class KekNotFoundException extends CkmsException {

    private static final long serialVersionUID = 1L;

    public KekNotFoundException(String message) {
        super(message, null, false);
    }

    public KekNotFoundException(String message, Throwable cause) {
        super(message, cause, false);
    }
}
