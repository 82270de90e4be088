package io.kmipstack.server.crypto;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.model.CryptographicParameters;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.DigitalSignatureAlgorithm;
import io.kmipstack.codec.registry.HashingAlgorithm;
import io.kmipstack.codec.registry.PaddingMethod;
import io.kmipstack.codec.registry.ResultReason;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.DSAKey;
import java.security.interfaces.ECKey;
import java.security.interfaces.EdECKey;
import java.security.interfaces.RSAKey;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Objects;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.DigestInfo;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Digital signatures for Sign and Signature Verify (KMIP 1.4 sections 4.31-4.32, 2.1 sections
 * 6.1.55-6.1.56): RSA with PKCS#1 v1.5 or PSS padding, ECDSA, DSA, and pure EdDSA (Ed25519, Ed448;
 * the whole message is signed, as RFC 8032 defines it), each from the JDK. The scheme follows
 * from the Cryptographic Parameters, either a Digital Signature Algorithm or a Cryptographic
 * Algorithm with Padding Method and Hashing Algorithm, and the key. Pre-digested input (the
 * Digested Data field, since 1.4) is signed as the scheme's hash would have produced it: a
 * PKCS#1 v1.5 DigestInfo around it, PSS encoding of it, or ECDSA/DSA over it; EdDSA has no such
 * form and refuses it. BouncyCastle serves only PSS over a digest, which the JDK lacks.
 */
public final class Signatures {

    // Not installed as a JCA provider: asked for by instance where the JDK has no equivalent.
    private static final Provider BC = new BouncyCastleProvider();

    private Signatures() {
    }

    /** The families of signature schemes. */
    public enum Family {
        RSA_PKCS1_V1_5, RSA_PSS, ECDSA, DSA, EDDSA
    }

    /**
     * A signature scheme resolved from Cryptographic Parameters and a key: the family, the hash
     * (null for EdDSA) and, for PSS, its parameters; {@code anySalt}: the parameters leave the PSS
     * salt length open, so signing uses the hash length and verifying accepts the salt length the
     * signature carries (the OASIS reference signatures of CS-AC-M-2 use the largest, 222 bytes
     * for RSA-2048 with SHA-256).
     */
    public record Scheme(Family family, HashingAlgorithm hash, PSSParameterSpec pss, boolean anySalt) {

        public Scheme {
            Objects.requireNonNull(family, "family");
        }

        /** For messages: {@code RSASSA-PSS with SHA-256}. */
        public String describe() {
            String h = hash == null ? "" : " with " + hash.name();
            return switch (family) {
                case RSA_PKCS1_V1_5 -> "RSA PKCS#1 v1.5" + h;
                case RSA_PSS -> "RSASSA-PSS" + h;
                case ECDSA -> "ECDSA" + h;
                case DSA -> "DSA" + h;
                case EDDSA -> "EdDSA";
            };
        }
    }

