package io.kmipstack.server.crypto;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.registry.BlockCipherMode;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.HashingAlgorithm;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.MaskGenerator;
import io.kmipstack.codec.registry.PaddingMethod;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.interfaces.RSAKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;
import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.spec.ChaCha20ParameterSpec;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

/**
 * The ciphers of Encrypt and Decrypt (KMIP 1.4 sections 4.29-4.30, 2.1 sections 6.1.17 and
 * 6.1.11), from the JDK's providers except AES-XTS, which the JDK lacks and {@link XtsStream}
 * implements over AES-ECB:
 *
 * <ul>
 *   <li>AES-128/192/256, Triple DES (two- and three-key) and DES in ECB and CBC (padding None,
 *       PKCS5 or ISO 10126), CFB, OFB and CTR (no padding; the IV is the full initial counter
 *       block); AES in GCM (Tag Length 12 to 16 bytes, additional data, any IV length), XTS
 *       (IEEE 1619; a 256- or 512-bit key, the IV is the 16-byte tweak), NIST Key Wrap (RFC 3394)
 *       and Key Wrap with Padding (RFC 5649), whose IV, when given, replaces the default integrity
 *       check value.</li>
 *   <li>ChaCha20 (RFC 8439) with a 12-byte nonce and the Initial Counter Value (default 0), a
 *       16-byte IV read as OpenSSL does (a 32-bit little-endian counter, then the nonce), or an
 *       8-byte nonce of the original 64-bit-nonce variant, which is the same stream as the
 *       12-byte nonce {@code 00000000 || nonce} up to 2^32 blocks; ChaCha20-Poly1305 (RFC 8439
 *       AEAD) with a 12-byte nonce and Tag Length 12 to 16 (a truncated tag is the prefix of the
 *       full one).</li>
 *   <li>RSA with OAEP (hash and MGF1 hash as the parameters say, SHA-1 by default; the P Source
 *       as label) or PKCS#1 v1.5 padding, single-part only.</li>
 * </ul>
 *
 * <p>Authenticated decryption releases plaintext only after the tag checks out: a multi-part GCM
 * or ChaCha20-Poly1305 decryption holds the ciphertext (up to {@link #MAX_BUFFERED_BYTES}) and
 * answers the intermediate parts with no data; the final part verifies and returns everything.
 * Encryption streams answer each part with its ciphertext and the final part with the tag. Key
 * Wrap is one operation over the whole input, so its streams buffer as well.
 *
 * <p>A PKCS#1 v1.5 decryption that fails says Cryptographic Failure, which tells a caller whether
 * the padding was right; a server that lets untrusted parties submit ciphertexts for decryption
 * should use OAEP keys (Bleichenbacher, CRYPTO '98).
 */
public final class Ciphers {

    /** The most input a buffering stream (authenticated decryption, key wrap) holds. */
    public static final int MAX_BUFFERED_BYTES = 64 << 20;

    private static final int MIN_TAG = 12;
    private static final int MAX_TAG = 16;

    private Ciphers() {
    }

    /** The kinds of cipher this class knows, by what the algorithm and mode call for. */
    private enum Family {
        AES("AES", 16), DES3("DESede", 8), DES("DES", 8), CHACHA20("ChaCha20", 0), CHACHA20_POLY1305("ChaCha20", 0), RSA("RSA", 0);

        final String jca;
        final int block;

        Family(String jca, int block) {
            this.jca = jca;
            this.block = block;
        }
    }

    private static Family family(CipherSpec s, KmipVersion v) {
        CryptographicAlgorithm a = s.algorithm();
        if (a.equals(CryptographicAlgorithm.AES)) {
            return Family.AES;
        }
        if (a.equals(CryptographicAlgorithm.DES3)) {
            return Family.DES3;
        }
        if (a.equals(CryptographicAlgorithm.DES)) {
            return Family.DES;
        }
        if (a.equals(CryptographicAlgorithm.CHA_CHA20)) {
            return BlockCipherMode.AEAD.equals(s.mode()) ? Family.CHACHA20_POLY1305 : Family.CHACHA20;
        }
        if (a.equals(CryptographicAlgorithm.CHA_CHA20_POLY1305)) {
            return Family.CHACHA20_POLY1305;
        }
        if (a.equals(CryptographicAlgorithm.RSA)) {
            return Family.RSA;
        }
        throw CryptoFailures.unsupportedParameters(v, "cryptographic algorithm: " + a.name()
                + " (expected: AES, DES3, DES, ChaCha20, ChaCha20Poly1305 or RSA)");
    }

