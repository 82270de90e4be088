package io.kmipstack.server.object;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.model.CryptographicDomainParameters;
import io.kmipstack.codec.payload.RNGParameters;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.DRBGAlgorithm;
import io.kmipstack.codec.registry.HashingAlgorithm;
import io.kmipstack.codec.registry.RNGAlgorithm;
import io.kmipstack.codec.registry.RecommendedCurve;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.ttlv.Bytes;
import java.security.DrbgParameters;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Locale;

/**
 * Generates key material for Create, Create Key Pair and Re-key, from one NIST SP 800-90A DRBG
 * (the JDK's {@code DRBG} SecureRandom at 256-bit strength). What the generator is, is reported
 * in the Random Number Generator attribute of every object it makes (KMIP 1.4 section 3.44).
 */
public final class KeyGeneration {

    private static final SecureRandom RANDOM = newRandom();
    private static final RNGParameters RNG = describe(RANDOM);

    private KeyGeneration() {
    }

    private static SecureRandom newRandom() {
        try {
            return SecureRandom.getInstance("DRBG", DrbgParameters.instantiation(256, DrbgParameters.Capability.RESEED_ONLY, null));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK's DRBG SecureRandom is missing", e);
        }
    }

    // The JDK prints its DRBG as e.g. "Hash_DRBG,SHA-256,256,reseed_only" (mechanism, function, strength, capability).
    private static RNGParameters describe(SecureRandom random) {
        String[] parts = random.toString().split(",");
        DRBGAlgorithm drbg = null;
        HashingAlgorithm hash = null;
        CryptographicAlgorithm cipher = null;
        Integer length = null;
        if (parts.length >= 3) {
            switch (parts[0].trim()) {
                case "Hash_DRBG" -> drbg = DRBGAlgorithm.HASH;
                case "HMAC_DRBG" -> drbg = DRBGAlgorithm.HMAC;
                case "CTR_DRBG" -> drbg = DRBGAlgorithm.CTR;
                default -> drbg = null;
            }
            String function = parts[1].trim().toUpperCase(Locale.ROOT);
            if (function.startsWith("SHA-")) {
                hash = switch (function) {
                    case "SHA-224" -> HashingAlgorithm.SHA_224;
                    case "SHA-256" -> HashingAlgorithm.SHA_256;
                    case "SHA-384" -> HashingAlgorithm.SHA_384;
                    case "SHA-512" -> HashingAlgorithm.SHA_512;
                    default -> null;
                };
            } else if (function.startsWith("AES-")) {
                cipher = CryptographicAlgorithm.AES;
                length = Integer.valueOf(function.substring(4));
            }
        }
        if (drbg == null) {
            return new RNGParameters(RNGAlgorithm.UNSPECIFIED, null, null, null, null, null, null, null);
        }
        return new RNGParameters(RNGAlgorithm.DRBG, cipher, length, hash, drbg, null, null, null);
    }

    /** The Random Number Generator attribute value of generated objects. */
    public static RNGParameters rng() {
        return RNG;
    }

    /** The shared generator (thread-safe). */
    public static SecureRandom random() {
        return RANDOM;
    }

    /**
     * Key material for a symmetric key of {@code algorithm} and {@code bits}.
     *
     * @throws KmipException Invalid Field (1.x) / Invalid Attribute Value when the length does not
     *     suit the algorithm, Feature Not Supported for algorithms the server does not generate
     */
    public static Bytes symmetric(CryptographicAlgorithm algorithm, int bits, ResultReason badLength) {
        int bytes = symmetricBytes(algorithm, bits, badLength);
        byte[] key = new byte[bytes];
        RANDOM.nextBytes(key);
        return Bytes.wrap(key);
    }

