package io.kmipstack.server.crypto;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.model.CryptographicParameters;
import io.kmipstack.codec.registry.BlockCipherMode;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.HashingAlgorithm;
import io.kmipstack.codec.registry.PaddingMethod;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.ttlv.Bytes;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The derivation functions of Derive Key (KMIP 1.4 section 4.6, 2.1 sections 6.1.14 and 7.12):
 * PBKDF2 (RFC 8018 section 5.2) with an HMAC pseudorandom function, HKDF (RFC 5869), HMAC over
 * the derivation data, a hash of the derivation key followed by the derivation data, and
 * encryption of the derivation data. Each produces exactly {@code bytes} bytes and refuses a
 * request longer than the function's output (KMIP: "If the specified length exceeds the output of
 * the derivation method, then the server SHALL return an error"); a hash, HMAC or encryption
 * longer than asked is truncated to its leftmost bytes.
 *
 * <p>PBKDF2 and HKDF are written here over the JDK's {@link Mac}: the JDK's own PBKDF2 takes the
 * password as characters and cannot derive from arbitrary key bytes.
 */
public final class KeyDerivation {

    /** The most PBKDF2 iterations one request may ask for: the work is the server's. */
    public static final int MAX_ITERATIONS = 10_000_000;
    /** The longest output of any derivation, in bytes. */
    public static final int MAX_BYTES = 1 << 16;

    private KeyDerivation() {
    }

    /**
     * PBKDF2 with HMAC-{@code prf} as pseudorandom function.
     *
     * @throws KmipException Invalid Field for a missing salt, an iteration count outside
     *     1..{@link #MAX_ITERATIONS} or a length outside 1..{@link #MAX_BYTES}
     */
    public static Bytes pbkdf2(HashingAlgorithm prf, Bytes password, Bytes salt, Integer iterations, int bytes) {
        checkLength(bytes, MAX_BYTES, "PBKDF2");
        if (salt == null) {
            throw new KmipException(ResultReason.INVALID_FIELD, "derivation parameters: no Salt (expected: one for PBKDF2)");
        }
        if (iterations == null || iterations < 1 || iterations > MAX_ITERATIONS) {
            throw new KmipException(ResultReason.INVALID_FIELD, "iteration count: " + iterations
                    + " (expected: 1 to " + MAX_ITERATIONS + ")");
        }
        Mac mac = mac(HashNames.hmac(prf), password.length() == 0 ? new byte[1] : password.toByteArray(), password.length() == 0);
        int hLen = mac.getMacLength();
        int blocks = (bytes + hLen - 1) / hLen;
        byte[] out = new byte[blocks * hLen];
        byte[] s = salt.toByteArray();
        byte[] u = new byte[hLen];
        for (int i = 1; i <= blocks; i++) {
            mac.update(s);
            mac.update(new byte[] {(byte) (i >>> 24), (byte) (i >>> 16), (byte) (i >>> 8), (byte) i});
            doFinal(mac, u);
            byte[] t = u.clone();
            for (int c = 1; c < iterations; c++) {
                mac.update(u);
                doFinal(mac, u);
                for (int k = 0; k < hLen; k++) {
                    t[k] ^= u[k];
                }
            }
            System.arraycopy(t, 0, out, (i - 1) * hLen, hLen);
            Arrays.fill(t, (byte) 0);
        }
        Arrays.fill(u, (byte) 0);
        return leftmost(out, bytes);
    }

