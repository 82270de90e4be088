package io.kmipstack.server.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.model.CryptographicParameters;
import io.kmipstack.codec.registry.BlockCipherMode;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.HashingAlgorithm;
import io.kmipstack.codec.ttlv.Bytes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Known answers of RFC 6070 and RFC 7914 (PBKDF2), RFC 5869 (HKDF), RFC 4231 (HMAC), FIPS 180 and 197. */
class KeyDerivationTest {

    private static Bytes ascii(String s) {
        return Bytes.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static Bytes hex(String h) {
        return Bytes.fromHex(h.replace(" ", ""));
    }

    @Test
    void pbkdf2HmacSha1Rfc6070() {
        assertThat(KeyDerivation.pbkdf2(HashingAlgorithm.SHA_1, ascii("password"), ascii("salt"), 1, 20))
                .isEqualTo(hex("0c60c80f961f0e71f3a9b524af6012062fe037a6"));
        assertThat(KeyDerivation.pbkdf2(HashingAlgorithm.SHA_1, ascii("password"), ascii("salt"), 2, 20))
                .isEqualTo(hex("ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957"));
        assertThat(KeyDerivation.pbkdf2(HashingAlgorithm.SHA_1, ascii("password"), ascii("salt"), 4096, 20))
                .isEqualTo(hex("4b007901b765489abead49d926f721d065a429c1"));
        // Output longer than one HMAC block, and a partial last block.
        assertThat(KeyDerivation.pbkdf2(HashingAlgorithm.SHA_1, ascii("passwordPASSWORDpassword"),
                ascii("saltSALTsaltSALTsaltSALTsaltSALTsalt"), 4096, 25))
                .isEqualTo(hex("3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038"));
        // Zero bytes inside password and salt: the reason PBKDF2 is ours and not the JDK's char[] one.
        assertThat(KeyDerivation.pbkdf2(HashingAlgorithm.SHA_1, ascii("pass\0word"), ascii("sa\0lt"), 4096, 16))
                .isEqualTo(hex("56fa6aa75548099dcc37d7f03425e0c3"));
    }

    @Test
    void pbkdf2HmacSha256Rfc7914() {
        // RFC 7914 section 11, the PBKDF2-HMAC-SHA256 vector.
        assertThat(KeyDerivation.pbkdf2(HashingAlgorithm.SHA_256, ascii("passwd"), ascii("salt"), 1, 64)).isEqualTo(hex(
                "55ac046e56e3089fec1691c22544b605f94185216dde0465e68b9d57c20dacbc"
                        + "49ca9cccf179b645991664b39d77ef317c71b845b1e30bd509112041d3a19783"));
    }

    @Test
    void pbkdf2Limits() {
        assertThatThrownBy(() -> KeyDerivation.pbkdf2(HashingAlgorithm.SHA_1, ascii("p"), null, 1, 16))
                .isInstanceOf(KmipException.class).hasMessageContaining("Salt");
        assertThatThrownBy(() -> KeyDerivation.pbkdf2(HashingAlgorithm.SHA_1, ascii("p"), ascii("s"), 0, 16))
                .isInstanceOf(KmipException.class).hasMessage("iteration count: 0 (expected: 1 to 10000000)");
        assertThatThrownBy(() -> KeyDerivation.pbkdf2(HashingAlgorithm.SHA_1, ascii("p"), ascii("s"), KeyDerivation.MAX_ITERATIONS + 1, 16))
                .isInstanceOf(KmipException.class);
    }

    @Test
    void hkdfRfc5869() {
        Bytes ikm = hex("0b".repeat(22));
        Bytes salt = hex("000102030405060708090a0b0c");
        Bytes info = hex("f0f1f2f3f4f5f6f7f8f9");
        // Test case 1 (SHA-256).
        assertThat(KeyDerivation.hkdf(HashingAlgorithm.SHA_256, ikm, salt, info, 42)).isEqualTo(hex(
                "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"));
        // Test case 3 (SHA-256, no salt, no info).
        assertThat(KeyDerivation.hkdf(HashingAlgorithm.SHA_256, ikm, null, null, 42)).isEqualTo(hex(
                "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"));
        // Test case 4 (SHA-1).
        assertThat(KeyDerivation.hkdf(HashingAlgorithm.SHA_1, hex("0b".repeat(11)), salt, info, 42)).isEqualTo(hex(
                "085a01ea1b10f36933068b56efa5ad81a4f14b822f5b091568a9cdd4f155fda2c22e422478d305f3f896"));
        // At most 255 blocks of output (RFC 5869 section 2.3).
        assertThatThrownBy(() -> KeyDerivation.hkdf(HashingAlgorithm.SHA_256, ikm, salt, info, 255 * 32 + 1))
                .isInstanceOf(KmipException.class).hasMessageContaining("expected: 8 to 65280");
    }

    @Test
    void hmacHashAndEncrypt() {
        // RFC 4231 test case 2, truncated to 16 bytes as a 128-bit key would be.
        assertThat(KeyDerivation.hmac(HashingAlgorithm.SHA_256, ascii("Jefe"), ascii("what do ya want for nothing?"), 16))
                .isEqualTo(hex("5bdcc146bf60754e6a042426089575c7"));
        assertThatThrownBy(() -> KeyDerivation.hmac(HashingAlgorithm.SHA_256, ascii("Jefe"), ascii("x"), 33))
                .isInstanceOf(KmipException.class).hasMessageContaining("HMAC with");
        // SHA-256("abc") (FIPS 180-2 appendix B.1): the key "a" followed by the data "bc".
        assertThat(KeyDerivation.hash(HashingAlgorithm.SHA_256, ascii("a"), ascii("bc"), 32))
                .isEqualTo(hex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
        assertThat(KeyDerivation.hash(HashingAlgorithm.SHA_256, ascii("abc"), null, 16))
                .isEqualTo(hex("ba7816bf8f01cfea414140de5dae2223"));
        // FIPS 197 appendix C.1: AES-128 of one block (ECB, no IV).
        CryptographicParameters ecb = new CryptographicParameters(BlockCipherMode.ECB, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null);
        assertThat(KeyDerivation.encrypt(CryptographicAlgorithm.AES, hex("000102030405060708090a0b0c0d0e0f"), ecb, null,
                hex("00112233445566778899aabbccddeeff"), 16)).isEqualTo(hex("69c4e0d86a7b0430d8cdb78070b4c55a"));
        // CBC with an all-zero IV equals ECB on the first block.
        CryptographicParameters cbc = new CryptographicParameters(BlockCipherMode.CBC, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null);
        assertThat(KeyDerivation.encrypt(CryptographicAlgorithm.AES, hex("000102030405060708090a0b0c0d0e0f"), cbc, null,
                hex("00112233445566778899aabbccddeeff"), 16)).isEqualTo(hex("69c4e0d86a7b0430d8cdb78070b4c55a"));
        assertThatThrownBy(() -> KeyDerivation.encrypt(CryptographicAlgorithm.AES, hex("000102030405060708090a0b0c0d0e0f"), ecb,
                null, hex("00112233445566778899aabbccddeeff"), 17)).isInstanceOf(KmipException.class);
    }
}
