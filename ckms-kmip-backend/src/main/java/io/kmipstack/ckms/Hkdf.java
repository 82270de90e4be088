package io.kmipstack.ckms;

import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF with HMAC-SHA256 (RFC 5869): extract a pseudorandom key from the input keying material and
 * salt, then expand it with {@code info} to the length asked for. An empty salt stands for
 * HashLen zero bytes (RFC 5869 section 2.2); the output is at most 255 * 32 bytes.
 */
final class Hkdf {

    static final int HASH_LENGTH = 32;
    static final int MAX_LENGTH = 255 * HASH_LENGTH;
    private static final String HMAC = "HmacSHA256";

    private Hkdf() {
    }

    /** {@code length} bytes of HKDF-SHA256(ikm, salt, info). The caller owns (and should clear) the result. */
    static byte[] derive(byte[] ikm, byte[] salt, byte[] info, int length) {
        if (length < 0 || length > MAX_LENGTH) {
            throw new IllegalArgumentException("HKDF output length: " + length + " (expected: 0 to " + MAX_LENGTH + ")");
        }
        byte[] prk = extract(salt, ikm);
        try {
            return expand(prk, info, length);
        } finally {
            Arrays.fill(prk, (byte) 0);
        }
    }

    static byte[] extract(byte[] salt, byte[] ikm) {
        // RFC 5869 section 2.2: "if not provided, [salt] is set to a string of HashLen zeros".
        byte[] key = salt.length == 0 ? new byte[HASH_LENGTH] : salt;
        Mac mac = hmac(key);
        return mac.doFinal(ikm);
    }

    static byte[] expand(byte[] prk, byte[] info, int length) {
        Mac mac = hmac(prk);
        byte[] out = new byte[length];
        byte[] t = new byte[0];
        int done = 0;
        for (int i = 1; done < length; i++) {
            mac.update(t);
            mac.update(info);
            mac.update((byte) i);
            byte[] next = mac.doFinal();
            Arrays.fill(t, (byte) 0);
            t = next;
            int n = Math.min(t.length, length - done);
            System.arraycopy(t, 0, out, done, n);
            done += n;
        }
        Arrays.fill(t, (byte) 0);
        return out;
    }

    static Mac hmac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            // HMAC accepts any key length; an empty key is replaced above, so SecretKeySpec never sees one.
            mac.init(new SecretKeySpec(key, HMAC));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every Java platform", e);
        }
    }
}
