package io.kmipstack.interop;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Throw-away keys and data for one interop run, chosen on the Java side so that every result can
 * be recomputed with the JDK: ciphertexts, MACs, derived keys, unwrapped keys.
 */
final class TestMaterial {

    static final HexFormat HEX = HexFormat.of();
    private static final SecureRandom RANDOM = new SecureRandom();

    final byte[] aesKey = random(32);
    final byte[] hmacKey = random(32);
    final byte[] wrappingKey = random(32);
    final byte[] deriveBase = random(32);
    final byte[] secret = "correct horse battery staple".getBytes(StandardCharsets.US_ASCII);
    final byte[] opaque = random(20);
    final byte[] splitPart = random(16);
    final byte[] plaintext = "the quick brown fox jumps over the lazy dog".getBytes(StandardCharsets.US_ASCII);
    final byte[] cbcIv = random(16);
    final byte[] gcmIv = random(12);
    final byte[] aad = "kmipstack interop".getBytes(StandardCharsets.US_ASCII);
    final byte[] salt = random(16);
    final int iterations = 1000;
    final KeyPair rsa;

    TestMaterial() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        rsa = g.generateKeyPair();
    }

    static byte[] random(int n) {
        byte[] b = new byte[n];
        RANDOM.nextBytes(b);
        return b;
    }

    static String sha256(byte[] b) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** PBKDF2 with HMAC-SHA256 (RFC 8018 section 5.2) over raw key bytes, for up to 32 bytes of output. */
    static byte[] pbkdf2Sha256(byte[] password, byte[] salt, int iterations, int length) throws GeneralSecurityException {
        if (length > 32) {
            throw new IllegalArgumentException("length: " + length + " (expected: <= 32, one block)");
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(password, "HmacSHA256"));
        mac.update(salt);
        byte[] u = mac.doFinal(new byte[] {0, 0, 0, 1});
        byte[] t = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = mac.doFinal(u);
            for (int j = 0; j < t.length; j++) {
                t[j] ^= u[j];
            }
        }
        byte[] out = new byte[length];
        System.arraycopy(t, 0, out, 0, length);
        return out;
    }
}
