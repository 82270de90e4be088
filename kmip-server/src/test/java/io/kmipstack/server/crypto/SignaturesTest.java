package io.kmipstack.server.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.model.CryptographicParameters;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.DigitalSignatureAlgorithm;
import io.kmipstack.codec.registry.HashingAlgorithm;
import io.kmipstack.codec.registry.PaddingMethod;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.ttlv.Bytes;
import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import org.junit.jupiter.api.Test;

/**
 * Known answers: RFC 8032 Ed25519 (deterministic, so signing is checked byte for byte), RFC 6979
 * ECDSA P-256 signatures verified; RSA PKCS#1 v1.5 (deterministic) equal to the JDK's; the
 * randomized schemes signed here and verified by the JDK, and the pre-digested variants the same.
 */
class SignaturesTest {

    private static Bytes hex(String h) {
        return Bytes.fromHex(h.replace(" ", ""));
    }

    private static CryptographicParameters params(PaddingMethod padding, HashingAlgorithm hash, CryptographicAlgorithm alg) {
        return new CryptographicParameters(null, padding, hash, null, null, alg, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    private static Bytes sign(PrivateKey key, CryptographicParameters p, Bytes data, boolean digested) {
        SignatureEngine s = Signatures.signer(Signatures.scheme(key, p), key, digested);
        s.update(data);
        return s.sign();
    }

    private static boolean verify(PublicKey key, CryptographicParameters p, Bytes data, boolean digested, Bytes sig) {
        SignatureEngine v = Signatures.verifier(Signatures.scheme(key, p), key, digested);
        v.update(data);
        return v.verify(sig);
    }

    // RFC 8032 section 7.1, TEST 1 and TEST 2.
    private static final String[][] ED25519 = {
        {"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
            "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"},
        {"4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
            "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
            "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"},
    };

    @Test
    void ed25519Rfc8032() throws Exception {
        KeyFactory kf = KeyFactory.getInstance("Ed25519");
        for (String[] v : ED25519) {
            // PKCS#8 and SubjectPublicKeyInfo prefixes for id-Ed25519 (RFC 8410 section 7).
            PrivateKey priv = kf.generatePrivate(new PKCS8EncodedKeySpec(hex("302e020100300506032b657004220420" + v[0]).toByteArray()));
            PublicKey pub = kf.generatePublic(new X509EncodedKeySpec(hex("302a300506032b6570032100" + v[1]).toByteArray()));
            Signatures.Scheme scheme = Signatures.scheme(priv, null);
            assertThat(scheme.family()).isEqualTo(Signatures.Family.EDDSA);
            assertThat(sign(priv, null, hex(v[2]), false)).isEqualTo(hex(v[3]));
            assertThat(verify(pub, null, hex(v[2]), false, hex(v[3]))).isTrue();
            assertThat(verify(pub, null, hex(v[2] + "00"), false, hex(v[3]))).isFalse();
        }
        KeyPair kp = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        // Pure EdDSA only: a hash or pre-digested input asks for another scheme.
        assertThatThrownBy(() -> Signatures.scheme(kp.getPrivate(), params(null, HashingAlgorithm.SHA_512, null)))
                .isInstanceOf(KmipException.class)
                .satisfies(e -> assertThat(((KmipException) e).resultReason()).isEqualTo(ResultReason.UNSUPPORTED_CRYPTOGRAPHIC_PARAMETERS));
        assertThatThrownBy(() -> Signatures.signer(Signatures.scheme(kp.getPrivate(), null), kp.getPrivate(), true))
                .isInstanceOf(KmipException.class).hasMessageContaining("digested");
        // Streaming: the whole message, fed in parts, gives the one-part signature.
        SignatureEngine parts = Signatures.signer(Signatures.scheme(kp.getPrivate(), null), kp.getPrivate(), false);
        parts.update(hex("0102"));
        parts.update(hex("0304"));
        assertThat(parts.sign()).isEqualTo(sign(kp.getPrivate(), null, hex("01020304"), false));
    }

    @Test
    void ecdsaP256Rfc6979Verifies() throws Exception {
        // RFC 6979 appendix A.2.5: P-256, message "sample", SHA-256.
        java.security.AlgorithmParameters ap = java.security.AlgorithmParameters.getInstance("EC");
        ap.init(new ECGenParameterSpec("secp256r1"));
        ECParameterSpec p256 = ap.getParameterSpec(ECParameterSpec.class);
        PublicKey pub = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(
                new BigInteger("60FED4BA255A9D31C961EB74C6356D68C049B8923B61FA6CE669622E60F29FB6", 16),
                new BigInteger("7903FE1008B8BC99A41AE9E95628BC64F2F1B20C2D7E9F5177A3C294D4462299", 16)), p256));
        Bytes sig = der(new BigInteger("EFD48B2AACB6A8FD1140DD9CD45E81D69D2C877B56AAF991C34D0EA84EAF3716", 16),
                new BigInteger("F7CB1C942D657C41D436C7A1B6E29F65F3E900DBB9AFF4064DC4AB2F843ACDA8", 16));
        Bytes sample = Bytes.wrap("sample".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        CryptographicParameters sha256 = params(null, HashingAlgorithm.SHA_256, CryptographicAlgorithm.ECDSA);
        assertThat(verify(pub, sha256, sample, false, sig)).isTrue();
        // By Digital Signature Algorithm, and over the pre-computed digest.
        CryptographicParameters byDsa = new CryptographicParameters(null, null, null, null, DigitalSignatureAlgorithm.ECDSA_WITH_SHA256,
                null, null, null, null, null, null, null, null, null, null, null, null, null);
        assertThat(verify(pub, byDsa, sample, false, sig)).isTrue();
        Bytes digest = Bytes.wrap(MessageDigest.getInstance("SHA-256").digest(sample.toByteArray()));
        assertThat(verify(pub, sha256, digest, true, sig)).isTrue();
        // Another hash, another message, a garbled signature: invalid, never an error.
        assertThat(verify(pub, params(null, HashingAlgorithm.SHA_384, null), sample, false, sig)).isFalse();
        assertThat(verify(pub, sha256, hex("00"), false, sig)).isFalse();
        assertThat(verify(pub, sha256, sample, false, hex("3000"))).isFalse();
    }

    private static Bytes der(BigInteger r, BigInteger s) throws Exception {
        return Bytes.wrap(new org.bouncycastle.asn1.DERSequence(new org.bouncycastle.asn1.ASN1Encodable[] {
            new org.bouncycastle.asn1.ASN1Integer(r), new org.bouncycastle.asn1.ASN1Integer(s)}).getEncoded());
    }

    @Test
    void ecdsaAllCurvesSignForTheJdk() throws Exception {
        String[][] curves = {{"secp256r1", "SHA256withECDSA"}, {"secp384r1", "SHA384withECDSA"}, {"secp521r1", "SHA512withECDSA"}};
        HashingAlgorithm[] hashes = {HashingAlgorithm.SHA_256, HashingAlgorithm.SHA_384, HashingAlgorithm.SHA_512};
        Bytes msg = hex("01020304050607080910111213141516");
        for (int i = 0; i < curves.length; i++) {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec(curves[i][0]));
            KeyPair kp = g.generateKeyPair();
            CryptographicParameters p = params(null, hashes[i], CryptographicAlgorithm.ECDSA);
            Signature jdk = Signature.getInstance(curves[i][1]);
            jdk.initVerify(kp.getPublic());
            jdk.update(msg.toByteArray());
            assertThat(jdk.verify(sign(kp.getPrivate(), p, msg, false).toByteArray())).as(curves[i][0]).isTrue();
            Bytes digest = Bytes.wrap(MessageDigest.getInstance(HashNames.jca(hashes[i])).digest(msg.toByteArray()));
            jdk.initVerify(kp.getPublic());
            jdk.update(msg.toByteArray());
            assertThat(jdk.verify(sign(kp.getPrivate(), p, digest, true).toByteArray())).as(curves[i][0] + " digested").isTrue();
        }
    }