    /** True for RSA, which {@link #rsa} serves; the others go through {@link #start}. */
    public static boolean isAsymmetric(CipherSpec s) {
        return s.algorithm().equals(CryptographicAlgorithm.RSA);
    }

    /** True when the cipher authenticates (GCM, ChaCha20-Poly1305): decryption needs the tag. */
    public static boolean isAuthenticated(CipherSpec s, KmipVersion v) {
        Family f = family(s, v);
        return f == Family.CHACHA20_POLY1305 || (f == Family.AES && BlockCipherMode.GCM.equals(s.mode()));
    }

    /** True when the cipher needs an IV, counter or nonce from the request (or a random one). */
    public static boolean needsIv(CipherSpec s, KmipVersion v) {
        Family f = family(s, v);
        if (f == Family.CHACHA20 || f == Family.CHACHA20_POLY1305) {
            return true;
        }
        if (f == Family.RSA || s.mode() == null) {
            return false;
        }
        BlockCipherMode m = s.mode();
        return m.equals(BlockCipherMode.CBC) || m.equals(BlockCipherMode.CFB) || m.equals(BlockCipherMode.OFB)
                || m.equals(BlockCipherMode.CTR) || m.equals(BlockCipherMode.GCM) || m.equals(BlockCipherMode.XTS);
    }

    /** The length in bytes of an IV the server generates: the IV Length when given, else the mode's usual one. */
    public static int randomIvLength(CipherSpec s, KmipVersion v) {
        if (s.ivLength() != null) {
            if (s.ivLength() <= 0 || s.ivLength() % 8 != 0) {
                throw CryptoFailures.badParameters(v, "IV length: " + s.ivLength() + " bits (expected: a positive multiple of 8)");
            }
            return s.ivLength() / 8;
        }
        Family f = family(s, v);
        if (f == Family.CHACHA20 || f == Family.CHACHA20_POLY1305 || BlockCipherMode.GCM.equals(s.mode())) {
            return 12; // the 96-bit nonce of RFC 8439 and the IV length NIST SP 800-38D recommends
        }
        return f.block;
    }

    /**
     * Starts an encryption ({@code encrypt}) or decryption with the secret {@code key}.
     *
     * @param iv  the IV, counter or nonce; null when the request has none (refused when needed)
     * @param aad the additional authenticated data of an authenticated cipher, or null
     * @param tag the tag to verify, for authenticated decryption; if null, {@link CipherStream#tag}
     *     must supply it before {@link CipherStream#finish}
     * @throws KmipException for parameters that do not fit (see {@link CryptoFailures})
     */
    public static CipherStream start(CipherSpec s, byte[] key, boolean encrypt, byte[] iv, byte[] aad, byte[] tag, KmipVersion v) {
        Family f = family(s, v);
        if (f == Family.RSA) {
            throw new IllegalArgumentException("RSA is single-part: use Ciphers.rsa");
        }
        boolean authenticated = isAuthenticated(s, v);
        if (aad != null && !authenticated) {
            throw CryptoFailures.badParameters(v, "authenticated encryption additional data: given for " + describe(s)
                    + " (expected: only with GCM or ChaCha20-Poly1305)");
        }
        if (needsIv(s, v) && iv == null) {
            throw CryptoFailures.missingIv("IV/counter/nonce: none (expected: one for " + describe(s) + ")");
        }
        int tagLength = 0;
        if (authenticated) {
            tagLength = s.tagLength() != null ? s.tagLength() : encrypt || tag == null ? MAX_TAG : tag.length;
            if (tagLength < MIN_TAG || tagLength > MAX_TAG) {
                throw CryptoFailures.tagLength(tagLength);
            }
            if (!encrypt && tag != null) {
                if (tag.length != tagLength) {
                    throw CryptoFailures.invalidField("authenticated encryption tag: " + tag.length + " bytes (expected: "
                            + tagLength + ", the Tag Length)");
                }
            }
        }
        return switch (f) {
            case CHACHA20 -> chacha20(s, key, encrypt, iv, v);
            case CHACHA20_POLY1305 -> chacha20Poly1305(s, key, encrypt, iv, aad, tag, tagLength, v);
            default -> block(f, s, key, encrypt, iv, aad, tag, tagLength, v);
        };
    }