    private static int symmetricBytes(CryptographicAlgorithm a, int bits, ResultReason badLength) {
        if (a.equals(CryptographicAlgorithm.AES) || a.equals(CryptographicAlgorithm.CAMELLIA)
                || a.equals(CryptographicAlgorithm.ARIA)) {
            // AES-XTS keys are registered and created with their full (double) length, hence 512.
            return fixed(a, bits, badLength, 128, 192, 256, 512);
        }
        if (a.equals(CryptographicAlgorithm.DES3)) {
            // Two-key (112) and three-key (168) Triple DES; the key material carries parity bits.
            return switch (bits) {
                case 112, 128 -> 16;
                case 168, 192 -> 24;
                default -> throw badLength(a, bits, badLength, "112 or 168");
            };
        }
        if (a.equals(CryptographicAlgorithm.DES)) {
            fixed(a, bits, badLength, 56, 64);
            return 8;
        }
        if (a.equals(CryptographicAlgorithm.CHA_CHA20) || a.equals(CryptographicAlgorithm.CHA_CHA20_POLY1305)) {
            return fixed(a, bits, badLength, 256);
        }
        if (a.equals(CryptographicAlgorithm.SM4)) {
            return fixed(a, bits, badLength, 128);
        }
        if (a.name().startsWith("HMAC_") || a.equals(CryptographicAlgorithm.BLOWFISH)) {
            if (bits < 8 || bits % 8 != 0 || bits > 8192) {
                throw badLength(a, bits, badLength, "a multiple of 8 from 8 to 8192");
            }
            return bits / 8;
        }
        throw new KmipException(ResultReason.FEATURE_NOT_SUPPORTED, "key generation: " + a.name()
                + " (expected: AES, DES, DES3, HMAC_*, ChaCha20, Camellia, ARIA, SM4, Blowfish)");
    }

    private static int fixed(CryptographicAlgorithm a, int bits, ResultReason badLength, int... allowed) {
        for (int b : allowed) {
            if (b == bits) {
                return (bits + 7) / 8;
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int b : allowed) {
            sb.append(sb.length() == 0 ? "" : ", ").append(b);
        }
        throw badLength(a, bits, badLength, sb.toString());
    }

    private static KmipException badLength(CryptographicAlgorithm a, int bits, ResultReason reason, String expected) {
        return new KmipException(reason, "cryptographic length: " + bits + " for " + a.name() + " (expected: " + expected + ")");
    }

    /**
     * A key pair: RSA (2048 to 4096 bits, public exponent 65537), EC on P-256/P-384/P-521 (named
     * by length or by the Cryptographic Domain Parameters' Recommended Curve), Ed25519, Ed448.
     */
    public static KeyPair keyPair(CryptographicAlgorithm a, Integer bits, CryptographicDomainParameters domain,
            ResultReason badValue) {
        try {
            if (a.equals(CryptographicAlgorithm.RSA)) {
                if (bits == null || bits < 2048 || bits > 4096 || bits % 8 != 0) {
                    throw new KmipException(badValue, "cryptographic length: " + bits + " for RSA (expected: 2048 to 4096, a multiple of 8)");
                }
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(new RSAKeyGenParameterSpec(bits, RSAKeyGenParameterSpec.F4), RANDOM);
                return g.generateKeyPair();
            }
            if (a.equals(CryptographicAlgorithm.EC) || a.equals(CryptographicAlgorithm.ECDSA) || a.equals(CryptographicAlgorithm.ECDH)) {
                RecommendedCurve curve = domain != null && domain.recommendedCurve() != null ? domain.recommendedCurve()
                        : bits == null ? null : switch (bits) {
                            case 256 -> RecommendedCurve.P_256;
                            case 384 -> RecommendedCurve.P_384;
                            case 521 -> RecommendedCurve.P_521;
                            default -> null;
                        };
                String name = curve == null ? null : KeyFormats.curveName(curve);
                if (name == null) {
                    throw new KmipException(badValue, "EC key pair: length " + bits + (curve == null ? "" : ", curve " + curve.name())
                            + " (expected: P_256, P_384 or P_521)");
                }
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec(name), RANDOM);
                return g.generateKeyPair();
            }
            if (a.equals(CryptographicAlgorithm.ED25519) || a.equals(CryptographicAlgorithm.ED448)) {
                KeyPairGenerator g = KeyPairGenerator.getInstance(a.equals(CryptographicAlgorithm.ED25519) ? "Ed25519" : "Ed448");
                g.initialize(a.equals(CryptographicAlgorithm.ED25519) ? 255 : 448, RANDOM);
                return g.generateKeyPair();
            }
        } catch (GeneralSecurityException e) {
            throw new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, "key pair generation: " + a.name() + " failed", e);
        }
        throw new KmipException(ResultReason.FEATURE_NOT_SUPPORTED, "key pair generation: " + a.name()
                + " (expected: RSA, EC, ECDSA, ECDH, Ed25519, Ed448)");
    }
}
