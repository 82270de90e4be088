package io.kmipstack.server.object;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.model.KeyBlock;
import io.kmipstack.codec.model.KeyMaterial;
import io.kmipstack.codec.model.KeyValue;
import io.kmipstack.codec.model.TransparentDSAPrivateKey;
import io.kmipstack.codec.model.TransparentDSAPublicKey;
import io.kmipstack.codec.model.TransparentECPrivateKey;
import io.kmipstack.codec.model.TransparentECPublicKey;
import io.kmipstack.codec.model.TransparentRSAPrivateKey;
import io.kmipstack.codec.model.TransparentRSAPublicKey;
import io.kmipstack.codec.model.TransparentSymmetricKey;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.KeyFormatType;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.RecommendedCurve;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.Ttlv;
import java.io.IOException;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.DSAParams;
import java.security.interfaces.DSAPrivateKey;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.DSAPrivateKeySpec;
import java.security.spec.DSAPublicKeySpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPrivateCrtKeySpec;
import java.security.spec.RSAPrivateKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Key Format Types (KMIP 1.4 section 9.1.3.2.3, 2.1 section 11.17) and the conversions between
 * them that a server may perform on Get: Raw and Transparent Symmetric Key for symmetric keys and
 * secret data; PKCS#1, PKCS#8 / X.509 and Transparent for RSA; PKCS#8, SEC1 ECPrivateKey / X.509
 * and Transparent EC for the NIST curves; PKCS#8 / X.509 and Transparent for DSA; PKCS#8 / X.509
 * for Ed25519 and Ed448. A key is converted by way of the JDK's key objects: the bytes it is
 * served in are those a JCA provider writes, except that the requested format is the stored one,
 * which is returned exactly as stored. Opaque keys are never converted.
 */
public final class KeyFormats {

    private KeyFormats() {
    }

    /**
     * {@code block} in {@code target} format.
     *
     * @throws KmipException Key Format Type Not Supported when the object cannot be given in that
     *     format (wrapped, opaque, or no conversion between the two formats)
     */
    public static KeyBlock convert(ObjectType type, KeyBlock block, KeyFormatType target) {
        if (block.keyFormatType().equals(target)) {
            return block;
        }
        if (!(block.keyValue() instanceof KeyValue.Plain plain)) {
            throw unsupported(block.keyFormatType(), target, "the key is wrapped");
        }
        KeyMaterial material;
        if (ObjectType.SYMMETRIC_KEY.equals(type) || ObjectType.SECRET_DATA.equals(type)) {
            material = KeyMaterial.of(symmetricBytes(block, target));
            if (target.equals(KeyFormatType.TRANSPARENT_SYMMETRIC_KEY)) {
                material = KeyMaterial.transparent(new TransparentSymmetricKey(((KeyMaterial.Raw) material).bytes())
                        .encode(KmipVersion.V2_1));
            } else if (!target.equals(KeyFormatType.RAW)) {
                throw unsupported(block.keyFormatType(), target, null);
            }
        } else if (ObjectType.PUBLIC_KEY.equals(type)) {
            material = fromPublic(publicKey(block), target, block.keyFormatType());
        } else if (ObjectType.PRIVATE_KEY.equals(type)) {
            material = fromPrivate(privateKey(block), target, block.keyFormatType());
        } else {
            throw unsupported(block.keyFormatType(), target, null);
        }
        return new KeyBlock(target, block.keyCompressionType(), new KeyValue.Plain(material, plain.attribute(),
                plain.attributes()), block.cryptographicAlgorithm(), block.cryptographicLength(), block.keyWrappingData());
    }

    /** The key material of a plaintext key block, or null while wrapped. */
    public static KeyMaterial material(KeyBlock block) {
        return block.keyValue() == null ? null : block.keyValue().keyMaterial();
    }

    /** The secret bytes of a symmetric key or secret data block (Raw, Opaque or Transparent Symmetric Key). */
    public static Bytes symmetricBytes(KeyBlock block) {
        return symmetricBytes(block, block.keyFormatType());
    }

    private static Bytes symmetricBytes(KeyBlock block, KeyFormatType target) {
        KeyMaterial m = material(block);
        if (m instanceof KeyMaterial.Raw raw) {
            KeyFormatType f = block.keyFormatType();
            if (f.equals(KeyFormatType.RAW) || (f.equals(KeyFormatType.OPAQUE) && target.equals(KeyFormatType.OPAQUE))) {
                return raw.bytes();
            }
        } else if (m instanceof KeyMaterial.Transparent t && block.keyFormatType().equals(KeyFormatType.TRANSPARENT_SYMMETRIC_KEY)) {
            return TransparentSymmetricKey.decode(t.structure()).key();
        }
        throw unsupported(block.keyFormatType(), target, null);
    }

