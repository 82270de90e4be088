package io.kmipstack.server.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.model.CryptographicParameters;
import io.kmipstack.codec.registry.BlockCipherMode;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.HashingAlgorithm;
import io.kmipstack.codec.registry.PaddingMethod;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.ttlv.Bytes;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import org.junit.jupiter.api.Test;

/** Known answers of RFC 3394 and RFC 5649, and round trips of the randomized modes. */
class KeyWrapperTest {

    private static CryptographicParameters mode(BlockCipherMode m) {
        return new CryptographicParameters(m, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    private static Bytes hex(String h) {
        return Bytes.fromHex(h.replace(" ", ""));
    }

    @Test
    void nistKeyWrapKnownAnswers() {
        // RFC 3394 section 4.1: 128 bits of key data with a 128-bit KEK.
        KeyWrapper kw = KeyWrapper.symmetric(hex("000102030405060708090A0B0C0D0E0F"), mode(BlockCipherMode.NIST_KEY_WRAP));
        Bytes wrapped = kw.wrap(hex("00112233445566778899AABBCCDDEEFF")).value();
        assertThat(wrapped).isEqualTo(hex("1FA68B0A8112B447 AEF34BD8FB5A7B82 9D3E862371D2CFE5"));
        assertThat(kw.unwrap(wrapped, null)).isEqualTo(hex("00112233445566778899AABBCCDDEEFF"));
        // RFC 3394 section 4.6: 256 bits of key data with a 256-bit KEK.
        KeyWrapper kw256 = KeyWrapper.symmetric(hex("000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F"),
                mode(BlockCipherMode.NIST_KEY_WRAP));
        assertThat(kw256.wrap(hex("00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F")).value())
                .isEqualTo(hex("28C9F404C4B810F4 CBCCB35CFB87F826 3F5786E2D80ED326 CBC7F0E71A99F43B FB988B9B7A02DD21"));
        // No IV travels with the key wrap modes.
        assertThat(kw.wrap(hex("00112233445566778899AABBCCDDEEFF")).iv()).isNull();
    }

    @Test
    void keyWrapWithPaddingKnownAnswers() {
        // RFC 5649 section 6: a 192-bit KEK wrapping 20 and 7 octets.
        KeyWrapper kwp = KeyWrapper.symmetric(hex("5840df6e29b02af1 ab493b705bf16ea1 ae8338f4dcc176a8"),
                mode(BlockCipherMode.AES_KEY_WRAP_PADDING));
        assertThat(kwp.wrap(hex("c37b7e6492584340 bed1220780894115 5068f738")).value())
                .isEqualTo(hex("138bdeaa9b8fa7fc 61f97742e72248ee 5ae6ae5360d1ae6a 5f54f373fa543b6a"));
        assertThat(kwp.wrap(hex("466f7250617369")).value()).isEqualTo(hex("afbeb0f07dfbf541 9200f2ccb50bb24f"));
        assertThat(kwp.unwrap(hex("afbeb0f07dfbf541 9200f2ccb50bb24f"), null)).isEqualTo(hex("466f7250617369"));
    }

    @Test
    void alteredOrForeignWrapsFailWithoutDetail() {
        KeyWrapper kw = KeyWrapper.symmetric(hex("000102030405060708090A0B0C0D0E0F"), mode(BlockCipherMode.NIST_KEY_WRAP));
        assertThatThrownBy(() -> kw.unwrap(hex("1FA68B0A8112B447 AEF34BD8FB5A7B82 9D3E862371D2CFE6"), null))
                .isInstanceOf(KmipException.class)
                .satisfies(e -> assertThat(((KmipException) e).resultReason()).isEqualTo(ResultReason.CRYPTOGRAPHIC_FAILURE))
                .hasMessageNotContaining("00112233");
        // RFC 3394 takes only whole 64-bit blocks, at least two.
        assertThatThrownBy(() -> kw.wrap(hex("466f7250617369"))).isInstanceOf(KmipException.class)
                .satisfies(e -> assertThat(((KmipException) e).resultReason()).isEqualTo(ResultReason.BAD_CRYPTOGRAPHIC_PARAMETERS));
        assertThatThrownBy(() -> KeyWrapper.symmetric(hex("0001"), mode(BlockCipherMode.NIST_KEY_WRAP)))
                .isInstanceOf(KmipException.class);
        assertThatThrownBy(() -> KeyWrapper.symmetric(hex("000102030405060708090A0B0C0D0E0F"), mode(BlockCipherMode.CBC)))
                .isInstanceOf(KmipException.class).hasMessageContaining("CBC");
    }

    @Test
    void gcmWrapsWithAFreshIvAndDetectsTampering() {
        KeyWrapper gcm = KeyWrapper.symmetric(hex("000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F"),
                mode(BlockCipherMode.GCM));
        Bytes key = hex("00112233445566778899AABBCCDDEEFF");
        KeyWrapper.Wrapped a = gcm.wrap(key);
        KeyWrapper.Wrapped b = gcm.wrap(key);
        assertThat(gcm.usesIv()).isTrue();
        assertThat(a.iv().length()).isEqualTo(12);
        assertThat(a.value().length()).isEqualTo(16 + 16);
        assertThat(a.iv()).isNotEqualTo(b.iv());
        assertThat(gcm.unwrap(a.value(), a.iv())).isEqualTo(key);
        byte[] t = a.value().toByteArray();
        t[0] ^= 1;
        assertThatThrownBy(() -> gcm.unwrap(Bytes.wrap(t), a.iv())).isInstanceOf(KmipException.class);
        assertThatThrownBy(() -> gcm.unwrap(a.value(), null)).isInstanceOf(KmipException.class).hasMessageContaining("IV");
    }

    @Test
    void rsaOaepAndPkcs1WrapWithThePublicKeyOnly() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        KeyPair kp = g.generateKeyPair();
        Bytes key = hex("000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F");
        CryptographicParameters oaep256 = new CryptographicParameters(null, PaddingMethod.OAEP, HashingAlgorithm.SHA_256, null,
                null, CryptographicAlgorithm.RSA, null, null, null, null, null, null, null, null, null, null, null, null);
        Bytes w = KeyWrapper.rsa(kp.getPublic(), oaep256).wrap(key).value();
        assertThat(w.length()).isEqualTo(256);
        assertThat(KeyWrapper.rsa(kp.getPrivate(), oaep256).unwrap(w, null)).isEqualTo(key);
        // The JDK's own OAEP with SHA-256 and MGF1-SHA-256 reads our wrap: same scheme, not just our inverse.
        javax.crypto.Cipher jdk = javax.crypto.Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
        jdk.init(javax.crypto.Cipher.DECRYPT_MODE, kp.getPrivate(), new javax.crypto.spec.OAEPParameterSpec("SHA-256", "MGF1",
                java.security.spec.MGF1ParameterSpec.SHA256, javax.crypto.spec.PSource.PSpecified.DEFAULT));
        assertThat(Bytes.wrap(jdk.doFinal(w.toByteArray()))).isEqualTo(key);

        CryptographicParameters pkcs1 = new CryptographicParameters(null, PaddingMethod.PKCS1_V1_5, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null);
        assertThat(KeyWrapper.rsa(kp.getPrivate(), pkcs1).unwrap(KeyWrapper.rsa(kp.getPublic(), pkcs1).wrap(key).value(), null))
                .isEqualTo(key);
        assertThatThrownBy(() -> KeyWrapper.rsa(kp.getPrivate(), pkcs1).wrap(key)).isInstanceOf(KmipException.class)
                .hasMessageContaining("public key wraps");
        assertThatThrownBy(() -> KeyWrapper.rsa(kp.getPublic(), mode(null))).isInstanceOf(KmipException.class)
                .hasMessageContaining("OAEP");
    }

    @Test
    void macsByKeyAlgorithmOrParameters() {
        // RFC 4231 test case 2: HMAC-SHA-256 with key "Jefe".
        Bytes jefe = Bytes.wrap("Jefe".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Bytes data = Bytes.wrap("what do ya want for nothing?".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        Bytes expected = hex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        assertThat(KeyWrapper.mac(CryptographicAlgorithm.HMAC_SHA256, jefe, mode(null), data)).isEqualTo(expected);
        CryptographicParameters sha256 = new CryptographicParameters(null, null, HashingAlgorithm.SHA_256, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null);
        assertThat(KeyWrapper.mac(null, jefe, sha256, data)).isEqualTo(expected);
        // NIST SP 800-38B example 2 (RFC 4493 example 2): AES-128 CMAC of one block.
        assertThat(KeyWrapper.mac(CryptographicAlgorithm.AES, hex("2b7e151628aed2a6abf7158809cf4f3c"), mode(BlockCipherMode.CMAC),
                hex("6bc1bee22e409f96e93d7e117393172a"))).isEqualTo(hex("070a16b46b4d4144f79bdd9dd04a287c"));
        assertThatThrownBy(() -> KeyWrapper.mac(CryptographicAlgorithm.AES, jefe, mode(null), data)).isInstanceOf(KmipException.class);
    }
}
