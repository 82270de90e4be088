package io.kmipstack.ckms;

/**
 * The KEK exists but cannot do what was asked: not Active (or, for unwrapping, revoked as
 * compromised or destroyed), the wrong algorithm, length or usage mask, its Name shared by several
 * Active keys, or the server lacks the operation or mode the configured wrap method needs.
 */
public final class KekNotUsableException extends CkmsException {

    private static final long serialVersionUID = 1L;

    public KekNotUsableException(String message) {
        super(message, null, false);
    }

    public KekNotUsableException(String message, Throwable cause) {
        super(message, cause, false);
    }
}