    /**
     * HKDF extract-then-expand with HMAC-{@code hash}; {@code salt} and {@code info} may be null
     * (an absent salt is a string of zero bytes of the hash's length, RFC 5869 section 2.2).
     *
     * @throws KmipException Invalid Field for a length above 255 times the hash length
     */
    public static Bytes hkdf(HashingAlgorithm hash, Bytes ikm, Bytes salt, Bytes info, int bytes) {
        String name = HashNames.hmac(hash);
        int hLen = HashNames.length(hash);
        checkLength(bytes, 255 * hLen, "HKDF with " + hash.name());
        byte[] s = salt == null || salt.length() == 0 ? new byte[hLen] : salt.toByteArray();
        Mac extract = mac(name, s, false);
        byte[] prk = extract.doFinal(ikm.toByteArray());
        Mac expand = mac(name, prk, false);
        Arrays.fill(prk, (byte) 0);
        byte[] in = info == null ? new byte[0] : info.toByteArray();
        byte[] out = new byte[bytes];
        byte[] t = new byte[0];
        int done = 0;
        for (int i = 1; done < bytes; i++) {
            expand.update(t);
            expand.update(in);
            expand.update((byte) i);
            t = expand.doFinal();
            int n = Math.min(t.length, bytes - done);
            System.arraycopy(t, 0, out, done, n);
            done += n;
        }
        Arrays.fill(t, (byte) 0);
        return Bytes.wrap(out);
    }

    /**
     * HMAC-{@code hash} of {@code data} under {@code key}, truncated to {@code bytes}.
     *
     * @throws KmipException Invalid Field when more bytes are asked for than the HMAC gives
     */
    public static Bytes hmac(HashingAlgorithm hash, Bytes key, Bytes data, int bytes) {
        Mac mac = mac(HashNames.hmac(hash), key.length() == 0 ? new byte[1] : key.toByteArray(), key.length() == 0);
        checkLength(bytes, mac.getMacLength(), "HMAC with " + hash.name());
        return leftmost(mac.doFinal(data == null ? new byte[0] : data.toByteArray()), bytes);
    }

    /**
     * {@code hash} over {@code key} followed by {@code data} (either may be empty, not both),
     * truncated to {@code bytes}.
     */
    public static Bytes hash(HashingAlgorithm hash, Bytes key, Bytes data, int bytes) {
        MessageDigest md = HashNames.digest(hash);
        checkLength(bytes, md.getDigestLength(), "hash " + hash.name());
        if ((key == null || key.length() == 0) && (data == null || data.length() == 0)) {
            throw new KmipException(ResultReason.INVALID_FIELD, "HASH derivation: no derivation key material and no"
                    + " Derivation Data (expected: at least one)");
        }
        if (key != null) {
            md.update(key.toByteArray());
        }
        if (data != null) {
            md.update(data.toByteArray());
        }
        return leftmost(md.digest(), bytes);
    }

