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
    // PSS verification with the salt length left open: the message digest so far (null when the
    // input is the digest itself), and the key to verify with once the signature is known.
    private final java.security.MessageDigest pssDigest;
    private final java.security.interfaces.RSAPublicKey pssKey;
    private long length;

    SignatureEngine(Signature signature, Signatures.Scheme scheme, boolean digested) {
        this.signature = signature;
        this.scheme = scheme;
        this.digested = digested;
        this.digest = digested ? new ByteArrayOutputStream(64) : null;
        this.pssDigest = null;
        this.pssKey = null;
    }

    SignatureEngine(Signatures.Scheme scheme, java.security.interfaces.RSAPublicKey key, java.security.MessageDigest messageDigest) {
        this.signature = null;
        this.scheme = scheme;
        this.digested = messageDigest == null;
        this.digest = digested ? new ByteArrayOutputStream(64) : null;
        this.pssDigest = messageDigest;
        this.pssKey = key;
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
        if (pssDigest != null) {
            pssDigest.update(part.toByteArray());
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
        if (pssKey != null) {
            byte[] d = pssDigest != null ? pssDigest.digest() : checkedDigest();
            return Signatures.verifyPssAnySalt(scheme, pssKey, d, candidate.toByteArray());
        }
        try {
            feedDigest();
            return signature.verify(candidate.toByteArray());
        } catch (SignatureException | IllegalArgumentException e) {
            return false;
        }
    }

    private byte[] checkedDigest() {
        byte[] d = digest.toByteArray();
        int expected = HashNames.length(scheme.hash());
        if (d.length != expected) {
            throw new KmipException(ResultReason.INVALID_FIELD, "digested data: " + d.length + " bytes (expected: "
                    + expected + ", one " + scheme.hash().name() + " digest)");
        }
        return d;
    }

    private void feedDigest() throws SignatureException {
        if (!digested) {
            return;
        }
        byte[] d = checkedDigest();
        signature.update(scheme.family() == Signatures.Family.RSA_PKCS1_V1_5 ? Signatures.digestInfo(scheme.hash(), d) : d);
    }
}
