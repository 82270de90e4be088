package io.kmipstack.client.jca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmipstack.certs.DevPki;
import io.kmipstack.codec.model.Certificate;
import io.kmipstack.codec.model.KeyBlock;
import io.kmipstack.codec.model.KeyMaterial;
import io.kmipstack.codec.model.KeyValue;
import io.kmipstack.codec.model.ManagedObject;
import io.kmipstack.codec.model.PrivateKey;
import io.kmipstack.codec.model.PublicKey;
import io.kmipstack.codec.model.SymmetricKey;
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
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.Ttlv;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * JCA keys and certificates to KMIP objects and back, in every key format the converter reads;
 * each conversion is checked by using the result (a signature made with one side verifies with
 * the other) or by comparing encodings.
 */
class KmipObjectsTest {

    private static KeyPair rsa;
    private static KeyPair ec;

    @BeforeAll
    static void keys() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        rsa = g.generateKeyPair();
        KeyPairGenerator e = KeyPairGenerator.getInstance("EC");
        e.initialize(new ECGenParameterSpec("secp256r1"));
        ec = e.generateKeyPair();
    }

    static boolean signsAndVerifies(String algorithm, java.security.PrivateKey priv, java.security.PublicKey pub) throws Exception {
        byte[] data = {1, 2, 3};
        Signature s = Signature.getInstance(algorithm);
        s.initSign(priv);
        s.update(data);
        byte[] sig = s.sign();
        Signature v = Signature.getInstance(algorithm);
        v.initVerify(pub);
        v.update(data);
        return v.verify(sig);
    }

    static Bytes big(BigInteger b) {
        return Bytes.of(b.toByteArray());
    }

    static ManagedObject roundTripThroughTtlv(ManagedObject o) {
        // Through the wire form too, so that nothing depends on in-memory identity.
        if (o instanceof SymmetricKey k) {
            return SymmetricKey.decode(k.encode(KmipVersion.V1_4));
        }
        if (o instanceof PublicKey k) {
            return PublicKey.decode(k.encode(KmipVersion.V1_4));
        }
        if (o instanceof PrivateKey k) {
            return PrivateKey.decode(k.encode(KmipVersion.V1_4));
        }
        return Certificate.decode(((Certificate) o).encode(KmipVersion.V1_4));
    }

    @Test
    void secretKeysGoToRawAndBack() throws Exception {
        KeyGenerator g = KeyGenerator.getInstance("AES");
        g.init(256);
        SecretKey key = g.generateKey();
        SymmetricKey kmip = KmipObjects.fromSecretKey(key);
        assertThat(kmip.keyBlock().keyFormatType()).isEqualTo(KeyFormatType.RAW);
        assertThat(kmip.keyBlock().cryptographicAlgorithm()).isEqualTo(CryptographicAlgorithm.AES);
        assertThat(kmip.keyBlock().cryptographicLength()).isEqualTo(256);
        SecretKey back = KmipObjects.toSecretKey(roundTripThroughTtlv(kmip));
        assertThat(back.getAlgorithm()).isEqualTo("AES");
        assertThat(back.getEncoded()).isEqualTo(key.getEncoded());

        SecretKey hmac = new SecretKeySpec(new byte[32], "HmacSHA256");
        assertThat(KmipObjects.fromSecretKey(hmac).keyBlock().cryptographicAlgorithm()).isEqualTo(CryptographicAlgorithm.HMAC_SHA256);
        assertThat(KmipObjects.toSecretKey(KmipObjects.fromSecretKey(hmac)).getAlgorithm()).isEqualTo("HmacSHA256");
    }

    @Test
    void transparentSymmetricKeysAreRead() {
        Bytes raw = Bytes.fromHex("00112233445566778899AABBCCDDEEFF");
        Ttlv t = new TransparentSymmetricKey(raw).encode(KmipVersion.V1_4);
        SymmetricKey k = new SymmetricKey(new KeyBlock(KeyFormatType.TRANSPARENT_SYMMETRIC_KEY, null,
                KeyValue.of(KeyMaterial.transparent(t)), CryptographicAlgorithm.DES3, 128, null));
        SecretKey s = KmipObjects.toSecretKey(k);
        assertThat(s.getAlgorithm()).isEqualTo("DESede");
        assertThat(s.getEncoded()).isEqualTo(raw.toByteArray());
    }

    @Test
    void rsaKeysGoToX509AndPkcs8AndBack() throws Exception {
        PublicKey pub = KmipObjects.fromPublicKey(rsa.getPublic());
        PrivateKey priv = KmipObjects.fromPrivateKey(rsa.getPrivate());
        assertThat(pub.keyBlock().keyFormatType()).isEqualTo(KeyFormatType.X_509);
        assertThat(priv.keyBlock().keyFormatType()).isEqualTo(KeyFormatType.PKCS_8);
        assertThat(pub.keyBlock().cryptographicLength()).isEqualTo(2048);
        assertThat(KmipObjects.objectType(pub)).isEqualTo(ObjectType.PUBLIC_KEY);
        java.security.PublicKey p = KmipObjects.toPublicKey(roundTripThroughTtlv(pub));
        java.security.PrivateKey q = KmipObjects.toPrivateKey(roundTripThroughTtlv(priv));
        assertThat(p.getEncoded()).isEqualTo(rsa.getPublic().getEncoded());
        assertThat(signsAndVerifies("SHA256withRSA", q, rsa.getPublic())).isTrue();
    }

    @Test
    void rsaKeysAreReadFromPkcs1() throws Exception {
        byte[] pkcs1Public = SubjectPublicKeyInfo.getInstance(rsa.getPublic().getEncoded()).getPublicKeyData().getBytes();
        byte[] pkcs1Private = PrivateKeyInfo.getInstance(rsa.getPrivate().getEncoded()).parsePrivateKey().toASN1Primitive().getEncoded();
        java.security.PublicKey p = KmipObjects.toPublicKey(new PublicKey(new KeyBlock(KeyFormatType.PKCS_1, null,
                KeyValue.of(KeyMaterial.of(Bytes.of(pkcs1Public))), CryptographicAlgorithm.RSA, 2048, null)));
        java.security.PrivateKey q = KmipObjects.toPrivateKey(new PrivateKey(new KeyBlock(KeyFormatType.PKCS_1, null,
                KeyValue.of(KeyMaterial.of(Bytes.of(pkcs1Private))), CryptographicAlgorithm.RSA, 2048, null)));
        assertThat(p.getEncoded()).isEqualTo(rsa.getPublic().getEncoded());
        assertThat(signsAndVerifies("SHA256withRSA", q, p)).isTrue();
    }

    @Test
    void rsaKeysAreReadFromTransparentForms() throws Exception {
        RSAPublicKey rp = (RSAPublicKey) rsa.getPublic();
        RSAPrivateCrtKey rq = (RSAPrivateCrtKey) rsa.getPrivate();
        Ttlv pubT = new TransparentRSAPublicKey(big(rp.getModulus()), big(rp.getPublicExponent())).encode(KmipVersion.V1_4);
        Ttlv privT = new TransparentRSAPrivateKey(big(rq.getModulus()), big(rq.getPrivateExponent()), big(rq.getPublicExponent()),
                big(rq.getPrimeP()), big(rq.getPrimeQ()), big(rq.getPrimeExponentP()), big(rq.getPrimeExponentQ()),
                big(rq.getCrtCoefficient())).encode(KmipVersion.V1_4);
        java.security.PublicKey p = KmipObjects.toPublicKey(new PublicKey(new KeyBlock(KeyFormatType.TRANSPARENT_RSA_PUBLIC_KEY,
                null, KeyValue.of(KeyMaterial.transparent(pubT)), CryptographicAlgorithm.RSA, 2048, null)));
        java.security.PrivateKey q = KmipObjects.toPrivateKey(new PrivateKey(new KeyBlock(KeyFormatType.TRANSPARENT_RSA_PRIVATE_KEY,
                null, KeyValue.of(KeyMaterial.transparent(privT)), CryptographicAlgorithm.RSA, 2048, null)));
        assertThat(p.getEncoded()).isEqualTo(rsa.getPublic().getEncoded());
        assertThat(signsAndVerifies("SHA256withRSA", q, p)).isTrue();
    }

    @Test
    void ecKeysGoBothWaysAndAreReadFromTransparentAndSec1Forms() throws Exception {
        PublicKey pub = KmipObjects.fromPublicKey(ec.getPublic());
        assertThat(pub.keyBlock().cryptographicAlgorithm()).isEqualTo(CryptographicAlgorithm.ECDSA);
        assertThat(pub.keyBlock().cryptographicLength()).isEqualTo(256);
        assertThat(KmipObjects.toPublicKey(roundTripThroughTtlv(pub)).getEncoded()).isEqualTo(ec.getPublic().getEncoded());
        java.security.PrivateKey q = KmipObjects.toPrivateKey(roundTripThroughTtlv(KmipObjects.fromPrivateKey(ec.getPrivate())));
        assertThat(signsAndVerifies("SHA256withECDSA", q, ec.getPublic())).isTrue();

        ECPublicKey ep = (ECPublicKey) ec.getPublic();
        byte[] x = unsigned32(ep.getW().getAffineX());
        byte[] y = unsigned32(ep.getW().getAffineY());
        byte[] point = new byte[65];
        point[0] = 4;
        System.arraycopy(x, 0, point, 1, 32);
        System.arraycopy(y, 0, point, 33, 32);
        Ttlv pubT = new TransparentECPublicKey(RecommendedCurve.P_256, Bytes.of(point)).encode(KmipVersion.V1_4);
        java.security.PublicKey p = KmipObjects.toPublicKey(new PublicKey(new KeyBlock(KeyFormatType.TRANSPARENT_EC_PUBLIC_KEY, null,
                KeyValue.of(KeyMaterial.transparent(pubT)), CryptographicAlgorithm.EC, 256, null)));
        assertThat(p.getEncoded()).isEqualTo(ec.getPublic().getEncoded());

        Ttlv privT = new TransparentECPrivateKey(RecommendedCurve.P_256, big(((ECPrivateKey) ec.getPrivate()).getS()))
                .encode(KmipVersion.V1_4);
        java.security.PrivateKey tq = KmipObjects.toPrivateKey(new PrivateKey(new KeyBlock(KeyFormatType.TRANSPARENT_EC_PRIVATE_KEY,
                null, KeyValue.of(KeyMaterial.transparent(privT)), CryptographicAlgorithm.EC, 256, null)));
        assertThat(signsAndVerifies("SHA256withECDSA", tq, ec.getPublic())).isTrue();

        // RFC 5915 ECPrivateKey as found inside PKCS#8 (the JDK includes the curve parameters there).
        byte[] sec1 = PrivateKeyInfo.getInstance(ec.getPrivate().getEncoded()).parsePrivateKey().toASN1Primitive().getEncoded();
        org.bouncycastle.asn1.sec.ECPrivateKey parsed = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(sec1);
        byte[] withParams = new org.bouncycastle.asn1.sec.ECPrivateKey(256, parsed.getKey(),
                org.bouncycastle.asn1.sec.SECObjectIdentifiers.secp256r1).getEncoded();
        java.security.PrivateKey sq = KmipObjects.toPrivateKey(new PrivateKey(new KeyBlock(KeyFormatType.EC_PRIVATE_KEY, null,
                KeyValue.of(KeyMaterial.of(Bytes.of(withParams))), CryptographicAlgorithm.EC, 256, null)));
        assertThat(signsAndVerifies("SHA256withECDSA", sq, ec.getPublic())).isTrue();
    }

    private static byte[] unsigned32(BigInteger v) {
        byte[] b = v.toByteArray();
        byte[] out = new byte[32];
        int n = Math.min(32, b.length);
        System.arraycopy(b, b.length - n, out, 32 - n, n);
        return out;
    }

    @Test
    void certificatesGoBothWays() {
        var cert = DevPki.builder().build().server().certificate();
        Certificate kmip = KmipObjects.fromCertificate(cert);
        assertThat(KmipObjects.toCertificate(roundTripThroughTtlv(kmip))).isEqualTo(cert);
        assertThat(KmipObjects.toJca(kmip)).isEqualTo(cert);
    }

    @Test
    void wrappedKeysAndWrongTypesAreRefusedWithoutMaterialInTheMessage() {
        SymmetricKey wrapped = new SymmetricKey(new KeyBlock(KeyFormatType.RAW, null, KeyValue.wrapped(Bytes.fromHex("DEADBEEF")),
                CryptographicAlgorithm.AES, 128, null));
        assertThatThrownBy(() -> KmipObjects.toSecretKey(wrapped)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("wrapped").hasMessageNotContaining("DEADBEEF");
        assertThatThrownBy(() -> KmipObjects.toPublicKey(wrapped)).hasMessageContaining("expected: PublicKey");
        PublicKey garbage = new PublicKey(new KeyBlock(KeyFormatType.X_509, null, KeyValue.of(KeyMaterial.of(Bytes.fromHex("3003020101"))),
                CryptographicAlgorithm.RSA, 2048, null));
        assertThatThrownBy(() -> KmipObjects.toPublicKey(garbage)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("public key in format X_509: cannot be read").hasMessageNotContaining("3003020101");
    }
}
