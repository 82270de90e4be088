package io.kmipstack.server.crypto;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.model.CryptographicParameters;
import io.kmipstack.codec.registry.BlockCipherMode;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.HashingAlgorithm;
import io.kmipstack.codec.registry.MaskGenerator;
import io.kmipstack.codec.registry.PaddingMethod;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.server.object.KeyGeneration;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.RSAKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encryption of key values for key wrapping (KMIP 1.4 section 2.1.5, 2.1 section 3.3, Wrapping
 * Method Encrypt): with a symmetric AES key, NIST Key Wrap (RFC 3394, Block Cipher Mode
 * NISTKeyWrap), Key Wrap with Padding (RFC 5649, AESKeyWrapPadding) or AES-GCM (the tag appended
 * to the ciphertext, the IV reported in the Key Wrapping Data); with an RSA public key, OAEP
 * (hash and MGF1 hash from the parameters, SHA-1 by default as in RFC 8017) or PKCS#1 v1.5. The
 * key wrap modes are deterministic, so a client can check a wrapped value; GCM draws a fresh IV
 * from the server's DRBG for every wrap. All from the JDK.
 */
public final class KeyWrapper {

    private static final java.security.Provider BC = new org.bouncycastle.jce.provider.BouncyCastleProvider();
    private static final int GCM_IV_BYTES = 12;
    private static final int GCM_TAG_BYTES = 16;

    private final Mode mode;
    private final Key key;
    private final CryptographicParameters params;

    private enum Mode {
        KW("AES/KW/NoPadding"), KWP("AES/KWP/NoPadding"), GCM("AES/GCM/NoPadding"),
        RSA_OAEP("RSA/ECB/OAEPPadding"), RSA_PKCS1("RSA/ECB/PKCS1Padding");

        final String transformation;

        Mode(String transformation) {
            this.transformation = transformation;
        }
    }

    /** A wrapped value and the IV it was wrapped with (null for the modes without one). */
    public record Wrapped(Bytes value, Bytes iv) {
    }

    private KeyWrapper(Mode mode, Key key, CryptographicParameters params) {
        this.mode = mode;
        this.key = key;
        this.params = params;
    }

    /**
     * A wrapper with the symmetric key {@code kek} (raw AES key bytes) in the mode
     * {@code params} name.
     *
     * @throws KmipException Bad Cryptographic Parameters for a mode that is not a wrapping mode or
     *     a key length AES lacks
     */
    public static KeyWrapper symmetric(Bytes kek, CryptographicParameters params) {
        int n = kek.length();
        if (n != 16 && n != 24 && n != 32) {
            throw new KmipException(ResultReason.BAD_CRYPTOGRAPHIC_PARAMETERS, "wrapping key: " + n * 8
                    + " bits (expected: an AES key of 128, 192 or 256 bits)");
        }
        BlockCipherMode m = params.blockCipherMode();
        Mode mode;
        if (BlockCipherMode.NIST_KEY_WRAP.equals(m)) {
            mode = Mode.KW;
        } else if (BlockCipherMode.AES_KEY_WRAP_PADDING.equals(m)) {
            mode = Mode.KWP;
        } else if (BlockCipherMode.GCM.equals(m)) {
            mode = Mode.GCM;
        } else {
            throw new KmipException(ResultReason.BAD_CRYPTOGRAPHIC_PARAMETERS, "block cipher mode: "
                    + (m == null ? "none" : m.name()) + " for key wrapping (expected: NISTKeyWrap, AESKeyWrapPadding or GCM)");
        }
        return new KeyWrapper(mode, new SecretKeySpec(kek.toByteArray(), "AES"), params);
    }

    /**
     * A wrapper with an RSA key: the public key wraps, the private key unwraps.
     *
     * @throws KmipException Bad Cryptographic Parameters for a padding other than OAEP and PKCS#1 v1.5
     */
    public static KeyWrapper rsa(Key rsaKey, CryptographicParameters params) {
        if (!(rsaKey instanceof RSAKey)) {
            throw new KmipException(ResultReason.BAD_CRYPTOGRAPHIC_PARAMETERS, "wrapping key: " + rsaKey.getAlgorithm()
                    + " (expected: RSA)");
        }
        PaddingMethod p = params.paddingMethod();
        Mode mode;
        if (PaddingMethod.OAEP.equals(p)) {
            mode = Mode.RSA_OAEP;
        } else if (PaddingMethod.PKCS1_V1_5.equals(p)) {
            mode = Mode.RSA_PKCS1;
        } else {
            throw new KmipException(ResultReason.BAD_CRYPTOGRAPHIC_PARAMETERS, "padding method: "
                    + (p == null ? "none" : p.name()) + " for RSA key wrapping (expected: OAEP or PKCS1 v1.5)");
        }
        if (params.maskGenerator() != null && !MaskGenerator.MGF1.equals(params.maskGenerator())) {
            throw new KmipException(ResultReason.BAD_CRYPTOGRAPHIC_PARAMETERS, "mask generator: "
                    + params.maskGenerator().name() + " (expected: MGF1)");
        }
        return new KeyWrapper(mode, rsaKey, params);
    }

