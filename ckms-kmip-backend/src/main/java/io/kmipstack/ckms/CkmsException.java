package io.kmipstack.ckms;

/**
 * A failure of the key service: the KEK could not be found or used, the KMS refused or could not
 * be reached, a stored blob failed its integrity check, or the DEK storage failed. The subclasses
 * are the kinds a caller handles differently ({@link KekNotFoundException},
 * {@link KmsAccessDeniedException}, {@link IntegrityException}, {@link KekNotUsableException},
 * {@link KmsUnavailableException}, {@link DekStorageException}); this class itself is anything
 * else the KMS answered. {@link #retryable()} says whether the same call may succeed later
 * without anyone changing anything. Messages name DEK ids, KEK ids and KMIP result reasons,
 * never key material.
 */
public class CkmsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean retryable;

    public CkmsException(String message) {
        this(message, null, false);
    }

    public CkmsException(String message, Throwable cause) {
        this(message, cause, false);
    }

    protected CkmsException(String message, Throwable cause, boolean retryable) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** True when the failure is transient (a KMS or store that could not be reached, a server limit). */
    public boolean retryable() {
        return retryable;
    }
}
