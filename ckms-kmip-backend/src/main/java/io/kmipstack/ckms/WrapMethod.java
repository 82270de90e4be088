package io.kmipstack.ckms;

/**
 * How the {@code kmip} backend wraps a DEK under the KEK on the KMIP server; the blob records the
 * method, so blobs made either way open whichever is configured.
 *
 * <ul>
 *   <li>{@link #GCM} ({@code wrap=gcm}): Encrypt and Decrypt with AES-256-GCM (KMIP 1.4 and later:
 *       additional authenticated data and tag); the AAD binds the blob to its DEK id.</li>
 *   <li>{@link #NISTKW} ({@code wrap=nistkw}): for servers without GCM. The DEK is a key object on
 *       the server (generated there by Create when its size is an AES key size, else registered),
 *       fetched with Get under a Key Wrapping Specification (NIST Key Wrap, RFC 3394, under the
 *       KEK), then destroyed. Unwrapping is Decrypt in NIST Key Wrap mode or, where the server's
 *       Decrypt lacks that mode, RFC 3394's unwrap computed with the server's AES-ECB. A MAC under
 *       a key derived from the DEK binds the blob to its id.</li>
 * </ul>
 */
public enum WrapMethod {

    GCM("gcm", 1),
    NISTKW("nistkw", 2);

    private final String uriName;
    private final int code;

    WrapMethod(String uriName, int code) {
        this.uriName = uriName;
        this.code = code;
    }

    /** The name in a {@code kms://kmip} URI: {@code gcm} or {@code nistkw}. */
    public String uriName() {
        return uriName;
    }

    /** The method's number in the blob format. */
    int code() {
        return code;
    }

    static WrapMethod ofCode(int code) {
        for (WrapMethod m : values()) {
            if (m.code == code) {
                return m;
            }
        }
        return null;
    }

    /** The method named {@code name} in a URI ({@code gcm}, {@code nistkw}). */
    public static WrapMethod fromUriName(String name) {
        for (WrapMethod m : values()) {
            if (m.uriName.equals(name)) {
                return m;
            }
        }
        throw new IllegalArgumentException("wrap: " + name + " (expected: gcm or nistkw)");
    }
}