    private static CipherStream block(Family f, CipherSpec s, byte[] key, boolean encrypt, byte[] iv, byte[] aad, byte[] tag,
            int tagLength, KmipVersion v) {
        BlockCipherMode m = s.mode();
        if (m == null) {
            throw CryptoFailures.badParameters(v, "block cipher mode: none for " + s.algorithm().name()
                    + " (expected: one in the request's or the key's Cryptographic Parameters)");
        }
        boolean aesOnly = m.equals(BlockCipherMode.GCM) || m.equals(BlockCipherMode.XTS) || m.equals(BlockCipherMode.NIST_KEY_WRAP)
                || m.equals(BlockCipherMode.AES_KEY_WRAP_PADDING);
        if (aesOnly && f != Family.AES) {
            throw CryptoFailures.unsupportedParameters(v, "block cipher mode: " + m.name() + " for " + s.algorithm().name()
                    + " (expected: AES)");
        }
        PaddingMethod padding = s.paddingOrNone();
        boolean padded = !padding.equals(PaddingMethod.NONE);
        if (padded && !(m.equals(BlockCipherMode.ECB) || m.equals(BlockCipherMode.CBC))) {
            throw CryptoFailures.badParameters(v, "padding method: " + padding.name() + " for " + m.name()
                    + " (expected: None; only ECB and CBC pad)");
        }
        byte[] k = blockKey(f, key, m, v);
        if (m.equals(BlockCipherMode.XTS)) {
            requireIvLength(iv, 16, s, v);
            return new XtsStream(k, iv, encrypt);
        }
        int op = encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE;
        SecretKeySpec keySpec = new SecretKeySpec(k, f.jca);
        try {
            if (m.equals(BlockCipherMode.GCM)) {
                if (iv.length == 0) {
                    throw CryptoFailures.badParameters(v, "IV/counter/nonce: 0 bytes (expected: at least 1 for GCM; 12 is usual)");
                }
                Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
                c.init(op, keySpec, new GCMParameterSpec(tagLength * 8, iv));
                if (aad != null) {
                    c.updateAAD(aad);
                }
                return encrypt ? new JcaStream(c, tagLength, tagLength, Long.MAX_VALUE, 0, false)
                        : new AeadDecryptStream((ct, t) -> c.doFinal(concat(ct, t)), tagLength, tag);
            }
            if (m.equals(BlockCipherMode.NIST_KEY_WRAP) || m.equals(BlockCipherMode.AES_KEY_WRAP_PADDING)) {
                boolean kwp = m.equals(BlockCipherMode.AES_KEY_WRAP_PADDING);
                if (iv != null) {
                    requireIvLength(iv, kwp ? 4 : 8, s, v);
                }
                Cipher c = Cipher.getInstance(kwp ? "AES/KWP/NoPadding" : "AES/KW/NoPadding");
                c.init(op, keySpec, iv == null ? null : new IvParameterSpec(iv));
                return new JcaStream(c, 0, 0, MAX_BUFFERED_BYTES, 8, !encrypt);
            }
            String name;
            if (m.equals(BlockCipherMode.ECB)) {
                name = "ECB";
            } else if (m.equals(BlockCipherMode.CBC)) {
                name = "CBC";
            } else if (m.equals(BlockCipherMode.CFB)) {
                name = "CFB";
            } else if (m.equals(BlockCipherMode.OFB)) {
                name = "OFB";
            } else if (m.equals(BlockCipherMode.CTR)) {
                name = "CTR";
            } else {
                throw CryptoFailures.unsupportedParameters(v, "block cipher mode: " + m.name()
                        + " (expected: ECB, CBC, CFB, OFB, CTR, GCM, XTS, NISTKeyWrap or AESKeyWrapPadding)");
            }
            String pad;
            if (!padded) {
                pad = "NoPadding";
            } else if (padding.equals(PaddingMethod.PKCS5)) {
                pad = "PKCS5Padding";
            } else if (padding.equals(PaddingMethod.ISO10126)) {
                pad = "ISO10126Padding";
            } else {
                throw CryptoFailures.unsupportedParameters(v, "padding method: " + padding.name() + " (expected: None, PKCS5 or ISO10126)");
            }
            AlgorithmParameterSpec params = null;
            if (!m.equals(BlockCipherMode.ECB)) {
                requireIvLength(iv, f.block, s, v);
                params = new IvParameterSpec(iv);
            }
            Cipher c = Cipher.getInstance(f.jca + "/" + name + "/" + pad);
            c.init(op, keySpec, params);
            boolean blocks = m.equals(BlockCipherMode.ECB) || m.equals(BlockCipherMode.CBC);
            return new JcaStream(c, 0, 0, Long.MAX_VALUE, blocks ? f.block : 0, false);
        } catch (InvalidKeyException e) {
            throw CryptoFailures.badParameters(v, "key: " + k.length + " bytes, not usable for " + describe(s));
        } catch (InvalidAlgorithmParameterException e) {
            throw CryptoFailures.badParameters(v, "IV/counter/nonce: " + (iv == null ? 0 : iv.length) + " bytes, not usable for "
                    + describe(s));
        } catch (GeneralSecurityException e) {
            throw CryptoFailures.unsupportedParameters(v, describe(s) + ": not available in this JDK");
        }
    }

