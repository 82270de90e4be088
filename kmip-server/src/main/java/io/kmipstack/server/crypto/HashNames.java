package io.kmipstack.server.crypto;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.registry.HashingAlgorithm;
import io.kmipstack.codec.registry.ResultReason;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.nist.NISTObjectIdentifiers;
import org.bouncycastle.asn1.oiw.OIWObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;

/**
 * The KMIP Hashing Algorithms (KMIP 1.4 section 9.1.3.2.16, 2.1 section 11.24) that signatures,
 * key derivation and key wrapping use, by their JCA names, output lengths and object identifiers.
 * MD2, MD4, RIPEMD-160, Tiger and Whirlpool are not offered: none is fit for new signatures or
 * keys, and the JDK lacks most of them.
 */
public final class HashNames {

    private HashNames() {
    }

    /**
     * The JCA {@link MessageDigest} name of {@code hash}.
     *
     * @throws KmipException Unsupported Cryptographic Parameters for a hash this server does not offer
     */
    public static String jca(HashingAlgorithm hash) {
        String name = jcaOrNull(hash);
        if (name == null) {
            throw new KmipException(ResultReason.UNSUPPORTED_CRYPTOGRAPHIC_PARAMETERS, "hashing algorithm: " + hash.name()
                    + " (expected: SHA-1, SHA-2 or SHA-3)");
        }
        return name;
    }

    static String jcaOrNull(HashingAlgorithm hash) {
        if (hash == null) {
            return null;
        }
        return switch (hash.value()) {
            case 0x03 -> "MD5";
            case 0x04 -> "SHA-1";
            case 0x05 -> "SHA-224";
            case 0x06 -> "SHA-256";
            case 0x07 -> "SHA-384";
            case 0x08 -> "SHA-512";
            case 0x0C -> "SHA-512/224";
            case 0x0D -> "SHA-512/256";
            case 0x0E -> "SHA3-224";
            case 0x0F -> "SHA3-256";
            case 0x10 -> "SHA3-384";
            case 0x11 -> "SHA3-512";
            default -> null;
        };
    }

    /** The digest length of {@code hash} in bytes. */
    public static int length(HashingAlgorithm hash) {
        return digest(hash).getDigestLength();
    }

    /** A new {@link MessageDigest} for {@code hash}. */
    public static MessageDigest digest(HashingAlgorithm hash) {
        try {
            return MessageDigest.getInstance(jca(hash));
        } catch (NoSuchAlgorithmException e) {
            throw new KmipException(ResultReason.UNSUPPORTED_CRYPTOGRAPHIC_PARAMETERS, "hashing algorithm: " + hash.name()
                    + " (not available in this JDK)");
        }
    }

    /** The JCA name of HMAC with {@code hash}, e.g. {@code HmacSHA256}, {@code HmacSHA3-256}. */
    public static String hmac(HashingAlgorithm hash) {
        String name = jca(hash);
        return "Hmac" + (name.startsWith("SHA-") ? "SHA" + name.substring(4) : name);
    }

    /** The name JCA signature algorithms use for {@code hash}: {@code SHA256}, {@code SHA3-256}, {@code SHA512/224}. */
    static String signaturePrefix(HashingAlgorithm hash) {
        String name = jca(hash);
        return name.startsWith("SHA-") ? "SHA" + name.substring(4) : name;
    }

    /** The object identifier of {@code hash}, for a PKCS#1 v1.5 DigestInfo. */
    static ASN1ObjectIdentifier oid(HashingAlgorithm hash) {
        return switch (hash.value()) {
            case 0x03 -> PKCSObjectIdentifiers.md5;
            case 0x04 -> OIWObjectIdentifiers.idSHA1;
            case 0x05 -> NISTObjectIdentifiers.id_sha224;
            case 0x06 -> NISTObjectIdentifiers.id_sha256;
            case 0x07 -> NISTObjectIdentifiers.id_sha384;
            case 0x08 -> NISTObjectIdentifiers.id_sha512;
            case 0x0C -> NISTObjectIdentifiers.id_sha512_224;
            case 0x0D -> NISTObjectIdentifiers.id_sha512_256;
            case 0x0E -> NISTObjectIdentifiers.id_sha3_224;
            case 0x0F -> NISTObjectIdentifiers.id_sha3_256;
            case 0x10 -> NISTObjectIdentifiers.id_sha3_384;
            case 0x11 -> NISTObjectIdentifiers.id_sha3_512;
            default -> throw new KmipException(ResultReason.UNSUPPORTED_CRYPTOGRAPHIC_PARAMETERS, "hashing algorithm: "
                    + hash.name() + " (expected: SHA-1, SHA-2 or SHA-3)");
        };
    }
}