    @Test
    void rsaPkcs1AndPss() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair kp = g.generateKeyPair();
        Bytes msg = hex("01020304050607080910111213141516");
        // PKCS#1 v1.5 is deterministic: byte for byte the JDK's signature, whole message or digest.
        Signature jdk = Signature.getInstance("SHA256withRSA");
        jdk.initSign(kp.getPrivate());
        jdk.update(msg.toByteArray());
        Bytes expected = Bytes.wrap(jdk.sign());
        CryptographicParameters pkcs1 = params(PaddingMethod.PKCS1_V1_5, HashingAlgorithm.SHA_256, CryptographicAlgorithm.RSA);
        assertThat(sign(kp.getPrivate(), pkcs1, msg, false)).isEqualTo(expected);
        Bytes digest = Bytes.wrap(MessageDigest.getInstance("SHA-256").digest(msg.toByteArray()));
        assertThat(sign(kp.getPrivate(), pkcs1, digest, true)).isEqualTo(expected);
        assertThat(verify(kp.getPublic(), pkcs1, digest, true, expected)).isTrue();
        CryptographicParameters sha3 = new CryptographicParameters(null, null, null, null,
                DigitalSignatureAlgorithm.SHA3_256_WITH_RSA_ENCRYPTION, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
        Signature jdk3 = Signature.getInstance("SHA3-256withRSA");
        jdk3.initSign(kp.getPrivate());
        jdk3.update(msg.toByteArray());
        assertThat(sign(kp.getPrivate(), sha3, msg, false)).isEqualTo(Bytes.wrap(jdk3.sign()));

        // PSS, salt 222 bytes as CS-AC-M-1 asks (the most a 2048-bit key and SHA-256 allow), verified by the JDK.
        CryptographicParameters pss = new CryptographicParameters(null, PaddingMethod.PSS, HashingAlgorithm.SHA_256, null, null,
                CryptographicAlgorithm.RSA, null, null, null, null, null, null, null, 222, null, null, null, null);
        Signature jdkPss = Signature.getInstance("RSASSA-PSS");
        jdkPss.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 222, 1));
        jdkPss.initVerify(kp.getPublic());
        jdkPss.update(msg.toByteArray());
        assertThat(jdkPss.verify(sign(kp.getPrivate(), pss, msg, false).toByteArray())).isTrue();
        jdkPss.initVerify(kp.getPublic());
        jdkPss.update(msg.toByteArray());
        assertThat(jdkPss.verify(sign(kp.getPrivate(), pss, digest, true).toByteArray())).as("PSS over a digest").isTrue();
        // A digest of the wrong length is refused, not signed.
        assertThatThrownBy(() -> sign(kp.getPrivate(), pss, hex("0011"), true)).isInstanceOf(KmipException.class)
                .hasMessage("digested data: 2 bytes (expected: 32, one " + HashingAlgorithm.SHA_256.name() + " digest)");
    }

    @Test
    void pssVerificationLearnsAnOpenSaltLengthFromTheSignature() throws Exception {
        // OASIS CS-AC-M-2-21: an RSA-2048 public key (PKCS#1) with parameters PSS / SHA-256 and no
        // Salt Length, and the reference server's signature of 0x01..0x16, made with a 222-byte salt.
        String xml = java.nio.file.Files.readString(java.nio.file.Path.of(System.getProperty("kmipstack.shared", "../shared"),
                "kmip-vectors", "v2.1", "mandatory", "CS-AC-M-2-21.xml"));
        java.util.regex.Matcher key = java.util.regex.Pattern.compile("<KeyMaterial type=\"ByteString\" value=\"([0-9a-fA-F]+)\"").matcher(xml);
        java.util.regex.Matcher sig = java.util.regex.Pattern.compile("<SignatureData type=\"ByteString\" value=\"([0-9a-fA-F]+)\"").matcher(xml);
        assertThat(key.find() && sig.find()).isTrue();
        org.bouncycastle.asn1.pkcs.RSAPublicKey rk = org.bouncycastle.asn1.pkcs.RSAPublicKey.getInstance(hex(key.group(1)).toByteArray());
        PublicKey pub = KeyFactory.getInstance("RSA").generatePublic(new java.security.spec.RSAPublicKeySpec(rk.getModulus(),
                rk.getPublicExponent()));
        CryptographicParameters pss = params(PaddingMethod.PSS, HashingAlgorithm.SHA_256, CryptographicAlgorithm.RSA);
        Bytes signature = hex(sig.group(1));
        assertThat(verify(pub, pss, MSG16, false, signature)).isTrue();
        Bytes digest = Bytes.wrap(MessageDigest.getInstance("SHA-256").digest(MSG16.toByteArray()));
        assertThat(verify(pub, pss, digest, true, signature)).isTrue();
        assertThat(verify(pub, pss, hex("FF020304050607080910111213141516"), false, signature)).isFalse();
        byte[] bad = signature.toByteArray();
        bad[0] ^= (byte) 0xd6;
        assertThat(verify(pub, pss, MSG16, false, Bytes.wrap(bad))).isFalse();
        // With the salt length fixed to another value the same signature is invalid.
        CryptographicParameters salt32 = new CryptographicParameters(null, PaddingMethod.PSS, HashingAlgorithm.SHA_256, null, null,
                CryptographicAlgorithm.RSA, null, null, null, null, null, null, null, 32, null, null, null, null);
        assertThat(verify(pub, salt32, MSG16, false, signature)).isFalse();
    }

    private static final Bytes MSG16 = hex("01020304050607080910111213141516");

    @Test
    void incompleteOrUnfitParametersAreRefused() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair rsa = g.generateKeyPair();
        assertThatThrownBy(() -> Signatures.scheme(rsa.getPrivate(), null)).isInstanceOf(KmipException.class)
                .hasMessageContaining("no Hashing Algorithm");
        assertThatThrownBy(() -> Signatures.scheme(rsa.getPrivate(), params(null, HashingAlgorithm.SHA_256, CryptographicAlgorithm.ECDSA)))
                .isInstanceOf(KmipException.class)
                .satisfies(e -> assertThat(((KmipException) e).resultReason()).isEqualTo(ResultReason.BAD_CRYPTOGRAPHIC_PARAMETERS));
        assertThatThrownBy(() -> Signatures.scheme(rsa.getPrivate(), params(PaddingMethod.OAEP, HashingAlgorithm.SHA_256, null)))
                .isInstanceOf(KmipException.class).hasMessageContaining("OAEP");
    }
}