    /** The JCA public key a Public Key block holds. */
    public static PublicKey publicKey(KeyBlock block) {
        KeyMaterial m = material(block);
        KeyFormatType f = block.keyFormatType();
        try {
            if (m instanceof KeyMaterial.Raw raw) {
                byte[] der = raw.bytes().toByteArray();
                if (f.equals(KeyFormatType.X_509)) {
                    SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(der);
                    return KeyFactory.getInstance(jcaName(spki.getAlgorithm().getAlgorithm()))
                            .generatePublic(new X509EncodedKeySpec(der));
                }
                if (f.equals(KeyFormatType.PKCS_1)) {
                    org.bouncycastle.asn1.pkcs.RSAPublicKey k = org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(der);
                    return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(k.getModulus(), k.getPublicExponent()));
                }
            } else if (m instanceof KeyMaterial.Transparent t) {
                if (f.equals(KeyFormatType.TRANSPARENT_RSA_PUBLIC_KEY)) {
                    TransparentRSAPublicKey k = TransparentRSAPublicKey.decode(t.structure());
                    return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(big(k.modulus()), big(k.publicExponent())));
                }
                if (isTransparentEcPublic(f)) {
                    TransparentECPublicKey k = TransparentECPublicKey.decode(t.structure());
                    ECParameterSpec params = curve(k.recommendedCurve());
                    return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point(k.qString(), params), params));
                }
                if (f.equals(KeyFormatType.TRANSPARENT_DSA_PUBLIC_KEY)) {
                    TransparentDSAPublicKey k = TransparentDSAPublicKey.decode(t.structure());
                    return KeyFactory.getInstance("DSA").generatePublic(new DSAPublicKeySpec(big(k.y()), big(k.p()), big(k.q()), big(k.g())));
                }
            }
        } catch (GeneralSecurityException | IllegalArgumentException | IllegalStateException e) {
            throw new KmipException(ResultReason.INVALID_FIELD, "public key: not a valid " + f.name() + " key", e);
        }
        throw unsupported(f, null, m == null ? "the key is wrapped" : null);
    }

    /** The JCA private key a Private Key block holds. */
    public static PrivateKey privateKey(KeyBlock block) {
        KeyMaterial m = material(block);
        KeyFormatType f = block.keyFormatType();
        try {
            if (m instanceof KeyMaterial.Raw raw) {
                byte[] der = raw.bytes().toByteArray();
                if (f.equals(KeyFormatType.PKCS_8)) {
                    PrivateKeyInfo info = PrivateKeyInfo.getInstance(der);
                    return KeyFactory.getInstance(jcaName(info.getPrivateKeyAlgorithm().getAlgorithm()))
                            .generatePrivate(new PKCS8EncodedKeySpec(der));
                }
                if (f.equals(KeyFormatType.PKCS_1)) {
                    org.bouncycastle.asn1.pkcs.RSAPrivateKey k = org.bouncycastle.asn1.pkcs.RSAPrivateKey.getInstance(der);
                    return KeyFactory.getInstance("RSA").generatePrivate(new RSAPrivateCrtKeySpec(k.getModulus(),
                            k.getPublicExponent(), k.getPrivateExponent(), k.getPrime1(), k.getPrime2(), k.getExponent1(),
                            k.getExponent2(), k.getCoefficient()));
                }
                if (f.equals(KeyFormatType.EC_PRIVATE_KEY)) {
                    org.bouncycastle.asn1.sec.ECPrivateKey k = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(der);
                    ASN1ObjectIdentifier curve = k.getParametersObject() == null ? null
                            : ASN1ObjectIdentifier.getInstance(k.getParametersObject());
                    if (curve == null) {
                        throw new IllegalArgumentException("ECPrivateKey without named curve");
                    }
                    AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
                    p.init(new ECGenParameterSpec(curve.getId()));
                    return KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(k.getKey(),
                            p.getParameterSpec(ECParameterSpec.class)));
                }
            } else if (m instanceof KeyMaterial.Transparent t) {
                if (f.equals(KeyFormatType.TRANSPARENT_RSA_PRIVATE_KEY)) {
                    TransparentRSAPrivateKey k = TransparentRSAPrivateKey.decode(t.structure());
                    KeyFactory kf = KeyFactory.getInstance("RSA");
                    if (k.publicExponent() != null && k.p() != null && k.q() != null && k.primeExponentP() != null
                            && k.primeExponentQ() != null && k.crtCoefficient() != null && k.privateExponent() != null) {
                        return kf.generatePrivate(new RSAPrivateCrtKeySpec(big(k.modulus()), big(k.publicExponent()),
                                big(k.privateExponent()), big(k.p()), big(k.q()), big(k.primeExponentP()),
                                big(k.primeExponentQ()), big(k.crtCoefficient())));
                    }
                    if (k.privateExponent() != null) {
                        return kf.generatePrivate(new RSAPrivateKeySpec(big(k.modulus()), big(k.privateExponent())));
                    }
                    throw new IllegalArgumentException("no private exponent");
                }
                if (isTransparentEcPrivate(f)) {
                    TransparentECPrivateKey k = TransparentECPrivateKey.decode(t.structure());
                    return KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(big(k.d()), curve(k.recommendedCurve())));
                }
                if (f.equals(KeyFormatType.TRANSPARENT_DSA_PRIVATE_KEY)) {
                    TransparentDSAPrivateKey k = TransparentDSAPrivateKey.decode(t.structure());
                    return KeyFactory.getInstance("DSA").generatePrivate(new DSAPrivateKeySpec(big(k.x()), big(k.p()), big(k.q()), big(k.g())));
                }
            }
        } catch (GeneralSecurityException | IllegalArgumentException | IllegalStateException e) {
            throw new KmipException(ResultReason.INVALID_FIELD, "private key: not a valid " + f.name() + " key", e);
        }
        throw unsupported(f, null, m == null ? "the key is wrapped" : null);
    }

    /** The material of {@code key} in {@code target} format. */
    public static KeyMaterial fromPublic(PublicKey key, KeyFormatType target, KeyFormatType source) {
        if (target.equals(KeyFormatType.X_509)) {
            return KeyMaterial.of(Bytes.wrap(key.getEncoded()));
        }
        if (key instanceof RSAPublicKey rsa) {
            if (target.equals(KeyFormatType.PKCS_1)) {
                return der(new org.bouncycastle.asn1.pkcs.RSAPublicKey(rsa.getModulus(), rsa.getPublicExponent()));
            }
            if (target.equals(KeyFormatType.TRANSPARENT_RSA_PUBLIC_KEY)) {
                return KeyMaterial.transparent(new TransparentRSAPublicKey(big(rsa.getModulus()), big(rsa.getPublicExponent()))
                        .encode(KmipVersion.V2_1));
            }
        } else if (key instanceof ECPublicKey ec && isTransparentEcPublic(target)) {
            ECParameterSpec params = ec.getParams();
            return KeyMaterial.transparent(new TransparentECPublicKey(curveOf(params), Bytes.wrap(encodePoint(ec.getW(), params)))
                    .encode(KmipVersion.V2_1));
        } else if (key instanceof DSAPublicKey dsa && target.equals(KeyFormatType.TRANSPARENT_DSA_PUBLIC_KEY)) {
            DSAParams p = dsa.getParams();
            return KeyMaterial.transparent(new TransparentDSAPublicKey(big(p.getP()), big(p.getQ()), big(p.getG()), big(dsa.getY()))
                    .encode(KmipVersion.V2_1));
        }
        throw unsupported(source, target, null);
    }

    /** The material of {@code key} in {@code target} format. */
    public static KeyMaterial fromPrivate(PrivateKey key, KeyFormatType target, KeyFormatType source) {
        if (target.equals(KeyFormatType.PKCS_8)) {
            return KeyMaterial.of(Bytes.wrap(key.getEncoded()));
        }
        if (key instanceof RSAPrivateCrtKey rsa) {
            if (target.equals(KeyFormatType.PKCS_1)) {
                return der(new org.bouncycastle.asn1.pkcs.RSAPrivateKey(rsa.getModulus(), rsa.getPublicExponent(),
                        rsa.getPrivateExponent(), rsa.getPrimeP(), rsa.getPrimeQ(), rsa.getPrimeExponentP(),
                        rsa.getPrimeExponentQ(), rsa.getCrtCoefficient()));
            }
            if (target.equals(KeyFormatType.TRANSPARENT_RSA_PRIVATE_KEY)) {
                return KeyMaterial.transparent(new TransparentRSAPrivateKey(big(rsa.getModulus()), big(rsa.getPrivateExponent()),
                        big(rsa.getPublicExponent()), big(rsa.getPrimeP()), big(rsa.getPrimeQ()), big(rsa.getPrimeExponentP()),
                        big(rsa.getPrimeExponentQ()), big(rsa.getCrtCoefficient())).encode(KmipVersion.V2_1));
            }
        } else if (key instanceof RSAPrivateKey rsa && target.equals(KeyFormatType.TRANSPARENT_RSA_PRIVATE_KEY)) {
            return KeyMaterial.transparent(new TransparentRSAPrivateKey(big(rsa.getModulus()), big(rsa.getPrivateExponent()),
                    null, null, null, null, null, null).encode(KmipVersion.V2_1));
        } else if (key instanceof ECPrivateKey ec) {
            if (isTransparentEcPrivate(target)) {
                return KeyMaterial.transparent(new TransparentECPrivateKey(curveOf(ec.getParams()), big(ec.getS()))
                        .encode(KmipVersion.V2_1));
            }
            if (target.equals(KeyFormatType.EC_PRIVATE_KEY)) {
                // SEC1 ECPrivateKey (RFC 5915) is what PKCS#8 wraps for EC keys, but inside PKCS#8 the
                // curve is named by the outer algorithm identifier; standing alone it must carry it.
                try {
                    PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
                    org.bouncycastle.asn1.sec.ECPrivateKey inner = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
                    return der(new org.bouncycastle.asn1.sec.ECPrivateKey(ec.getParams().getOrder().bitLength(), inner.getKey(),
                            inner.getPublicKey(), info.getPrivateKeyAlgorithm().getParameters()));
                } catch (IOException e) {
                    throw new IllegalStateException("EC private key: cannot re-encode the provider's PKCS#8", e);
                }
            }
        } else if (key instanceof DSAPrivateKey dsa && target.equals(KeyFormatType.TRANSPARENT_DSA_PRIVATE_KEY)) {
            DSAParams p = dsa.getParams();
            return KeyMaterial.transparent(new TransparentDSAPrivateKey(big(p.getP()), big(p.getQ()), big(p.getG()), big(dsa.getX()))
                    .encode(KmipVersion.V2_1));
        }
        throw unsupported(source, target, null);
    }

    /** The key's algorithm and length in bits as KMIP names them, for keys that come without. */
    public static int bitLength(Key key) {
        if (key instanceof RSAPublicKey k) {
            return k.getModulus().bitLength();
        }
        if (key instanceof RSAPrivateKey k) {
            return k.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey k) {
            return k.getParams().getCurve().getField().getFieldSize();
        }
        if (key instanceof ECPrivateKey k) {
            return k.getParams().getCurve().getField().getFieldSize();
        }
        if (key instanceof DSAPublicKey k) {
            return k.getParams().getP().bitLength();
        }
        if (key instanceof DSAPrivateKey k) {
            return k.getParams().getP().bitLength();
        }
        return switch (key.getAlgorithm()) {
            case "Ed25519" -> 256;
            case "Ed448" -> 456;
            default -> 0;
        };
    }

    /** The KMIP algorithm of a JCA key. */
    public static CryptographicAlgorithm algorithm(Key key) {
        return switch (key.getAlgorithm()) {
            case "RSA" -> CryptographicAlgorithm.RSA;
            case "EC" -> CryptographicAlgorithm.EC;
            case "DSA" -> CryptographicAlgorithm.DSA;
            case "Ed25519" -> CryptographicAlgorithm.ED25519;
            case "Ed448" -> CryptographicAlgorithm.ED448;
            default -> null;
        };
    }

    /** The JCA parameters of a KMIP recommended curve (P-256, P-384, P-521). */
    public static ECParameterSpec curve(RecommendedCurve curve) {
        String name = curveName(curve);
        if (name == null) {
            throw new KmipException(ResultReason.FEATURE_NOT_SUPPORTED, "recommended curve: " + curve.name()
                    + " (expected: P_256, P_384 or P_521)");
        }
        try {
            AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
            p.init(new ECGenParameterSpec(name));
            return p.getParameterSpec(ECParameterSpec.class);
        } catch (GeneralSecurityException e) {
            throw new KmipException(ResultReason.FEATURE_NOT_SUPPORTED, "recommended curve: " + curve.name()
                    + " (not available in this JDK)", e);
        }
    }

    /** The JDK's name of a recommended curve, or null for curves the server does not handle. */
    public static String curveName(RecommendedCurve curve) {
        if (RecommendedCurve.P_256.equals(curve)) {
            return "secp256r1";
        }
        if (RecommendedCurve.P_384.equals(curve)) {
            return "secp384r1";
        }
        if (RecommendedCurve.P_521.equals(curve)) {
            return "secp521r1";
        }
        return null;
    }

    private static RecommendedCurve curveOf(ECParameterSpec params) {
        for (RecommendedCurve c : List.of(RecommendedCurve.P_256, RecommendedCurve.P_384, RecommendedCurve.P_521)) {
            ECParameterSpec known = curve(c);
            if (known.getOrder().equals(params.getOrder()) && known.getGenerator().equals(params.getGenerator())) {
                return c;
            }
        }
        throw new KmipException(ResultReason.FEATURE_NOT_SUPPORTED, "EC key: curve not one of P-256, P-384, P-521");
    }

    // Uncompressed SEC1 point: 04 || X || Y, each coordinate as many bytes as the field needs.
    private static byte[] encodePoint(ECPoint w, ECParameterSpec params) {
        int n = (params.getCurve().getField().getFieldSize() + 7) / 8;
        byte[] out = new byte[1 + 2 * n];
        out[0] = 4;
        copyUnsigned(w.getAffineX(), out, 1, n);
        copyUnsigned(w.getAffineY(), out, 1 + n, n);
        return out;
    }

    private static ECPoint point(Bytes q, ECParameterSpec params) {
        int n = (params.getCurve().getField().getFieldSize() + 7) / 8;
        byte[] b = q.toByteArray();
        if (b.length != 1 + 2 * n || b[0] != 4) {
            throw new IllegalArgumentException("Q String: " + b.length + " bytes (expected: an uncompressed point of "
                    + (1 + 2 * n) + " bytes)");
        }
        return new ECPoint(new BigInteger(1, Arrays.copyOfRange(b, 1, 1 + n)), new BigInteger(1, Arrays.copyOfRange(b, 1 + n, b.length)));
    }

    private static void copyUnsigned(BigInteger v, byte[] out, int offset, int length) {
        byte[] b = v.toByteArray();
        int skip = b.length > length ? b.length - length : 0;
        System.arraycopy(b, skip, out, offset + length - (b.length - skip), b.length - skip);
    }

    private static boolean isTransparentEcPublic(KeyFormatType f) {
        return f.equals(KeyFormatType.TRANSPARENT_EC_PUBLIC_KEY) || f.equals(KeyFormatType.TRANSPARENT_ECDSA_PUBLIC_KEY)
                || f.equals(KeyFormatType.TRANSPARENT_ECDH_PUBLIC_KEY) || f.equals(KeyFormatType.TRANSPARENT_ECMQV_PUBLIC_KEY);
    }

    private static boolean isTransparentEcPrivate(KeyFormatType f) {
        return f.equals(KeyFormatType.TRANSPARENT_EC_PRIVATE_KEY) || f.equals(KeyFormatType.TRANSPARENT_ECDSA_PRIVATE_KEY)
                || f.equals(KeyFormatType.TRANSPARENT_ECDH_PRIVATE_KEY) || f.equals(KeyFormatType.TRANSPARENT_ECMQV_PRIVATE_KEY);
    }

    private static String jcaName(ASN1ObjectIdentifier oid) {
        if (oid.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            return "RSA";
        }
        if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            return "EC";
        }
        if (oid.equals(X9ObjectIdentifiers.id_dsa)) {
            return "DSA";
        }
        if (oid.getId().equals("1.3.101.112")) {
            return "Ed25519";
        }
        if (oid.getId().equals("1.3.101.113")) {
            return "Ed448";
        }
        throw new IllegalArgumentException("key algorithm " + oid.getId() + " not supported");
    }

    private static KeyMaterial der(org.bouncycastle.asn1.ASN1Object o) {
        try {
            return KeyMaterial.of(Bytes.wrap(o.getEncoded(ASN1Encoding.DER)));
        } catch (IOException e) {
            throw new IllegalStateException("DER encoding of a key structure failed", e);
        }
    }

    private static BigInteger big(Bytes twosComplement) {
        return new BigInteger(twosComplement.toByteArray());
    }

    private static Bytes big(BigInteger value) {
        return Ttlv.bigInteger(Tag.MODULUS, value).bytesValue();
    }

    private static KmipException unsupported(KeyFormatType from, KeyFormatType to, String why) {
        String msg = "key format: " + (to == null ? from.name() : from.name() + " to " + to.name())
                + (why == null ? " (no such conversion)" : " (" + why + ")");
        return new KmipException(ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED, msg);
    }
}