    // AES-128/192/256 (XTS: two AES-128 or AES-256 keys); DES3 two-key keys become K1 K2 K1.
    private static byte[] blockKey(Family f, byte[] key, BlockCipherMode m, KmipVersion v) {
        int n = key.length;
        if (f == Family.AES) {
            boolean ok = m.equals(BlockCipherMode.XTS) ? n == 32 || n == 64 : n == 16 || n == 24 || n == 32;
            if (!ok) {
                throw CryptoFailures.badParameters(v, "key: " + n * 8 + " bits for AES-" + m.name() + " (expected: "
                        + (m.equals(BlockCipherMode.XTS) ? "256 or 512" : "128, 192 or 256") + ")");
            }
            return key;
        }
        if (f == Family.DES3) {
            if (n == 24) {
                return key;
            }
            if (n == 16) {
                byte[] k = Arrays.copyOf(key, 24);
                System.arraycopy(key, 0, k, 16, 8);
                return k;
            }
            throw CryptoFailures.badParameters(v, "key: " + n * 8 + " bits for DES3 (expected: 128 or 192, parity bits included)");
        }
        if (n != 8) {
            throw CryptoFailures.badParameters(v, "key: " + n * 8 + " bits for DES (expected: 64, parity bits included)");
        }
        return key;
    }

    private static CipherStream chacha20(CipherSpec s, byte[] key, boolean encrypt, byte[] iv, KmipVersion v) {
        if (s.mode() != null || !s.paddingOrNone().equals(PaddingMethod.NONE)) {
            throw CryptoFailures.badParameters(v, "ChaCha20: block cipher mode " + s.mode() + ", padding " + s.paddingOrNone()
                    + " (expected: neither; ChaCha20 is a stream cipher)");
        }
        requireKey32(key, "ChaCha20", v);
        int counter = s.initialCounterValue() == null ? 0 : s.initialCounterValue();
        byte[] nonce;
        switch (iv.length) {
            case 12 -> nonce = iv;
            case 8 -> {
                nonce = new byte[12];
                System.arraycopy(iv, 0, nonce, 4, 8);
            }
            case 16 -> {
                counter = (iv[0] & 0xFF) | (iv[1] & 0xFF) << 8 | (iv[2] & 0xFF) << 16 | (iv[3] & 0xFF) << 24;
                nonce = Arrays.copyOfRange(iv, 4, 16);
            }
            default -> throw CryptoFailures.badParameters(v, "IV/counter/nonce: " + iv.length
                    + " bytes for ChaCha20 (expected: 12, 8, or 16 with the counter first)");
        }
        try {
            Cipher c = Cipher.getInstance("ChaCha20");
            c.init(encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, new SecretKeySpec(key, "ChaCha20"),
                    new ChaCha20ParameterSpec(nonce, counter));
            return new JcaStream(c, 0, 0, Long.MAX_VALUE, 0, false);
        } catch (GeneralSecurityException e) {
            throw CryptoFailures.badParameters(v, "ChaCha20: the key or nonce is not usable");
        }
    }

