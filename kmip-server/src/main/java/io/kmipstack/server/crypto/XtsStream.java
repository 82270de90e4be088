package io.kmipstack.server.crypto;

import java.io.ByteArrayOutputStream;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;

/**
 * XTS-AES (IEEE Std 1619-2007, NIST SP 800-38E), which the JDK does not offer, built on AES-ECB.
 * The key is Key1 (data) followed by Key2 (tweak), each 128 or 256 bits; the IV is the 16-byte
 * tweak of the data unit. Every 16-byte block is encrypted as {@code AES(Key1, P xor T) xor T}
 * with {@code T} starting at {@code AES(Key2, tweak)} and multiplied by the primitive element
 * alpha of GF(2^128) from block to block; a data unit whose length is not a multiple of 16 ends
 * with ciphertext stealing (section 5.3.2). A data unit has at least 16 bytes.
 *
 * <p>Fed part by part, the stream processes every block but the last full one and any partial
 * tail, which it holds (under 32 bytes) because ciphertext stealing may still need them; the
 * data unit ends at the final part.
 */
final class XtsStream implements CipherStream {

    private static final int BLOCK = 16;

    private final Cipher data;
    private final boolean encrypt;
    private final byte[] t = new byte[BLOCK];
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private long total;

    XtsStream(byte[] key, byte[] tweak, boolean encrypt) {
        this.encrypt = encrypt;
        int half = key.length / 2;
        SecretKeySpec key1 = new SecretKeySpec(key, 0, half, "AES");
        SecretKeySpec key2 = new SecretKeySpec(key, half, half, "AES");
        try {
            data = Cipher.getInstance("AES/ECB/NoPadding");
            data.init(encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, key1);
            Cipher tweakCipher = Cipher.getInstance("AES/ECB/NoPadding");
            tweakCipher.init(Cipher.ENCRYPT_MODE, key2);
            tweakCipher.doFinal(tweak, 0, BLOCK, t, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/ECB/NoPadding with a " + half * 8 + "-bit key is not available", e);
        }
    }

    @Override
    public byte[] update(byte[] input) {
        total += input.length;
        pending.write(input, 0, input.length);
        byte[] buf = pending.toByteArray();
        int blocks = buf.length > BLOCK ? (buf.length - BLOCK) / BLOCK : 0;
        byte[] out = new byte[blocks * BLOCK];
        for (int i = 0; i < blocks; i++) {
            step(buf, i * BLOCK, out, i * BLOCK, t);
            multiplyByAlpha(t);
        }
        pending.reset();
        pending.write(buf, blocks * BLOCK, buf.length - blocks * BLOCK);
        return out;
    }

    @Override
    public Result finish(byte[] input) {
        total += input.length;
        if (total < BLOCK) {
            throw CryptoFailures.invalidField("data: " + total + " bytes for XTS (expected: at least 16)");
        }
        pending.write(input, 0, input.length);
        byte[] buf = pending.toByteArray();
        pending.reset();
        int tail = buf.length % BLOCK;
        int full = buf.length / BLOCK;
        byte[] out = new byte[buf.length];
        int plain = tail == 0 ? full : full - 1; // blocks before the stealing pair
        for (int i = 0; i < plain; i++) {
            step(buf, i * BLOCK, out, i * BLOCK, t);
            multiplyByAlpha(t);
        }
        if (tail != 0) {
            int last = plain * BLOCK; // the last full block; the tail follows it
            byte[] tNext = t.clone();
            multiplyByAlpha(tNext);
            byte[] cc = new byte[BLOCK];
            // Encryption steals with T(m-1) first and T(m) second; decryption the other way round.
            step(buf, last, cc, 0, encrypt ? t : tNext);
            byte[] pp = new byte[BLOCK];
            System.arraycopy(buf, last + BLOCK, pp, 0, tail);
            System.arraycopy(cc, tail, pp, tail, BLOCK - tail);
            System.arraycopy(cc, 0, out, last + BLOCK, tail);
            step(pp, 0, out, last, encrypt ? tNext : t);
        }
        Arrays.fill(buf, (byte) 0);
        return new Result(out, null);
    }

    // One block: out = AES(Key1, in xor tweak) xor tweak (AES decryption when decrypting).
    private void step(byte[] in, int inOff, byte[] out, int outOff, byte[] tweak) {
        byte[] x = new byte[BLOCK];
        for (int i = 0; i < BLOCK; i++) {
            x[i] = (byte) (in[inOff + i] ^ tweak[i]);
        }
        try {
            data.update(x, 0, BLOCK, x, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/ECB block operation failed", e);
        }
        for (int i = 0; i < BLOCK; i++) {
            out[outOff + i] = (byte) (x[i] ^ tweak[i]);
        }
    }

    // Multiplication by alpha in GF(2^128), the tweak as a little-endian 128-bit number (IEEE 1619 section 5.2).
    static void multiplyByAlpha(byte[] tweak) {
        int carry = 0;
        for (int i = 0; i < BLOCK; i++) {
            int b = tweak[i] & 0xFF;
            tweak[i] = (byte) ((b << 1) | carry);
            carry = b >>> 7;
        }
        if (carry != 0) {
            tweak[0] ^= (byte) 0x87;
        }
    }
}
