package io.kmipstack.client.jca;

import io.kmipstack.codec.model.Certificate;
import io.kmipstack.codec.model.CertificateRequest;
import io.kmipstack.codec.model.KeyBlock;
import io.kmipstack.codec.model.KeyMaterial;
import io.kmipstack.codec.model.KeyValue;
import io.kmipstack.codec.model.ManagedObject;
import io.kmipstack.codec.model.OpaqueObject;
import io.kmipstack.codec.model.PGPKey;
import io.kmipstack.codec.model.PrivateKey;
import io.kmipstack.codec.model.PublicKey;
import io.kmipstack.codec.model.SecretData;
import io.kmipstack.codec.model.SplitKey;
import io.kmipstack.codec.model.SymmetricKey;
import io.kmipstack.codec.model.Template;
import io.kmipstack.codec.model.TransparentECPrivateKey;
import io.kmipstack.codec.model.TransparentECPublicKey;
import io.kmipstack.codec.model.TransparentRSAPrivateKey;
import io.kmipstack.codec.model.TransparentRSAPublicKey;
import io.kmipstack.codec.model.TransparentSymmetricKey;
import io.kmipstack.codec.payload.GetResponsePayload;
import io.kmipstack.codec.registry.CertificateType;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.KeyFormatType;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.OpaqueDataType;
import io.kmipstack.codec.registry.RecommendedCurve;
import io.kmipstack.codec.registry.SecretDataType;
import io.kmipstack.codec.ttlv.Bytes;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.interfaces.ECKey;
import java.security.interfaces.RSAKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPrivateKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.jce.ECPointUtil;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Converts between KMIP managed objects and JCA keys and certificates (KMIP 1.4 section 2.2,
 * 2.1 section 2). From KMIP: a Symmetric Key in Raw, Opaque or Transparent Symmetric Key format
 * becomes a {@link SecretKey}; a Public Key in X.509 (SubjectPublicKeyInfo), PKCS#1 or
 * Transparent RSA/EC format a {@link java.security.PublicKey}; a Private Key in PKCS#8, PKCS#1,
 * EC Private Key (RFC 5915, with curve parameters) or Transparent RSA/EC format a
 * {@link java.security.PrivateKey}; an X.509 Certificate an {@link X509Certificate}. To KMIP:
 * secret keys as Raw, public keys as X.509, private keys as PKCS#8, certificates as X.509.
 *
 * <p>A wrapped key (its Key Value a ciphertext) cannot be converted: unwrap it first. Failures are
 * {@link IllegalArgumentException}s that name the format, never the material. Intermediate arrays
 * holding secret bytes are zeroed once the JCA object holds its own copy.
 */
public final class KmipObjects {

    private static final Map<CryptographicAlgorithm, String> SECRET_ALGORITHMS = Map.ofEntries(
            Map.entry(CryptographicAlgorithm.AES, "AES"),
            Map.entry(CryptographicAlgorithm.DES, "DES"),
            Map.entry(CryptographicAlgorithm.DES3, "DESede"),
            Map.entry(CryptographicAlgorithm.HMAC_SHA1, "HmacSHA1"),
            Map.entry(CryptographicAlgorithm.HMAC_SHA224, "HmacSHA224"),
            Map.entry(CryptographicAlgorithm.HMAC_SHA256, "HmacSHA256"),
            Map.entry(CryptographicAlgorithm.HMAC_SHA384, "HmacSHA384"),
            Map.entry(CryptographicAlgorithm.HMAC_SHA512, "HmacSHA512"),
            Map.entry(CryptographicAlgorithm.HMAC_MD5, "HmacMD5"),
            Map.entry(CryptographicAlgorithm.CHA_CHA20, "ChaCha20"),
            Map.entry(CryptographicAlgorithm.CAMELLIA, "Camellia"),
            Map.entry(CryptographicAlgorithm.ARIA, "ARIA"));

    private static final Map<RecommendedCurve, String> CURVES = Map.of(
            RecommendedCurve.P_192, "secp192r1",
            RecommendedCurve.P_224, "secp224r1",
            RecommendedCurve.P_256, "secp256r1",
            RecommendedCurve.P_384, "secp384r1",
            RecommendedCurve.P_521, "secp521r1",
            RecommendedCurve.SECP256_K1, "secp256k1");