    /**
     * {@code data} encrypted under the AES or Triple-DES key {@code key} with the block cipher mode
     * and padding of {@code params} (ECB, CBC, CTR; padding None or PKCS5) and {@code iv} (zero
     * bytes when absent, as KMIP says: "an empty IV is assumed if not provided"), truncated to
     * {@code bytes}.
     */
    public static Bytes encrypt(CryptographicAlgorithm algorithm, Bytes key, CryptographicParameters params, Bytes iv,
            Bytes data, int bytes) {
        String alg;
        int block;
        if (CryptographicAlgorithm.AES.equals(algorithm)) {
            alg = "AES";
            block = 16;
        } else if (CryptographicAlgorithm.DES3.equals(algorithm)) {
            alg = "DESede";
            block = 8;
        } else {
            throw new KmipException(ResultReason.UNSUPPORTED_CRYPTOGRAPHIC_PARAMETERS, "ENCRYPT derivation with "
                    + (algorithm == null ? "no algorithm" : algorithm.name()) + " (expected: an AES or Triple-DES key)");
        }
        BlockCipherMode m = params == null ? null : params.blockCipherMode();
        String mode;
        if (m == null || BlockCipherMode.ECB.equals(m)) {
            mode = "ECB";
        } else if (BlockCipherMode.CBC.equals(m)) {
            mode = "CBC";
        } else if (BlockCipherMode.CTR.equals(m)) {
            mode = "CTR";
        } else {
            throw new KmipException(ResultReason.UNSUPPORTED_CRYPTOGRAPHIC_PARAMETERS, "ENCRYPT derivation with block cipher mode "
                    + m.name() + " (expected: ECB, CBC or CTR)");
        }
        PaddingMethod pm = params == null ? null : params.paddingMethod();
        String padding;
        if (pm == null || PaddingMethod.NONE.equals(pm) || "CTR".equals(mode)) {
            padding = "NoPadding";
        } else if (PaddingMethod.PKCS5.equals(pm)) {
            padding = "PKCS5Padding";
        } else {
            throw new KmipException(ResultReason.UNSUPPORTED_CRYPTOGRAPHIC_PARAMETERS, "ENCRYPT derivation with padding "
                    + pm.name() + " (expected: None or PKCS5)");
        }
        if (data == null || data.length() == 0) {
            throw new KmipException(ResultReason.INVALID_FIELD, "ENCRYPT derivation: no Derivation Data (expected: the data to encrypt)");
        }
        if ("NoPadding".equals(padding) && !"CTR".equals(mode) && data.length() % block != 0) {
            throw new KmipException(ResultReason.INVALID_FIELD, "derivation data: " + data.length() + " bytes (expected: a multiple of "
                    + block + " without padding)");
        }
        try {
            Cipher c = Cipher.getInstance(alg + "/" + mode + "/" + padding);
            SecretKeySpec k = new SecretKeySpec(key.toByteArray(), alg);
            if ("ECB".equals(mode)) {
                c.init(Cipher.ENCRYPT_MODE, k);
            } else {
                byte[] v = iv == null || iv.length() == 0 ? new byte[block] : iv.toByteArray();
                if (v.length != block) {
                    throw new KmipException(ResultReason.INVALID_FIELD, "initialization vector: " + v.length + " bytes (expected: "
                            + block + ")");
                }
                c.init(Cipher.ENCRYPT_MODE, k, new IvParameterSpec(v));
            }
            byte[] out = c.doFinal(data.toByteArray());
            checkLength(bytes, out.length, "ENCRYPT of " + data.length() + " bytes");
            return leftmost(out, bytes);
        } catch (java.security.InvalidKeyException e) {
            throw new KmipException(ResultReason.BAD_CRYPTOGRAPHIC_PARAMETERS, "ENCRYPT derivation: the " + alg
                    + " key does not suit the cipher (" + key.length() * 8 + " bits)");
        } catch (GeneralSecurityException e) {
            throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "ENCRYPT derivation failed (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static void checkLength(int bytes, int max, String method) {
        if (bytes < 1 || bytes > max) {
            throw new KmipException(ResultReason.INVALID_FIELD, "cryptographic length: " + (long) bytes * 8 + " bits (expected: 8 to "
                    + (long) max * 8 + ", the output of " + method + ")");
        }
    }

    // An empty HMAC key is legal (RFC 2104 pads keys with zeros) but SecretKeySpec refuses it; a
    // one-zero-byte key pads to the same block, so it stands in.
    private static Mac mac(String name, byte[] key, boolean empty) {
        try {
            Mac mac = Mac.getInstance(name);
            mac.init(new SecretKeySpec(empty ? new byte[1] : key, name));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new KmipException(ResultReason.UNSUPPORTED_CRYPTOGRAPHIC_PARAMETERS, name + ": not available");
        }
    }

    private static void doFinal(Mac mac, byte[] out) {
        try {
            mac.doFinal(out, 0);
        } catch (javax.crypto.ShortBufferException e) {
            throw new IllegalStateException("HMAC output buffer", e);
        }
    }

    private static Bytes leftmost(byte[] out, int bytes) {
        if (out.length == bytes) {
            return Bytes.wrap(out);
        }
        byte[] r = Arrays.copyOf(out, bytes);
        Arrays.fill(out, (byte) 0);
        return Bytes.wrap(r);
    }
}
