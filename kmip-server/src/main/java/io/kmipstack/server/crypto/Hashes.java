package io.kmipstack.server.crypto;

import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.HashingAlgorithm;
import io.kmipstack.codec.registry.KmipVersion;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/**
 * The hash functions of the Hash operation (KMIP 1.4 section 4.37, 2.1 section 6.1.24) and of the
 * hash-based parameters elsewhere (OAEP, MGF1, HMAC): SHA-1, SHA-224/256/384/512, SHA-512/224,
 * SHA-512/256 (FIPS 180-4) and SHA3-224/256/384/512 (FIPS 202), all from the JDK. MD5 is offered
 * for interoperability with old clients; the other legacy functions of the enumeration (MD2, MD4,
 * RIPEMD-160, Tiger, Whirlpool) are not.
 */
public final class Hashes {

    private Hashes() {
    }

    private static final Map<HashingAlgorithm, String> JCA = Map.ofEntries(
            Map.entry(HashingAlgorithm.SHA_1, "SHA-1"),
            Map.entry(HashingAlgorithm.SHA_224, "SHA-224"),
            Map.entry(HashingAlgorithm.SHA_256, "SHA-256"),
            Map.entry(HashingAlgorithm.SHA_384, "SHA-384"),
            Map.entry(HashingAlgorithm.SHA_512, "SHA-512"),
            Map.entry(HashingAlgorithm.SHA_512_224, "SHA-512/224"),
            Map.entry(HashingAlgorithm.SHA_512_256, "SHA-512/256"),
            Map.entry(HashingAlgorithm.SHA3_224, "SHA3-224"),
            Map.entry(HashingAlgorithm.SHA3_256, "SHA3-256"),
            Map.entry(HashingAlgorithm.SHA3_384, "SHA3-384"),
            Map.entry(HashingAlgorithm.SHA3_512, "SHA3-512"),
            Map.entry(HashingAlgorithm.MD5, "MD5"));

    private static final Map<CryptographicAlgorithm, HashingAlgorithm> HASH_ALGORITHMS = Map.of(
            CryptographicAlgorithm.SHA3_224, HashingAlgorithm.SHA3_224,
            CryptographicAlgorithm.SHA3_256, HashingAlgorithm.SHA3_256,
            CryptographicAlgorithm.SHA3_384, HashingAlgorithm.SHA3_384,
            CryptographicAlgorithm.SHA3_512, HashingAlgorithm.SHA3_512);

    /** The JCA name of {@code h}, or null when the server does not offer it. */
    public static String jcaName(HashingAlgorithm h) {
        return h == null ? null : JCA.get(h);
    }

    /**
     * The hashing algorithm a Hash request names: its Hashing Algorithm, else a Cryptographic
     * Algorithm that is a hash function (the SHA3 values of that enumeration), else null.
     */
    public static HashingAlgorithm of(HashingAlgorithm hashing, CryptographicAlgorithm algorithm) {
        if (hashing != null) {
            return hashing;
        }
        return algorithm == null ? null : HASH_ALGORITHMS.get(algorithm);
    }

    /**
     * A new digest for {@code h}.
     *
     * @throws io.kmipstack.codec.KmipException Unsupported Cryptographic Parameters (1.x: Feature
     *     Not Supported) for a function the server does not offer, Bad Cryptographic Parameters
     *     (Invalid Field) when there is none
     */
    public static MessageDigest digest(HashingAlgorithm h, KmipVersion v) {
        if (h == null) {
            throw CryptoFailures.badParameters(v, "hashing algorithm: none (expected: in the Cryptographic Parameters)");
        }
        String name = jcaName(h);
        if (name == null) {
            throw CryptoFailures.unsupportedParameters(v, "hashing algorithm: " + h.name() + " (expected: " + OFFERED + ")");
        }
        try {
            return MessageDigest.getInstance(name);
        } catch (NoSuchAlgorithmException e) {
            throw CryptoFailures.unsupportedParameters(v, "hashing algorithm: " + h.name() + " (not available in this JDK)");
        }
    }

    static final String OFFERED = "SHA_1, SHA_224, SHA_256, SHA_384, SHA_512, SHA_512_224, SHA_512_256, SHA3_224, SHA3_256,"
            + " SHA3_384, SHA3_512 or MD5";
}