    /**
     * The scheme {@code params} (may be null) ask for with {@code key}.
     *
     * @throws KmipException Bad Cryptographic Parameters when the parameters do not name a
     *     complete scheme or one that does not suit the key; Unsupported Cryptographic Parameters
     *     for schemes this server does not offer (MD2/MD5 with RSA, Ed25519ph)
     */
    public static Scheme scheme(Key key, CryptographicParameters params) {
        CryptographicParameters p = params == null ? CryptographicParameters.of() : params;
        Family family;
        HashingAlgorithm hash = p.hashingAlgorithm();
        DigitalSignatureAlgorithm dsa = p.digitalSignatureAlgorithm();
        if (dsa != null) {
            switch (dsa.value()) {
                case 0x03 -> { family = Family.RSA_PKCS1_V1_5; hash = HashingAlgorithm.SHA_1; }
                case 0x04 -> { family = Family.RSA_PKCS1_V1_5; hash = HashingAlgorithm.SHA_224; }
                case 0x05 -> { family = Family.RSA_PKCS1_V1_5; hash = HashingAlgorithm.SHA_256; }
                case 0x06 -> { family = Family.RSA_PKCS1_V1_5; hash = HashingAlgorithm.SHA_384; }
                case 0x07 -> { family = Family.RSA_PKCS1_V1_5; hash = HashingAlgorithm.SHA_512; }
                case 0x08 -> family = Family.RSA_PSS;
                case 0x09 -> { family = Family.DSA; hash = HashingAlgorithm.SHA_1; }
                case 0x0A -> { family = Family.DSA; hash = HashingAlgorithm.SHA_224; }
                case 0x0B -> { family = Family.DSA; hash = HashingAlgorithm.SHA_256; }
                case 0x0C -> { family = Family.ECDSA; hash = HashingAlgorithm.SHA_1; }
                case 0x0D -> { family = Family.ECDSA; hash = HashingAlgorithm.SHA_224; }
                case 0x0E -> { family = Family.ECDSA; hash = HashingAlgorithm.SHA_256; }
                case 0x0F -> { family = Family.ECDSA; hash = HashingAlgorithm.SHA_384; }
                case 0x10 -> { family = Family.ECDSA; hash = HashingAlgorithm.SHA_512; }
                case 0x11 -> { family = Family.RSA_PKCS1_V1_5; hash = HashingAlgorithm.SHA3_256; }
                case 0x12 -> { family = Family.RSA_PKCS1_V1_5; hash = HashingAlgorithm.SHA3_384; }
                case 0x13 -> { family = Family.RSA_PKCS1_V1_5; hash = HashingAlgorithm.SHA3_512; }
                default -> throw new KmipException(ResultReason.UNSUPPORTED_CRYPTOGRAPHIC_PARAMETERS,
                        "digital signature algorithm: " + dsa.name() + " (expected: SHA-1/SHA-2/SHA-3 with RSA, RSASSA-PSS,"
                                + " DSA or ECDSA with SHA-1/SHA-2)");
            }
        } else {
            CryptographicAlgorithm alg = p.cryptographicAlgorithm() != null ? p.cryptographicAlgorithm() : algorithmOf(key);
            if (CryptographicAlgorithm.RSA.equals(alg)) {
                PaddingMethod padding = p.paddingMethod();
                if (padding == null || PaddingMethod.PKCS1_V1_5.equals(padding)) {
                    family = Family.RSA_PKCS1_V1_5;
                } else if (PaddingMethod.PSS.equals(padding)) {
                    family = Family.RSA_PSS;
                } else {
                    throw new KmipException(ResultReason.BAD_CRYPTOGRAPHIC_PARAMETERS, "padding method: " + padding.name()
                            + " for an RSA signature (expected: PKCS1 v1.5 or PSS)");
                }
            } else if (CryptographicAlgorithm.ECDSA.equals(alg) || CryptographicAlgorithm.EC.equals(alg)) {
                family = Family.ECDSA;
            } else if (CryptographicAlgorithm.DSA.equals(alg)) {
                family = Family.DSA;
            } else if (CryptographicAlgorithm.ED25519.equals(alg) || CryptographicAlgorithm.ED448.equals(alg)) {
                family = Family.EDDSA;
            } else {
                throw new KmipException(ResultReason.BAD_CRYPTOGRAPHIC_PARAMETERS, "cryptographic algorithm: "
                        + (alg == null ? "none" : alg.name()) + " (expected: a signature algorithm: RSA, ECDSA, DSA, Ed25519 or Ed448)");
            }
        }
        if (family == Family.EDDSA) {
            if (p.hashingAlgorithm() != null) {
                // Ed25519ph / Ed448ph (RFC 8032 section 5.1) are other schemes; never sign pure when a hash was asked for.
                throw new KmipException(ResultReason.UNSUPPORTED_CRYPTOGRAPHIC_PARAMETERS, "hashing algorithm: "
                        + p.hashingAlgorithm().name() + " with EdDSA (expected: none; pure EdDSA signs the whole message)");
            }
            hash = null;
        } else if (hash == null) {
            throw new KmipException(ResultReason.BAD_CRYPTOGRAPHIC_PARAMETERS, family + " signature: no Hashing Algorithm"
                    + " (expected: one in the request's or the key's Cryptographic Parameters)");
        } else {
            HashNames.jca(hash);
        }
        requireKey(family, key, p.cryptographicAlgorithm());
        PSSParameterSpec pss = null;
        boolean anySalt = false;
        if (family == Family.RSA_PSS) {
            anySalt = p.saltLength() == null;
            HashingAlgorithm mgfHash = p.maskGeneratorHashingAlgorithm() != null ? p.maskGeneratorHashingAlgorithm() : hash;
            int salt = p.saltLength() != null ? p.saltLength() : HashNames.length(hash);
            int trailer = p.trailerField() != null ? p.trailerField() : PSSParameterSpec.TRAILER_FIELD_BC;
            if (salt < 0 || trailer != PSSParameterSpec.TRAILER_FIELD_BC) {
                throw new KmipException(ResultReason.BAD_CRYPTOGRAPHIC_PARAMETERS, "PSS: salt length " + salt + ", trailer field "
                        + trailer + " (expected: a salt length >= 0 and trailer field 1)");
            }
            pss = new PSSParameterSpec(HashNames.jca(hash), "MGF1", new MGF1ParameterSpec(HashNames.jca(mgfHash)), salt, trailer);
        }
        return new Scheme(family, hash, pss, anySalt);
    }

