package io.kmipstack.ckms;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.function.UnaryOperator;

/**
 * The unwrap of the AES Key Wrap algorithm (RFC 3394 section 2.2.2, index-based form), over a
 * single-block AES decryption supplied by the caller. It lets a client unwrap under a KEK it never
 * sees, one AES block at a time through a KMIP server whose Decrypt lacks the NIST Key Wrap mode
 * but has ECB: 6 * n sequential block decryptions for n 64-bit blocks of plaintext.
 */
final class Rfc3394 {

    /** The default initial value (RFC 3394 section 2.2.3.1). */
    static final byte[] IV = {(byte) 0xA6, (byte) 0xA6, (byte) 0xA6, (byte) 0xA6, (byte) 0xA6, (byte) 0xA6, (byte) 0xA6, (byte) 0xA6};

    private Rfc3394() {
    }

    /**
     * The plaintext key wrapped in {@code ciphertext}, or null when the integrity check fails
     * (wrong KEK, or a ciphertext that was changed).
     *
     * @param decryptBlock AES decryption of one 16-byte block under the KEK
     * @throws IllegalArgumentException for a ciphertext that is not 24 bytes or more in 8-byte steps
     */
    static byte[] unwrap(byte[] ciphertext, UnaryOperator<byte[]> decryptBlock) {
        if (ciphertext.length < 24 || ciphertext.length % 8 != 0) {
            throw new IllegalArgumentException("key wrap ciphertext length: " + ciphertext.length
                    + " (expected: a multiple of 8, at least 24)");
        }
        int n = ciphertext.length / 8 - 1;
        byte[] a = Arrays.copyOfRange(ciphertext, 0, 8);
        byte[] r = Arrays.copyOfRange(ciphertext, 8, ciphertext.length);
        byte[] block = new byte[16];
        for (int j = 5; j >= 0; j--) {
            for (int i = n; i >= 1; i--) {
                long t = (long) n * j + i;
                System.arraycopy(a, 0, block, 0, 8);
                for (int k = 0; k < 8; k++) {
                    block[7 - k] ^= (byte) (t >>> (8 * k));
                }
                System.arraycopy(r, (i - 1) * 8, block, 8, 8);
                byte[] b = decryptBlock.apply(block);
                if (b.length != 16) {
                    throw new IllegalStateException("AES block decryption returned " + b.length + " bytes (expected: 16)");
                }
                System.arraycopy(b, 0, a, 0, 8);
                System.arraycopy(b, 8, r, (i - 1) * 8, 8);
                Arrays.fill(b, (byte) 0);
            }
        }
        Arrays.fill(block, (byte) 0);
        if (!MessageDigest.isEqual(a, IV)) {
            Arrays.fill(r, (byte) 0);
            return null;
        }
        return r;
    }
}