    private KmipObjects() {
    }

    // ---- KMIP to JCA

    /** The object of a Get (or Export) response as a JCA key or certificate. */
    public static Object toJca(ManagedObject object) {
        if (object instanceof SymmetricKey) {
            return toSecretKey(object);
        }
        if (object instanceof PublicKey) {
            return toPublicKey(object);
        }
        if (object instanceof PrivateKey) {
            return toPrivateKey(object);
        }
        if (object instanceof Certificate) {
            return toCertificate(object);
        }
        throw new IllegalArgumentException("object: " + object.getClass().getSimpleName()
                + " (expected: SymmetricKey, PublicKey, PrivateKey or Certificate)");
    }

    public static SecretKey toSecretKey(GetResponsePayload response) {
        return toSecretKey(response.managedObject());
    }

    /** A Symmetric Key as a {@link SecretKeySpec} named for its Cryptographic Algorithm. */
    public static SecretKey toSecretKey(ManagedObject object) {
        if (!(object instanceof SymmetricKey sk)) {
            throw new IllegalArgumentException("object: " + object.getClass().getSimpleName() + " (expected: SymmetricKey)");
        }
        KeyBlock kb = sk.keyBlock();
        KeyMaterial material = material(kb);
        Bytes bytes;
        if (material instanceof KeyMaterial.Raw raw) {
            bytes = raw.bytes();
        } else {
            bytes = material.as(TransparentSymmetricKey::decode).key();
        }
        String algorithm = kb.cryptographicAlgorithm() == null ? "RAW"
                : SECRET_ALGORITHMS.getOrDefault(kb.cryptographicAlgorithm(), kb.cryptographicAlgorithm().name());
        byte[] b = bytes.toByteArray();
        try {
            return new SecretKeySpec(b, algorithm);
        } finally {
            Arrays.fill(b, (byte) 0);
        }
    }

    public static java.security.PublicKey toPublicKey(GetResponsePayload response) {
        return toPublicKey(response.managedObject());
    }