    /** True when this wrapper reports an IV (GCM). */
    public boolean usesIv() {
        return mode == Mode.GCM;
    }

    /**
     * {@code plaintext} wrapped.
     *
     * @throws KmipException Bad Cryptographic Parameters when the mode cannot take the input
     *     (NIST Key Wrap needs a multiple of 8 bytes, at least 16; RSA a value shorter than the
     *     modulus allows), Cryptographic Failure otherwise
     */
    public Wrapped wrap(Bytes plaintext) {
        byte[] in = plaintext.toByteArray();
        if (mode == Mode.KW && (in.length < 16 || in.length % 8 != 0)) {
            throw new KmipException(ResultReason.BAD_CRYPTOGRAPHIC_PARAMETERS, "NIST key wrap of " + in.length
                    + " bytes (expected: a multiple of 8, at least 16; AESKeyWrapPadding takes any length)");
        }
        try {
            Cipher c = Cipher.getInstance(mode.transformation);
            byte[] iv = null;
            if (mode == Mode.GCM) {
                iv = new byte[ivBytes()];
                KeyGeneration.random().nextBytes(iv);
                c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(tagBytes() * 8, iv));
            } else if (mode == Mode.RSA_OAEP) {
                c.init(Cipher.ENCRYPT_MODE, (PublicKey) publicOnly(), oaep(), KeyGeneration.random());
            } else if (mode == Mode.RSA_PKCS1) {
                c.init(Cipher.ENCRYPT_MODE, (PublicKey) publicOnly(), KeyGeneration.random());
            } else {
                c.init(Cipher.ENCRYPT_MODE, key);
            }
            return new Wrapped(Bytes.wrap(c.doFinal(in)), iv == null ? null : Bytes.wrap(iv));
        } catch (javax.crypto.IllegalBlockSizeException e) {
            throw new KmipException(ResultReason.BAD_CRYPTOGRAPHIC_PARAMETERS, mode + " wrap of " + in.length
                    + " bytes (expected: an input the mode can take)");
        } catch (GeneralSecurityException e) {
            throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, mode + " wrap failed (" + e.getClass().getSimpleName() + ")");
        }
    }

    /**
     * The plaintext of {@code wrapped}; {@code iv} for GCM.
     *
     * @throws KmipException Cryptographic Failure when the value does not unwrap (wrong key,
     *     altered value: the integrity check of the mode fails), without saying more
     */
    public Bytes unwrap(Bytes wrapped, Bytes iv) {
        try {
            Cipher c = Cipher.getInstance(mode.transformation);
            switch (mode) {
                case GCM -> {
                    if (iv == null) {
                        throw new KmipException(ResultReason.INVALID_FIELD, "key wrapping data: no IV/Counter/Nonce"
                                + " (expected: the IV of the GCM wrap)");
                    }
                    c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(tagBytes() * 8, iv.toByteArray()));
                }
                case RSA_OAEP -> c.init(Cipher.DECRYPT_MODE, privateOnly(), oaep());
                case RSA_PKCS1 -> c.init(Cipher.DECRYPT_MODE, privateOnly());
                default -> c.init(Cipher.DECRYPT_MODE, key);
            }
            return Bytes.wrap(c.doFinal(wrapped.toByteArray()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, mode + " unwrap failed: the wrapped value"
                    + " does not verify under the unwrapping key");
        }
    }

    /**
     * The MAC of {@code data} under the symmetric key {@code key} for MAC/sign key wrapping: HMAC
     * when the key is an HMAC key (its algorithm names the hash) or the parameters name a hashing
     * algorithm, CMAC when the key is AES and the parameters say Block Cipher Mode CMAC.
     *
     * @throws KmipException Bad Cryptographic Parameters when neither applies
     */
    public static Bytes mac(CryptographicAlgorithm keyAlgorithm, Bytes key, CryptographicParameters params, Bytes data) {
        String name;
        HashingAlgorithm hmac = hmacHash(keyAlgorithm);
        if (hmac == null && params.cryptographicAlgorithm() != null) {
            hmac = hmacHash(params.cryptographicAlgorithm());
        }
        if (hmac == null && params.hashingAlgorithm() != null && !CryptographicAlgorithm.AES.equals(keyAlgorithm)) {
            hmac = params.hashingAlgorithm();
        }
        javax.crypto.Mac mac;
        try {
            if (hmac != null) {
                name = HashNames.hmac(hmac);
                mac = javax.crypto.Mac.getInstance(name);
            } else if (CryptographicAlgorithm.AES.equals(keyAlgorithm) && BlockCipherMode.CMAC.equals(params.blockCipherMode())) {
                name = "AESCMAC";
                mac = javax.crypto.Mac.getInstance(name, BC);
            } else {
                throw new KmipException(ResultReason.BAD_CRYPTOGRAPHIC_PARAMETERS, "MAC with a "
                        + (keyAlgorithm == null ? "key of no algorithm" : keyAlgorithm.name() + " key")
                        + " (expected: an HMAC key, a Hashing Algorithm, or an AES key with Block Cipher Mode CMAC)");
            }
            mac.init(new SecretKeySpec(key.toByteArray(), name));
            return Bytes.wrap(mac.doFinal(data.toByteArray()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "MAC failed (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** The hash of an HMAC key algorithm (HMAC-SHA256 -> SHA-256), or null for other algorithms. */
    public static HashingAlgorithm hmacHash(CryptographicAlgorithm a) {
        if (a == null) {
            return null;
        }
        CryptographicAlgorithm[] keys = {CryptographicAlgorithm.HMAC_SHA1, CryptographicAlgorithm.HMAC_SHA224,
            CryptographicAlgorithm.HMAC_SHA256, CryptographicAlgorithm.HMAC_SHA384, CryptographicAlgorithm.HMAC_SHA512,
            CryptographicAlgorithm.HMAC_SHA3_224, CryptographicAlgorithm.HMAC_SHA3_256, CryptographicAlgorithm.HMAC_SHA3_384,
            CryptographicAlgorithm.HMAC_SHA3_512};
        HashingAlgorithm[] hashes = {HashingAlgorithm.SHA_1, HashingAlgorithm.SHA_224, HashingAlgorithm.SHA_256,
            HashingAlgorithm.SHA_384, HashingAlgorithm.SHA_512, HashingAlgorithm.SHA3_224, HashingAlgorithm.SHA3_256,
            HashingAlgorithm.SHA3_384, HashingAlgorithm.SHA3_512};
        for (int i = 0; i < keys.length; i++) {
            if (keys[i].equals(a)) {
                return hashes[i];
            }
        }
        return null;
    }

    private Key publicOnly() {
        if (!(key instanceof PublicKey)) {
            throw new KmipException(ResultReason.BAD_CRYPTOGRAPHIC_PARAMETERS, "RSA key wrapping: a private key"
                    + " (expected: the public key wraps)");
        }
        return key;
    }

    private PrivateKey privateOnly() {
        if (!(key instanceof PrivateKey pk)) {
            throw new KmipException(ResultReason.BAD_CRYPTOGRAPHIC_PARAMETERS, "RSA key unwrapping: a public key"
                    + " (expected: the private key unwraps)");
        }
        return pk;
    }

    private AlgorithmParameterSpec oaep() {
        HashingAlgorithm h = params.hashingAlgorithm() != null ? params.hashingAlgorithm() : HashingAlgorithm.SHA_1;
        HashingAlgorithm mgf = params.maskGeneratorHashingAlgorithm() != null ? params.maskGeneratorHashingAlgorithm() : h;
        PSource source = params.pSource() == null ? PSource.PSpecified.DEFAULT : new PSource.PSpecified(params.pSource().toByteArray());
        return new OAEPParameterSpec(HashNames.jca(h), "MGF1", new MGF1ParameterSpec(HashNames.jca(mgf)), source);
    }

    private int ivBytes() {
        Integer bits = params.ivLength();
        if (bits == null) {
            return GCM_IV_BYTES;
        }
        if (bits < 64 || bits % 8 != 0 || bits > 1024) {
            throw new KmipException(ResultReason.BAD_CRYPTOGRAPHIC_PARAMETERS, "IV length: " + bits
                    + " bits (expected: a multiple of 8 from 64 to 1024; 96 recommended for GCM)");
        }
        return bits / 8;
    }

    private int tagBytes() {
        Integer t = params.tagLength();
        if (t == null) {
            return GCM_TAG_BYTES;
        }
        if (t < 12 || t > 16) {
            throw new KmipException(ResultReason.BAD_CRYPTOGRAPHIC_PARAMETERS, "tag length: " + t
                    + " bytes (expected: 12 to 16 for a key wrap)");
        }
        return t;
    }

    @Override
    public String toString() {
        return "KeyWrapper[" + mode + "]";
    }
}
