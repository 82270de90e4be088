package io.kmipstack.server.store;

import io.kmipstack.codec.ttlv.Bytes;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Envelope encryption of object content. Every write of an object's content draws a fresh 256-bit
 * data key and a random 96-bit nonce and encrypts the content with AES-256-GCM, the additional
 * authenticated data being {@code "kmipstack/content/v1:" + uid}: ciphertext moved to another row
 * fails to decrypt. The data key is wrapped with AES-KWP (RFC 5649, NIST SP 800-38F) under the
 * master key; KWP needs no nonce, so the number of wraps under one master key is not bounded the
 * way random-nonce GCM would be. Plaintext and data keys live only in arrays this class wipes.
 *
 * <p>The master key check value, stored with the database, is the KWP wrap of a fixed label:
 * unwrapping it with another key fails, so a store refuses to open with the wrong master key
 * rather than failing later on the first Get.
 */
final class Envelope {

    private static final int DATA_KEY_LENGTH = 32;
    private static final int NONCE_LENGTH = 12;
    private static final int TAG_BITS = 128;
    private static final String AAD_PREFIX = "kmipstack/content/v1:";
    private static final byte[] CHECK_LABEL = "kmipstack master key check v1...".getBytes(StandardCharsets.US_ASCII);

    private final MasterKey masterKey;
    private final SecureRandom random = new SecureRandom();
    // Cipher.getInstance looks the provider up on every call, and initialising KWP expands the
    // master key every time: together about a seventh of the server's time for a Get in a profile
    // (docs/benchmarks.md). Ciphers are not thread-safe, so each thread keeps its own; the KWP pair
    // stays initialised with the master key (after doFinal a Cipher is back in its initialised
    // state). A thread's set is dropped after any failure, whatever state it was left in.
    private final ThreadLocal<Ciphers> ciphers = new ThreadLocal<>();

    Envelope(MasterKey masterKey) {
        this.masterKey = masterKey;
    }

    /** One thread's ciphers: GCM (initialised per use) and KWP wrap and unwrap under the master key. */
    private record Ciphers(Cipher gcm, Cipher wrap, Cipher unwrap) {
    }

    private Ciphers ciphers() throws GeneralSecurityException {
        Ciphers c = ciphers.get();
        if (c == null) {
            Cipher wrap = Cipher.getInstance("AES/KWP/NoPadding");
            wrap.init(Cipher.ENCRYPT_MODE, masterKey.secretKey());
            Cipher unwrap = Cipher.getInstance("AES/KWP/NoPadding");
            unwrap.init(Cipher.DECRYPT_MODE, masterKey.secretKey());
            c = new Ciphers(Cipher.getInstance("AES/GCM/NoPadding"), wrap, unwrap);
            ciphers.set(c);
        }
        return c;
    }

    /** Content as stored: GCM ciphertext with tag, its nonce, and the wrapped data key. */
    record Sealed(byte[] ciphertext, byte[] nonce, byte[] wrappedKey) {
    }

    Sealed seal(String uid, Bytes content) {
        byte[] dataKey = new byte[DATA_KEY_LENGTH];
        byte[] plain = content.toByteArray();
        try {
            random.nextBytes(dataKey);
            byte[] nonce = new byte[NONCE_LENGTH];
            random.nextBytes(nonce);
            Cipher gcm = ciphers().gcm();
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(dataKey, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            gcm.updateAAD(aad(uid));
            byte[] ciphertext = gcm.doFinal(plain);
            return new Sealed(ciphertext, nonce, kwp(Cipher.ENCRYPT_MODE, dataKey));
        } catch (GeneralSecurityException e) {
            ciphers.remove();
            throw new StoreException("object " + uid + ": cannot encrypt content", e);
        } finally {
            Arrays.fill(dataKey, (byte) 0);
            Arrays.fill(plain, (byte) 0);
        }
    }

    Bytes open(String uid, Sealed sealed) {
        byte[] dataKey = null;
        try {
            dataKey = kwp(Cipher.DECRYPT_MODE, sealed.wrappedKey());
            Cipher gcm = ciphers().gcm();
            gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(dataKey, "AES"), new GCMParameterSpec(TAG_BITS, sealed.nonce()));
            gcm.updateAAD(aad(uid));
            // The array is ours alone: hand it over without a copy.
            return Bytes.wrap(gcm.doFinal(sealed.ciphertext()));
        } catch (GeneralSecurityException e) {
            ciphers.remove();
            throw new StoreException("object " + uid + ": content failed authentication (tampered, or another master key)", e);
        } finally {
            if (dataKey != null) {
                Arrays.fill(dataKey, (byte) 0);
            }
        }
    }

    /** The check value to store with a new database. */
    byte[] checkValue() {
        try {
            return kwp(Cipher.ENCRYPT_MODE, CHECK_LABEL);
        } catch (GeneralSecurityException e) {
            ciphers.remove();
            throw new StoreException("master key: cannot compute check value", e);
        }
    }

    /** True when {@code stored} was made by {@link #checkValue()} under this master key. */
    boolean matches(byte[] stored) {
        try {
            return Arrays.equals(kwp(Cipher.DECRYPT_MODE, stored), CHECK_LABEL);
        } catch (GeneralSecurityException e) {
            ciphers.remove();
            return false;
        }
    }

    private byte[] kwp(int mode, byte[] input) throws GeneralSecurityException {
        Ciphers c = ciphers();
        return (mode == Cipher.ENCRYPT_MODE ? c.wrap() : c.unwrap()).doFinal(input);
    }

    private static byte[] aad(String uid) {
        return (AAD_PREFIX + uid).getBytes(StandardCharsets.UTF_8);
    }
}
