package io.kmipstack.ckms;

/**
 * The KMS refused the client: authentication failed, or the identity may not use the KEK or
 * object (KMIP Permission Denied, Authentication Not Successful). Some servers (PyKMIP) also
 * answer Permission Denied for a key in the wrong state; the message carries the server's words.
 */
public final class KmsAccessDeniedException extends CkmsException {

    private static final long serialVersionUID = 1L;

    public KmsAccessDeniedException(String message, Throwable cause) {
        super(message, cause, false);
    }
}
