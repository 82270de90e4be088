package io.kmipstack.server.object;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.model.KeyBlock;
import io.kmipstack.codec.model.KeyMaterial;
import io.kmipstack.codec.model.KeyValue;
import io.kmipstack.codec.model.ManagedObject;
import io.kmipstack.codec.model.TransparentECPublicKey;
import io.kmipstack.codec.model.TransparentRSAPublicKey;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.KeyFormatType;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.RecommendedCurve;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.ttlv.Bytes;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import org.junit.jupiter.api.Test;

/** Key format conversions, checked against the JDK's own encodings. */
class KeyFormatsTest {

    private static KeyBlock block(KeyFormatType f, KeyMaterial m, CryptographicAlgorithm a) {
        return new KeyBlock(f, null, KeyValue.of(m), a, null, null);
    }

    // DER, written out by hand for the test: tag, definite length, content (X.690 section 8.1).
    private static byte[] der(int tag, byte[] content) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.write(tag);
        if (content.length < 128) {
            out.write(content.length);
        } else if (content.length < 256) {
            out.write(0x81);
            out.write(content.length);
        } else {
            out.write(0x82);
            out.write(content.length >> 8);
            out.write(content.length & 0xFF);
        }
        out.writeBytes(content);
        return out.toByteArray();
    }

    @Test
    void pkcs1IsReadAndWrittenBitExactly() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(1024);
        RSAPublicKey jdk = (RSAPublicKey) g.generateKeyPair().getPublic();
        // RFC 8017 appendix A.1.1: RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }.
        java.io.ByteArrayOutputStream seq = new java.io.ByteArrayOutputStream();
        seq.writeBytes(der(0x02, jdk.getModulus().toByteArray()));
        seq.writeBytes(der(0x02, jdk.getPublicExponent().toByteArray()));
        Bytes pkcs1 = Bytes.wrap(der(0x30, seq.toByteArray()));

        RSAPublicKey k = (RSAPublicKey) KeyFormats.publicKey(block(KeyFormatType.PKCS_1, KeyMaterial.of(pkcs1),
                CryptographicAlgorithm.RSA));
        assertThat(k).isEqualTo(jdk);
        assertThat(((KeyMaterial.Raw) KeyFormats.fromPublic(jdk, KeyFormatType.PKCS_1, KeyFormatType.X_509)).bytes())
                .isEqualTo(pkcs1);
        TransparentRSAPublicKey t = KeyFormats.fromPublic(k, KeyFormatType.TRANSPARENT_RSA_PUBLIC_KEY, KeyFormatType.PKCS_1)
                .as(TransparentRSAPublicKey::decode);
        // Big Integers are padded to a multiple of 8 bytes (KMIP 1.4 section 9.1.1.4): 65537 in eight.
        assertThat(t.publicExponent()).isEqualTo(Bytes.fromHex("0000000000010001"));
        assertThat(t.modulus().length() % 8).isZero();
    }

    @Test
    void ecPublicKeysBecomeUncompressedPointsOnTheirCurve() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair kp = g.generateKeyPair();
        ECPublicKey pub = (ECPublicKey) kp.getPublic();
        KeyBlock x509 = block(KeyFormatType.X_509, KeyMaterial.of(Bytes.wrap(pub.getEncoded())), CryptographicAlgorithm.EC);
        KeyBlock t = KeyFormats.convert(ObjectType.PUBLIC_KEY, x509, KeyFormatType.TRANSPARENT_EC_PUBLIC_KEY);
        TransparentECPublicKey ec = KeyFormats.material(t).as(TransparentECPublicKey::decode);
        assertThat(ec.recommendedCurve()).isEqualTo(RecommendedCurve.P_256);
        byte[] q = ec.qString().toByteArray();
        assertThat(q).hasSize(65);
        assertThat(q[0]).isEqualTo((byte) 4);
        assertThat(new BigInteger(1, java.util.Arrays.copyOfRange(q, 1, 33))).isEqualTo(pub.getW().getAffineX());
        assertThat(KeyFormats.publicKey(KeyFormats.convert(ObjectType.PUBLIC_KEY, t, KeyFormatType.X_509))).isEqualTo(pub);
        KeyBlock pkcs8 = block(KeyFormatType.PKCS_8, KeyMaterial.of(Bytes.wrap(kp.getPrivate().getEncoded())), CryptographicAlgorithm.EC);
        KeyBlock sec1 = KeyFormats.convert(ObjectType.PRIVATE_KEY, pkcs8, KeyFormatType.EC_PRIVATE_KEY);
        KeyBlock tPriv = KeyFormats.convert(ObjectType.PRIVATE_KEY, sec1, KeyFormatType.TRANSPARENT_EC_PRIVATE_KEY);
        assertThat(KeyFormats.privateKey(tPriv)).isEqualTo(kp.getPrivate());
    }

    @Test
    void whatCannotBeConvertedSaysSo() {
        KeyBlock opaque = block(KeyFormatType.OPAQUE, KeyMaterial.of(Bytes.fromHex("00112233")), null);
        assertThatThrownBy(() -> KeyFormats.convert(ObjectType.SECRET_DATA, opaque, KeyFormatType.RAW))
                .isInstanceOfSatisfying(KmipException.class,
                        e -> assertThat(e.resultReason()).isEqualTo(ResultReason.KEY_FORMAT_TYPE_NOT_SUPPORTED));
        KeyBlock wrapped = new KeyBlock(KeyFormatType.RAW, null, KeyValue.wrapped(Bytes.fromHex("0011")), null, null, null);
        assertThatThrownBy(() -> KeyFormats.convert(ObjectType.SYMMETRIC_KEY, wrapped, KeyFormatType.TRANSPARENT_SYMMETRIC_KEY))
                .hasMessageContaining("wrapped");
        assertThatThrownBy(() -> KeyFormats.publicKey(block(KeyFormatType.PKCS_1, KeyMaterial.of(Bytes.fromHex("3003020100")),
                CryptographicAlgorithm.RSA))).isInstanceOfSatisfying(KmipException.class,
                        e -> assertThat(e.resultReason()).isEqualTo(ResultReason.INVALID_FIELD));
    }

    @Test
    void storedContentRoundTrips() {
        ManagedObject key = new io.kmipstack.codec.model.SymmetricKey(block(KeyFormatType.RAW,
                KeyMaterial.of(Bytes.fromHex("000102030405060708090a0b0c0d0e0f")), CryptographicAlgorithm.AES));
        assertThat(ObjectContent.decode(ObjectContent.encode(key))).isEqualTo(key);
    }
}
