package io.kmipstack.server.crypto;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.ttlv.Bytes;
import java.io.ByteArrayOutputStream;
import java.security.Signature;
import java.security.SignatureException;

/**
 * One signing or verifying computation of {@link Signatures}, fed its input in one or more parts
 * (a multi-part Sign or Signature Verify keeps it in its correlation state between requests).
 * Over digested data the input is collected and checked to be exactly one digest of the scheme's
 * hash before it is signed. Not thread-safe; one request uses it at a time.
 */
public final class SignatureEngine {

    private final Signature signature;
    private final Signatures.Scheme scheme;
    private final boolean digested;
    private final ByteArrayOutputStream digest;
    private long length;

    SignatureEngine(Signature signature, Signatures.Scheme scheme, boolean digested) {
        this.signature = signature;
        this.scheme = scheme;
        this.digested = digested;
        this.digest = digested ? new ByteArrayOutputStream(64) : null;
    }

    public Signatures.Scheme scheme() {
        return scheme;
    }

    /** How many input bytes were fed so far. */
    public long length() {
        return length;
    }

    /** Feeds the next part of the message (or of the digest). */
    public void update(Bytes part) {
        length += part.length();
        if (digested) {
            digest.writeBytes(part.toByteArray());
            return;
        }
        try {
            signature.update(part.toByteArray());
        } catch (SignatureException e) {
            throw new IllegalStateException("signature engine not initialized", e);
        }
    }

    /** The signature over everything fed. */
    public Bytes sign() {
        try {
            feedDigest();
            return Bytes.wrap(signature.sign());
        } catch (SignatureException e) {
            throw Signatures.failure(scheme, e);
        }
    }

    /**
     * True when {@code candidate} is a valid signature over everything fed. A malformed signature
     * is simply invalid. The comparison inside the JDK's RSA verification is constant-time
     * ({@code MessageDigest.isEqual}); (EC)DSA and EdDSA verify by recomputation, not comparison
     * of secret-dependent values.
     */
    public boolean verify(Bytes candidate) {
        try {
            feedDigest();
            return signature.verify(candidate.toByteArray());
        } catch (SignatureException | IllegalArgumentException e) {
            return false;
        }
    }

    private void feedDigest() throws SignatureException {
        if (!digested) {
            return;
        }
        byte[] d = digest.toByteArray();
        int expected = HashNames.length(scheme.hash());
        if (d.length != expected) {
            throw new KmipException(ResultReason.INVALID_FIELD, "digested data: " + d.length + " bytes (expected: "
                    + expected + ", one " + scheme.hash().name() + " digest)");
        }
        signature.update(scheme.family() == Signatures.Family.RSA_PKCS1_V1_5 ? Signatures.digestInfo(scheme.hash(), d) : d);
    }
}