    /** The KMIP algorithm of a JCA key, telling Ed25519 from Ed448. */
    public static CryptographicAlgorithm algorithmOf(Key key) {
        if (key instanceof RSAKey) {
            return CryptographicAlgorithm.RSA;
        }
        if (key instanceof ECKey) {
            return CryptographicAlgorithm.EC;
        }
        if (key instanceof DSAKey) {
            return CryptographicAlgorithm.DSA;
        }
        if (key instanceof EdECKey ed) {
            return "Ed448".equalsIgnoreCase(ed.getParams().getName()) ? CryptographicAlgorithm.ED448 : CryptographicAlgorithm.ED25519;
        }
        return null;
    }

    private static void requireKey(Family family, Key key, CryptographicAlgorithm asked) {
        boolean fits = switch (family) {
            case RSA_PKCS1_V1_5, RSA_PSS -> key instanceof RSAKey;
            case ECDSA -> key instanceof ECKey;
            case DSA -> key instanceof DSAKey;
            case EDDSA -> key instanceof EdECKey && (asked == null || asked.equals(algorithmOf(key)));
        };
        if (!fits) {
            CryptographicAlgorithm have = algorithmOf(key);
            throw new KmipException(ResultReason.BAD_CRYPTOGRAPHIC_PARAMETERS, family + " signature with a "
                    + (have == null ? key.getAlgorithm() : have.name()) + " key (expected: parameters that suit the key)");
        }
    }

    /**
     * A signing computation; {@code digested}: the input is the message's digest under the
     * scheme's hash (Digested Data), not the message.
     */
    public static SignatureEngine signer(Scheme scheme, PrivateKey key, boolean digested) {
        Signature s = instance(scheme, digested);
        try {
            s.initSign(key, io.kmipstack.server.object.KeyGeneration.random());
        } catch (InvalidKeyException e) {
            throw new KmipException(ResultReason.BAD_CRYPTOGRAPHIC_PARAMETERS, scheme.describe() + ": the key does not suit it");
        }
        return new SignatureEngine(s, scheme, digested);
    }

    /** A verifying computation; {@code digested} as for {@link #signer}. */
    public static SignatureEngine verifier(Scheme scheme, PublicKey key, boolean digested) {
        if (scheme.anySalt() && key instanceof java.security.interfaces.RSAPublicKey rsa) {
            // The salt length is learned from the signature at the end; until then only the digest is kept.
            return new SignatureEngine(scheme, rsa, digested ? null : HashNames.digest(scheme.hash()));
        }
        Signature s = instance(scheme, digested);
        try {
            s.initVerify(key);
        } catch (InvalidKeyException e) {
            throw new KmipException(ResultReason.BAD_CRYPTOGRAPHIC_PARAMETERS, scheme.describe() + ": the key does not suit it");
        }
        return new SignatureEngine(s, scheme, digested);
    }

    private static Signature instance(Scheme scheme, boolean digested) {
        try {
            Signature s;
            switch (scheme.family()) {
                case RSA_PKCS1_V1_5 -> s = Signature.getInstance(digested ? "NONEwithRSA" : HashNames.signaturePrefix(scheme.hash()) + "withRSA");
                case RSA_PSS -> s = digested ? Signature.getInstance("NONEWITHRSAPSS", BC) : Signature.getInstance("RSASSA-PSS");
                case ECDSA -> s = Signature.getInstance(digested ? "NONEwithECDSA" : HashNames.signaturePrefix(scheme.hash()) + "withECDSA");
                case DSA -> s = Signature.getInstance(digested ? "NONEwithDSA" : HashNames.signaturePrefix(scheme.hash()) + "withDSA");
                case EDDSA -> {
                    if (digested) {
                        throw new KmipException(ResultReason.UNSUPPORTED_CRYPTOGRAPHIC_PARAMETERS,
                                "digested data with EdDSA (expected: Data; pure EdDSA signs the whole message)");
                    }
                    s = Signature.getInstance("EdDSA");
                }
                default -> throw new IllegalStateException(scheme.family().name());
            }
            if (scheme.pss() != null) {
                s.setParameter(scheme.pss());
            }
            return s;
        } catch (NoSuchAlgorithmException | InvalidAlgorithmParameterException e) {
            throw new KmipException(ResultReason.UNSUPPORTED_CRYPTOGRAPHIC_PARAMETERS, scheme.describe()
                    + (digested ? " over digested data" : "") + ": not available");
        }
    }