    private static CipherStream chacha20Poly1305(CipherSpec s, byte[] key, boolean encrypt, byte[] iv, byte[] aad, byte[] tag,
            int tagLength, KmipVersion v) {
        if ((s.mode() != null && !s.mode().equals(BlockCipherMode.AEAD)) || !s.paddingOrNone().equals(PaddingMethod.NONE)) {
            throw CryptoFailures.badParameters(v, "ChaCha20-Poly1305: block cipher mode " + s.mode() + ", padding "
                    + s.paddingOrNone() + " (expected: AEAD or none, and no padding)");
        }
        requireKey32(key, "ChaCha20-Poly1305", v);
        if (iv.length != 12) {
            throw CryptoFailures.badParameters(v, "IV/counter/nonce: " + iv.length + " bytes for ChaCha20-Poly1305 (expected: 12)");
        }
        SecretKeySpec k = new SecretKeySpec(key, "ChaCha20");
        try {
            Cipher c = Cipher.getInstance("ChaCha20-Poly1305");
            if (encrypt) {
                c.init(Cipher.ENCRYPT_MODE, k, new IvParameterSpec(iv));
                if (aad != null) {
                    c.updateAAD(aad);
                }
                return new JcaStream(c, MAX_TAG, tagLength, Long.MAX_VALUE, 0, false);
            }
            if (tagLength == MAX_TAG) {
                c.init(Cipher.DECRYPT_MODE, k, new IvParameterSpec(iv));
                if (aad != null) {
                    c.updateAAD(aad);
                }
                return new AeadDecryptStream((ct, t) -> c.doFinal(concat(ct, t)), tagLength, tag);
            }
            // A truncated tag: the JDK verifies only full ones. Decrypt with the bare cipher (RFC 8439
            // section 2.8: block counter 1 onwards), recompute the full tag by encrypting the result
            // again, and compare its prefix; the plaintext is released only if it matches.
            Cipher stream = Cipher.getInstance("ChaCha20");
            stream.init(Cipher.DECRYPT_MODE, k, new ChaCha20ParameterSpec(iv, 1));
            return new AeadDecryptStream((ct, t) -> {
                byte[] plain = stream.doFinal(ct);
                Cipher again = Cipher.getInstance("ChaCha20-Poly1305");
                again.init(Cipher.ENCRYPT_MODE, k, new IvParameterSpec(iv));
                if (aad != null) {
                    again.updateAAD(aad);
                }
                byte[] sealed = again.doFinal(plain);
                byte[] expected = Arrays.copyOfRange(sealed, sealed.length - MAX_TAG, sealed.length - MAX_TAG + tagLength);
                if (!java.security.MessageDigest.isEqual(expected, t)) {
                    Arrays.fill(plain, (byte) 0);
                    throw new javax.crypto.AEADBadTagException("tag mismatch");
                }
                return plain;
            }, tagLength, tag);
        } catch (GeneralSecurityException e) {
            throw CryptoFailures.badParameters(v, "ChaCha20-Poly1305: the key or nonce is not usable");
        }
    }

    private static void requireKey32(byte[] key, String what, KmipVersion v) {
        if (key.length != 32) {
            throw CryptoFailures.badParameters(v, "key: " + key.length * 8 + " bits for " + what + " (expected: 256)");
        }
    }