    public static java.security.PublicKey toPublicKey(ManagedObject object) {
        if (!(object instanceof PublicKey pk)) {
            throw new IllegalArgumentException("object: " + object.getClass().getSimpleName() + " (expected: PublicKey)");
        }
        KeyBlock kb = pk.keyBlock();
        KeyFormatType f = kb.keyFormatType();
        KeyMaterial m = material(kb);
        try {
            if (f.equals(KeyFormatType.X_509)) {
                return new JcaPEMKeyConverter().getPublicKey(SubjectPublicKeyInfo.getInstance(raw(m, f)));
            }
            if (f.equals(KeyFormatType.PKCS_1)) {
                RSAPublicKey k = RSAPublicKey.getInstance(raw(m, f));
                return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(k.getModulus(), k.getPublicExponent()));
            }
            if (f.equals(KeyFormatType.TRANSPARENT_RSA_PUBLIC_KEY)) {
                TransparentRSAPublicKey k = m.as(TransparentRSAPublicKey::decode);
                return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(big(k.modulus()), big(k.publicExponent())));
            }
            if (f.equals(KeyFormatType.TRANSPARENT_EC_PUBLIC_KEY) || f.equals(KeyFormatType.TRANSPARENT_ECDSA_PUBLIC_KEY)
                    || f.equals(KeyFormatType.TRANSPARENT_ECDH_PUBLIC_KEY)) {
                TransparentECPublicKey k = m.as(TransparentECPublicKey::decode);
                ECParameterSpec params = curve(k.recommendedCurve());
                return KeyFactory.getInstance("EC").generatePublic(
                        new ECPublicKeySpec(ECPointUtil.decodePoint(params.getCurve(), k.qString().toByteArray()), params));
            }
        } catch (GeneralSecurityException | IllegalArgumentException | IllegalStateException | java.io.IOException e) {
            throw new IllegalArgumentException("public key in format " + f + ": cannot be read (" + e.getClass().getSimpleName() + ")", e);
        }
        throw new IllegalArgumentException("public key format: " + f
                + " (expected: X_509, PKCS_1, TransparentRSAPublicKey or TransparentECPublicKey)");
    }

    public static java.security.PrivateKey toPrivateKey(GetResponsePayload response) {
        return toPrivateKey(response.managedObject());
    }

    public static java.security.PrivateKey toPrivateKey(ManagedObject object) {
        if (!(object instanceof PrivateKey pk)) {
            throw new IllegalArgumentException("object: " + object.getClass().getSimpleName() + " (expected: PrivateKey)");
        }
        KeyBlock kb = pk.keyBlock();
        KeyFormatType f = kb.keyFormatType();
        KeyMaterial m = material(kb);
        byte[] der = null;
        try {
            if (f.equals(KeyFormatType.PKCS_8)) {
                der = raw(m, f);
                return new JcaPEMKeyConverter().getPrivateKey(PrivateKeyInfo.getInstance(der));
            }
            if (f.equals(KeyFormatType.PKCS_1)) {
                der = raw(m, f);
                RSAPrivateKey k = RSAPrivateKey.getInstance(der);
                return KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(k.getModulus(), k.getPublicExponent(),
                        k.getPrivateExponent(), k.getPrime1(), k.getPrime2(), k.getExponent1(), k.getExponent2(), k.getCoefficient()));
            }
            if (f.equals(KeyFormatType.EC_PRIVATE_KEY)) {
                der = raw(m, f);
                org.bouncycastle.asn1.sec.ECPrivateKey k = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(der);
                org.bouncycastle.asn1.ASN1Object params = k.getParametersObject();
                if (params == null) {
                    throw new IllegalArgumentException("EC private key without curve parameters (expected: RFC 5915 with parameters)");
                }
                PrivateKeyInfo info = new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, params), k);
                return new JcaPEMKeyConverter().getPrivateKey(info);
            }
            if (f.equals(KeyFormatType.TRANSPARENT_RSA_PRIVATE_KEY)) {
                TransparentRSAPrivateKey k = m.as(TransparentRSAPrivateKey::decode);
                KeyFactory kf = KeyFactory.getInstance("RSA");
                if (k.publicExponent() != null && k.p() != null && k.q() != null && k.primeExponentP() != null
                        && k.primeExponentQ() != null && k.crtCoefficient() != null && k.privateExponent() != null) {
                    return kf.generatePrivate(new RSAPrivateCrtKeySpec(big(k.modulus()), big(k.publicExponent()), big(k.privateExponent()),
                            big(k.p()), big(k.q()), big(k.primeExponentP()), big(k.primeExponentQ()), big(k.crtCoefficient())));
                }
                if (k.privateExponent() == null) {
                    throw new IllegalArgumentException("transparent RSA private key without Private Exponent");
                }
                return kf.generatePrivate(new RSAPrivateKeySpec(big(k.modulus()), big(k.privateExponent())));
            }
            if (f.equals(KeyFormatType.TRANSPARENT_EC_PRIVATE_KEY) || f.equals(KeyFormatType.TRANSPARENT_ECDSA_PRIVATE_KEY)
                    || f.equals(KeyFormatType.TRANSPARENT_ECDH_PRIVATE_KEY)) {
                TransparentECPrivateKey k = m.as(TransparentECPrivateKey::decode);
                return KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(big(k.d()), curve(k.recommendedCurve())));
            }
        } catch (GeneralSecurityException | IllegalStateException | java.io.IOException e) {
            throw new IllegalArgumentException("private key in format " + f + ": cannot be read (" + e.getClass().getSimpleName() + ")", e);
        } finally {
            if (der != null) {
                Arrays.fill(der, (byte) 0);
            }
        }
        throw new IllegalArgumentException("private key format: " + f
                + " (expected: PKCS_8, PKCS_1, ECPrivateKey, TransparentRSAPrivateKey or TransparentECPrivateKey)");
    }

    public static X509Certificate toCertificate(GetResponsePayload response) {
        return toCertificate(response.managedObject());
    }

    public static X509Certificate toCertificate(ManagedObject object) {
        if (!(object instanceof Certificate c)) {
            throw new IllegalArgumentException("object: " + object.getClass().getSimpleName() + " (expected: Certificate)");
        }
        if (!CertificateType.X_509.equals(c.certificateType())) {
            throw new IllegalArgumentException("certificate type: " + c.certificateType() + " (expected: X_509)");
        }
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(c.certificateValue().toByteArray()));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("X.509 certificate: cannot be parsed (" + e.getMessage() + ")", e);
        }
    }

    // ---- JCA to KMIP

    /** A {@code SecretKey}, {@code PublicKey} or {@code PrivateKey} as a KMIP managed object. */
    public static ManagedObject fromKey(Key key) {
        Objects.requireNonNull(key, "key");
        if (key instanceof SecretKey sk) {
            return fromSecretKey(sk);
        }
        if (key instanceof java.security.PublicKey pk) {
            return fromPublicKey(pk);
        }
        if (key instanceof java.security.PrivateKey pk) {
            return fromPrivateKey(pk);
        }
        throw new IllegalArgumentException("key: " + key.getClass().getName() + " (expected: SecretKey, PublicKey or PrivateKey)");
    }

    /** A Symmetric Key in Raw format with the key's algorithm and length in bits. */
    public static SymmetricKey fromSecretKey(SecretKey key) {
        CryptographicAlgorithm algorithm = secretAlgorithm(key.getAlgorithm());
        byte[] encoded = key.getEncoded();
        if (encoded == null) {
            throw new IllegalArgumentException("secret key " + key.getAlgorithm() + ": not extractable (getEncoded() is null)");
        }
        try {
            return symmetricKey(algorithm, Bytes.of(encoded));
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    /** A Symmetric Key in Raw format. */
    public static SymmetricKey symmetricKey(CryptographicAlgorithm algorithm, Bytes key) {
        return new SymmetricKey(new KeyBlock(KeyFormatType.RAW, null, KeyValue.of(KeyMaterial.of(key)), algorithm, key.length() * 8, null));
    }

    /** A Public Key in X.509 (SubjectPublicKeyInfo) format. */
    public static PublicKey fromPublicKey(java.security.PublicKey key) {
        requireFormat(key, "X.509");
        return new PublicKey(new KeyBlock(KeyFormatType.X_509, null, KeyValue.of(KeyMaterial.of(Bytes.of(key.getEncoded()))),
                asymmetricAlgorithm(key), length(key), null));
    }

    /** A Private Key in PKCS#8 format. */
    public static PrivateKey fromPrivateKey(java.security.PrivateKey key) {
        requireFormat(key, "PKCS#8");
        byte[] encoded = key.getEncoded();
        try {
            return new PrivateKey(new KeyBlock(KeyFormatType.PKCS_8, null, KeyValue.of(KeyMaterial.of(Bytes.of(encoded))),
                    asymmetricAlgorithm(key), length(key), null));
        } finally {
            Arrays.fill(encoded, (byte) 0);
        }
    }

    public static Certificate fromCertificate(X509Certificate certificate) {
        try {
            return new Certificate(CertificateType.X_509, Bytes.of(certificate.getEncoded()));
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate: cannot be encoded (" + e.getMessage() + ")", e);
        }
    }

    /** Secret Data in Opaque key format. */
    public static SecretData secretData(SecretDataType type, Bytes data) {
        return new SecretData(type, new KeyBlock(KeyFormatType.OPAQUE, null, KeyValue.of(KeyMaterial.of(data)), null, null, null));
    }

    public static OpaqueObject opaque(OpaqueDataType type, Bytes data) {
        return new OpaqueObject(type, data);
    }

    /** The Object Type of {@code object}, as Register and Import send it. */
    public static ObjectType objectType(ManagedObject object) {
        if (object instanceof SymmetricKey) {
            return ObjectType.SYMMETRIC_KEY;
        } else if (object instanceof PublicKey) {
            return ObjectType.PUBLIC_KEY;
        } else if (object instanceof PrivateKey) {
            return ObjectType.PRIVATE_KEY;
        } else if (object instanceof SecretData) {
            return ObjectType.SECRET_DATA;
        } else if (object instanceof Certificate) {
            return ObjectType.CERTIFICATE;
        } else if (object instanceof OpaqueObject) {
            return ObjectType.OPAQUE_OBJECT;
        } else if (object instanceof SplitKey) {
            return ObjectType.SPLIT_KEY;
        } else if (object instanceof Template) {
            return ObjectType.TEMPLATE;
        } else if (object instanceof PGPKey) {
            return ObjectType.PGP_KEY;
        } else if (object instanceof CertificateRequest) {
            return ObjectType.CERTIFICATE_REQUEST;
        }
        throw new IllegalArgumentException("object: " + object.getClass().getSimpleName() + " (expected: a KMIP managed object)");
    }

    // ---- helpers

    private static KeyMaterial material(KeyBlock kb) {
        if (kb.keyValue() == null) {
            throw new IllegalArgumentException("key block: no Key Value (expected: the key material)");
        }
        if (kb.keyValue() instanceof KeyValue.Wrapped) {
            throw new IllegalArgumentException("key block: wrapped (expected: a plaintext key; unwrap it first)");
        }
        return kb.keyValue().keyMaterial();
    }

    private static byte[] raw(KeyMaterial m, KeyFormatType f) {
        if (m instanceof KeyMaterial.Raw r) {
            return r.bytes().toByteArray();
        }
        throw new IllegalArgumentException("key format " + f + ": material is a structure (expected: a Byte String)");
    }

    private static BigInteger big(Bytes twosComplement) {
        return new BigInteger(twosComplement.toByteArray());
    }

    private static ECParameterSpec curve(RecommendedCurve curve) throws GeneralSecurityException {
        String name = CURVES.get(curve);
        if (name == null) {
            throw new IllegalArgumentException("recommended curve: " + curve + " (expected: one of " + CURVES.keySet() + ")");
        }
        AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
        p.init(new ECGenParameterSpec(name));
        return p.getParameterSpec(ECParameterSpec.class);
    }

    private static CryptographicAlgorithm secretAlgorithm(String jca) {
        for (Map.Entry<CryptographicAlgorithm, String> e : SECRET_ALGORITHMS.entrySet()) {
            if (e.getValue().equalsIgnoreCase(jca)) {
                return e.getKey();
            }
        }
        if (jca.toUpperCase(Locale.ROOT).equals("TRIPLEDES") || jca.equalsIgnoreCase("3DES")) {
            return CryptographicAlgorithm.DES3;
        }
        throw new IllegalArgumentException("secret key algorithm: " + jca + " (expected: one of " + SECRET_ALGORITHMS.values() + ")");
    }

    private static CryptographicAlgorithm asymmetricAlgorithm(Key key) {
        return switch (key.getAlgorithm()) {
            case "RSA" -> CryptographicAlgorithm.RSA;
            // ECDSA is the 1.0 name for an EC key; EC itself only exists from 1.2.
            case "EC", "ECDSA" -> CryptographicAlgorithm.ECDSA;
            case "DSA" -> CryptographicAlgorithm.DSA;
            case "DH", "DiffieHellman" -> CryptographicAlgorithm.DH;
            case "Ed25519" -> CryptographicAlgorithm.ED25519;
            case "Ed448" -> CryptographicAlgorithm.ED448;
            default -> throw new IllegalArgumentException("key algorithm: " + key.getAlgorithm() + " (expected: RSA, EC, DSA, DH, Ed25519 or Ed448)");
        };
    }

    private static Integer length(Key key) {
        if (key instanceof RSAKey r) {
            return r.getModulus().bitLength();
        }
        if (key instanceof ECKey e) {
            return e.getParams().getCurve().getField().getFieldSize();
        }
        return null;
    }

    private static void requireFormat(Key key, String format) {
        if (!format.equals(key.getFormat())) {
            throw new IllegalArgumentException("key " + key.getAlgorithm() + " encoding: " + key.getFormat() + " (expected: " + format + ")");
        }
    }
}