    /**
     * Verifies an RSASSA-PSS signature over {@code digest} whose salt length is read from the
     * signature itself (EMSA-PSS, RFC 8017 section 9.1.2: the salt follows the first 0x01 byte of the
     * unmasked data block), then checked in full by BouncyCastle's PSS over a digest with exactly
     * that salt length. False for anything malformed.
     */
    static boolean verifyPssAnySalt(Scheme scheme, java.security.interfaces.RSAPublicKey key, byte[] digest, byte[] signature) {
        try {
            String hash = HashNames.jca(scheme.hash());
            String mgfHash = ((MGF1ParameterSpec) scheme.pss().getMGFParameters()).getDigestAlgorithm();
            int salt = pssSaltLength(key, signature, HashNames.length(scheme.hash()), mgfHash);
            if (salt < 0) {
                return false;
            }
            Signature s = Signature.getInstance("NONEWITHRSAPSS", BC);
            s.setParameter(new PSSParameterSpec(hash, "MGF1", new MGF1ParameterSpec(mgfHash), salt, PSSParameterSpec.TRAILER_FIELD_BC));
            s.initVerify(key);
            s.update(digest);
            return s.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    // The salt length of an EMSA-PSS encoded message, or -1 when it is not one.
    private static int pssSaltLength(java.security.interfaces.RSAPublicKey key, byte[] signature, int hLen, String mgfHash)
            throws GeneralSecurityException {
        java.math.BigInteger n = key.getModulus();
        java.math.BigInteger s = new java.math.BigInteger(1, signature);
        if (s.compareTo(n) >= 0) {
            return -1;
        }
        int emBits = n.bitLength() - 1;
        int emLen = (emBits + 7) / 8;
        byte[] m = s.modPow(key.getPublicExponent(), n).toByteArray();
        byte[] em = new byte[emLen];
        int copy = Math.min(m.length, emLen);
        if (m.length > emLen && new java.math.BigInteger(1, java.util.Arrays.copyOf(m, m.length - emLen)).signum() != 0) {
            return -1;
        }
        System.arraycopy(m, m.length - copy, em, emLen - copy, copy);
        if (emLen < hLen + 2 || em[emLen - 1] != (byte) 0xbc) {
            return -1;
        }
        int dbLen = emLen - hLen - 1;
        byte[] h = java.util.Arrays.copyOfRange(em, dbLen, dbLen + hLen);
        java.security.MessageDigest md = java.security.MessageDigest.getInstance(mgfHash);
        byte[] db = new byte[dbLen];
        int done = 0;
        for (int counter = 0; done < dbLen; counter++) {
            md.update(h);
            md.update(new byte[] {(byte) (counter >>> 24), (byte) (counter >>> 16), (byte) (counter >>> 8), (byte) counter});
            byte[] t = md.digest();
            for (int i = 0; i < t.length && done < dbLen; i++, done++) {
                db[done] = (byte) (em[done] ^ t[i]);
            }
        }
        db[0] &= (byte) (0xff >>> (8 * emLen - emBits));
        int i = 0;
        while (i < dbLen && db[i] == 0) {
            i++;
        }
        if (i == dbLen || db[i] != 1) {
            return -1;
        }
        return dbLen - i - 1;
    }

    /** The PKCS#1 v1.5 DigestInfo (RFC 8017 section 9.2) around {@code digest}. */
    static byte[] digestInfo(HashingAlgorithm hash, byte[] digest) {
        try {
            return new DigestInfo(new AlgorithmIdentifier(HashNames.oid(hash), DERNull.INSTANCE), digest).getEncoded("DER");
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding of a DigestInfo", e);
        }
    }

    /** Wraps checked JCA failures of signing as Cryptographic Failure, without detail. */
    static KmipException failure(Scheme scheme, GeneralSecurityException e) {
        return new KmipException(ResultReason.CRYPTOGRAPHIC_FAILURE, scheme.describe() + ": signing failed ("
                + e.getClass().getSimpleName() + ")");
    }
}