    private static void requireIvLength(byte[] iv, int length, CipherSpec s, KmipVersion v) {
        if (iv == null) {
            throw CryptoFailures.missingIv("IV/counter/nonce: none (expected: " + length + " bytes for " + describe(s) + ")");
        }
        if (iv.length != length) {
            throw CryptoFailures.badParameters(v, "IV/counter/nonce: " + iv.length + " bytes (expected: " + length + " for "
                    + describe(s) + ")");
        }
    }

    /**
     * RSA encryption with the public key or decryption with the private key, in one part.
     *
     * @throws KmipException Bad Cryptographic Parameters without a padding method; Invalid Field
     *     for data longer than the key and padding allow; Cryptographic Failure when decryption
     *     finds the padding wrong
     */
    public static byte[] rsa(CipherSpec s, Key key, boolean encrypt, byte[] data, KmipVersion v) {
        PaddingMethod p = s.padding();
        Cipher c;
        try {
            if (PaddingMethod.PKCS1_V1_5.equals(p)) {
                c = Cipher.getInstance("RSA/ECB/PKCS1Padding");
                c.init(encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, key);
            } else if (PaddingMethod.OAEP.equals(p)) {
                if (s.maskGenerator() != null && !MaskGenerator.MGF1.equals(s.maskGenerator())) {
                    throw CryptoFailures.unsupportedParameters(v, "mask generator: " + s.maskGenerator().name() + " (expected: MGF1)");
                }
                String hash = oaepHash(s.hashing(), "hashing algorithm", v);
                String mgfHash = oaepHash(s.maskGeneratorHashing(), "mask generator hashing algorithm", v);
                PSource label = s.pSource() == null ? PSource.PSpecified.DEFAULT : new PSource.PSpecified(s.pSource().toByteArray());
                c = Cipher.getInstance("RSA/ECB/OAEPPadding");
                c.init(encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, key,
                        new OAEPParameterSpec(hash, "MGF1", new MGF1ParameterSpec(mgfHash), label));
            } else {
                throw CryptoFailures.badParameters(v, "padding method: " + (p == null ? "none" : p.name())
                        + " for RSA (expected: OAEP or PKCS1_V1_5)");
            }
        } catch (InvalidKeyException e) {
            throw CryptoFailures.badParameters(v, "key: not usable for RSA " + (encrypt ? "encryption" : "decryption"));
        } catch (GeneralSecurityException e) {
            throw CryptoFailures.unsupportedParameters(v, "RSA with " + p.name() + ": these parameters are not available");
        }
        try {
            return c.doFinal(data);
        } catch (BadPaddingException e) {
            throw encrypt ? CryptoFailures.invalidField("data: " + data.length + " bytes, too long for this key and padding")
                    : CryptoFailures.cryptographic("RSA decryption: the ciphertext does not decrypt under this key and padding");
        } catch (IllegalBlockSizeException e) {
            int modulus = key instanceof RSAKey r ? (r.getModulus().bitLength() + 7) / 8 : 0;
            throw CryptoFailures.invalidField("data: " + data.length + " bytes (expected: "
                    + (encrypt ? "fewer for this key and padding" : modulus + ", the key's modulus length") + ")");
        }
    }

    private static String oaepHash(HashingAlgorithm h, String field, KmipVersion v) {
        HashingAlgorithm effective = h == null ? HashingAlgorithm.SHA_1 : h;
        String name = Hashes.jcaName(effective);
        if (name == null || effective.equals(HashingAlgorithm.MD5)) {
            throw CryptoFailures.unsupportedParameters(v, field + ": " + effective.name() + " for OAEP (expected: SHA-1, SHA-2 or SHA-3)");
        }
        return name;
    }

    /** The algorithm and mode, as messages name them ({@code AES-GCM}). */
    public static String describeAlgorithm(CipherSpec s) {
        return describe(s);
    }

    static String describe(CipherSpec s) {
        return s.algorithm().name() + (s.mode() == null ? "" : "-" + s.mode().name());
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
