package io.kmipstack.server.op;

import static io.kmipstack.server.op.CryptoFixtures.cp;
import static io.kmipstack.server.op.CryptoFixtures.decrypt;
import static io.kmipstack.server.op.CryptoFixtures.encrypt;
import static io.kmipstack.server.op.CryptoFixtures.hex;
import static io.kmipstack.server.op.CryptoFixtures.symmetric;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.codec.model.CryptographicParameters;
import io.kmipstack.codec.payload.DecryptRequestPayload;
import io.kmipstack.codec.payload.EncryptRequestPayload;
import io.kmipstack.codec.payload.EncryptResponsePayload;
import io.kmipstack.codec.registry.BlockCipherMode;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.CryptographicUsageMask;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.PaddingMethod;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.ttlv.Bytes;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Known answers of the symmetric ciphers, through the Encrypt and Decrypt handlers (encoded and
 * decoded for the protocol version on the way in and out), each vector cited where it is given.
 */
class CipherKnownAnswerTest {

    private static final int ED = CryptographicUsageMask.ENCRYPT | CryptographicUsageMask.DECRYPT;

    // NIST SP 800-38A appendix F: key, IV and the four plaintext blocks shared by F.1 to F.5.
    private static final String SP800_38A_KEY = "2b7e151628aed2a6abf7158809cf4f3c";
    private static final String SP800_38A_IV = "000102030405060708090a0b0c0d0e0f";
    private static final String SP800_38A_PLAIN = "6bc1bee22e409f96e93d7e117393172a ae2d8a571e03ac9c9eb76fac45af8e51"
            + " 30c81c46a35ce411e5fbc1191a0a52ef f69f2445df4f9b17ad2b417be66c3710";

    private final OpHarness h = new OpHarness(KmipVersion.V2_1);

    private void roundTrip(String id, CryptographicParameters p, String plain, String iv, String cipher) {
        Bytes ivBytes = iv == null ? null : hex(iv);
        EncryptResponsePayload e = encrypt(h, id, p, hex(plain), ivBytes);
        assertThat(e.data()).isEqualTo(hex(cipher));
        assertThat(e.ivCounterNonce()).as("the client's IV is not echoed").isNull();
        assertThat(decrypt(h, id, p, hex(cipher), ivBytes).data()).isEqualTo(hex(plain));
    }

    @Test
    void aesEcbCbcCfbOfbCtrOfSp800_38a() {
        String id = symmetric(h, CryptographicAlgorithm.AES, SP800_38A_KEY, ED);
        // F.1.1 ECB-AES128.Encrypt
        roundTrip(id, cp().mode(BlockCipherMode.ECB).build(), SP800_38A_PLAIN, null,
                "3ad77bb40d7a3660a89ecaf32466ef97 f5d3d58503b9699de785895a96fdbaaf 43b1cd7f598ece23881b00e3ed030688"
                        + " 7b0c785e27e8ad3f8223207104725dd4");
        // F.2.1 CBC-AES128.Encrypt
        roundTrip(id, cp().mode(BlockCipherMode.CBC).build(), SP800_38A_PLAIN, SP800_38A_IV,
                "7649abac8119b246cee98e9b12e9197d 5086cb9b507219ee95db113a917678b2 73bed6b8e3c1743b7116e69e22229516"
                        + " 3ff1caa1681fac09120eca307586e1a7");
        // F.3.13 CFB128-AES128.Encrypt
        roundTrip(id, cp().mode(BlockCipherMode.CFB).build(), SP800_38A_PLAIN, SP800_38A_IV,
                "3b3fd92eb72dad20333449f8e83cfb4a c8a64537a0b3a93fcde3cdad9f1ce58b 26751f67a3cbb140b1808cf187a4f4df"
                        + " c04b05357c5d1c0eeac4c66f9ff7f2e6");
        // F.4.1 OFB-AES128.Encrypt
        roundTrip(id, cp().mode(BlockCipherMode.OFB).build(), SP800_38A_PLAIN, SP800_38A_IV,
                "3b3fd92eb72dad20333449f8e83cfb4a 7789508d16918f03f53c52dac54ed825 9740051e9c5fecf64344f7a82260edcc"
                        + " 304c6528f659c77866a510d9c1d6ae5e");
        // F.5.1 CTR-AES128.Encrypt: the IV is the initial counter block.
        roundTrip(id, cp().mode(BlockCipherMode.CTR).build(), SP800_38A_PLAIN, "f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff",
                "874d6191b620e3261bef6864990db6ce 9806f66b7970fdff8617187bb9fffdff 5ae4df3edbd5d35e5b4f09020db03eab"
                        + " 1e031dda2fbe03d1792170a0f3009cee");
        // F.1.5 ECB-AES256.Encrypt, first block
        String aes256 = symmetric(h, CryptographicAlgorithm.AES, "603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4", ED);
        roundTrip(aes256, cp().mode(BlockCipherMode.ECB).build(), "6bc1bee22e409f96e93d7e117393172a", null,
                "f3eed1bdb5d2a03c064b5a7e3db181f8");
    }

    @Test
    void cbcWithPkcs5PaddingAddsAWholeBlockToAlignedData() {
        String id = symmetric(h, CryptographicAlgorithm.AES, SP800_38A_KEY, ED);
        CryptographicParameters p = cp().mode(BlockCipherMode.CBC).padding(PaddingMethod.PKCS5).build();
        EncryptResponsePayload e = encrypt(h, id, p, hex("6bc1bee22e409f96e93d7e117393172a"), hex(SP800_38A_IV));
        // The first block is F.2.1's; the second encrypts sixteen 0x10 padding bytes.
        assertThat(e.data().length()).isEqualTo(32);
        assertThat(e.data().toHex()).startsWithIgnoringCase("7649abac8119b246cee98e9b12e9197d");
        assertThat(decrypt(h, id, p, e.data(), hex(SP800_38A_IV)).data()).isEqualTo(hex("6bc1bee22e409f96e93d7e117393172a"));
        // Unpadded data that is not whole blocks is refused; a wrong padding on decryption is a cryptographic failure.
        assertThat(h.fails(new EncryptRequestPayload(OpHarness.uid(id), cp().mode(BlockCipherMode.CBC).build(), hex("01"),
                hex(SP800_38A_IV), null, null, null, null))).isEqualTo(ResultReason.INVALID_FIELD);
        assertThat(h.fails(new DecryptRequestPayload(OpHarness.uid(id), p, hex("7649abac8119b246cee98e9b12e9197d"), hex(SP800_38A_IV),
                null, null, null, null, null))).isEqualTo(ResultReason.CRYPTOGRAPHIC_FAILURE);
    }

    @Test
    void aesGcmOfTheGcmSpecificationTestCase4WithTruncatedTags() {
        // McGrew and Viega, "The Galois/Counter Mode of Operation", test case 4 (also in NIST's GCM test vectors).
        String id = symmetric(h, CryptographicAlgorithm.AES, "feffe9928665731c6d6a8f9467308308", ED);
        Bytes iv = hex("cafebabefacedbaddecaf888");
        Bytes aad = hex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
        Bytes plain = hex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
                + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
        Bytes cipher = hex("42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
                + "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091");
        CryptographicParameters gcm16 = cp().mode(BlockCipherMode.GCM).tagLength(16).build();
        EncryptResponsePayload e = encrypt(h, id, gcm16, plain, iv, aad);
        assertThat(e.data()).isEqualTo(cipher);
        assertThat(e.authenticatedEncryptionTag()).isEqualTo(hex("5bc94fbc3221a5db94fae95ae7121a47"));
        assertThat(decrypt(h, id, gcm16, cipher, iv, aad, hex("5bc94fbc3221a5db94fae95ae7121a47")).data()).isEqualTo(plain);
        // A 12-byte tag is the full tag's prefix (SP 800-38D section 5.2.1.2).
        CryptographicParameters gcm12 = cp().mode(BlockCipherMode.GCM).tagLength(12).build();
        assertThat(encrypt(h, id, gcm12, plain, iv, aad).authenticatedEncryptionTag()).isEqualTo(hex("5bc94fbc3221a5db94fae95a"));
        assertThat(decrypt(h, id, gcm12, cipher, iv, aad, hex("5bc94fbc3221a5db94fae95a")).data()).isEqualTo(plain);
        // Wrong additional data, tag or ciphertext: Cryptographic Failure, no data.
        assertThat(h.fails(new DecryptRequestPayload(OpHarness.uid(id), gcm16, cipher, iv, null, null, null, hex("00"),
                hex("5bc94fbc3221a5db94fae95ae7121a47")))).isEqualTo(ResultReason.CRYPTOGRAPHIC_FAILURE);
        assertThat(h.fails(new DecryptRequestPayload(OpHarness.uid(id), gcm16, cipher, iv, null, null, null, aad,
                hex("5bc94fbc3221a5db94fae95ae7121a48")))).isEqualTo(ResultReason.CRYPTOGRAPHIC_FAILURE);
        // Tag lengths outside 12..16 are refused as the OASIS test cases show (CS-BC-M-GCM-1).
        assertThat(h.fails(new EncryptRequestPayload(OpHarness.uid(id), cp().mode(BlockCipherMode.GCM).tagLength(8).build(), plain,
                iv, null, null, null, null))).isEqualTo(ResultReason.GENERAL_FAILURE);
    }

    @Test
    void aesXtsOfIeee1619AnnexB() {
        CryptographicParameters xts = cp().mode(BlockCipherMode.XTS).build();
        // IEEE Std 1619-2007 annex B, vector 1: both keys zero, data unit 0, 32 zero bytes.
        String v1 = symmetric(h, CryptographicAlgorithm.AES, "00".repeat(32), ED);
        roundTrip(v1, xts, "00".repeat(32), "00".repeat(16),
                "917cf69ebd68b2ec9b9fe9a3eadda692cd43d2f59598ed858c02c2652fbf922e");
        // Vector 2: Key1 = 11.., Key2 = 22.., data unit sequence number 3333333333.
        String v2 = symmetric(h, CryptographicAlgorithm.AES, "11".repeat(16) + "22".repeat(16), ED);
        roundTrip(v2, xts, "44".repeat(32), "3333333333" + "00".repeat(11),
                "c454185e6a16936e39334038acef838bfb186fff7480adc4289382ecd6d394f0");
        // Vectors 15 and 16: 17 and 18 bytes, ciphertext stealing.
        String v15 = symmetric(h, CryptographicAlgorithm.AES, "fffefdfcfbfaf9f8f7f6f5f4f3f2f1f0bfbebdbcbbbab9b8b7b6b5b4b3b2b1b0", ED);
        roundTrip(v15, xts, "000102030405060708090a0b0c0d0e0f10", "9a78563412" + "00".repeat(11), "6c1625db4671522d3d7599601de7ca09ed");
        roundTrip(v15, xts, "000102030405060708090a0b0c0d0e0f1011", "9a78563412" + "00".repeat(11),
                "d069444b7a7e0cab09e24447d24deb1fedbf");
        assertThat(h.fails(new EncryptRequestPayload(OpHarness.uid(v15), xts, hex("0001020304"), hex("00".repeat(16)), null, null, null,
                null))).isEqualTo(ResultReason.INVALID_FIELD);
    }

    @Test
    void nistKeyWrapOfRfc3394AndKeyWrapWithPaddingOfRfc5649() {
        // RFC 3394 section 4.1: 128-bit key data with a 128-bit KEK.
        String kek128 = symmetric(h, CryptographicAlgorithm.AES, "000102030405060708090A0B0C0D0E0F", ED);
        CryptographicParameters kw = cp().mode(BlockCipherMode.NIST_KEY_WRAP).build();
        roundTrip(kek128, kw, "00112233445566778899AABBCCDDEEFF", null, "1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE5");
        // Section 4.6: 256-bit key data with a 256-bit KEK.
        String kek256 = symmetric(h, CryptographicAlgorithm.AES, "000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F", ED);
        roundTrip(kek256, kw, "00112233445566778899AABBCCDDEEFF000102030405060708090A0B0C0D0E0F", null,
                "28C9F404C4B810F4CBCCB35CFB87F8263F5786E2D80ED326CBC7F0E71A99F43BFB988B9B7A02DD21");
        // A modified wrapping fails its integrity check.
        assertThat(h.fails(new DecryptRequestPayload(OpHarness.uid(kek128), kw, hex("1FA68B0A8112B447AEF34BD8FB5A7B829D3E862371D2CFE4"),
                null, null, null, null, null, null))).isEqualTo(ResultReason.CRYPTOGRAPHIC_FAILURE);
        // RFC 5649 section 6: a 192-bit KEK wrapping 20 and 7 octets.
        String kek192 = symmetric(h, CryptographicAlgorithm.AES, "5840df6e29b02af1ab493b705bf16ea1ae8338f4dcc176a8", ED);
        CryptographicParameters kwp = cp().mode(BlockCipherMode.AES_KEY_WRAP_PADDING).build();
        roundTrip(kek192, kwp, "c37b7e6492584340bed12207808941155068f738", null,
                "138bdeaa9b8fa7fc61f97742e72248ee5ae6ae5360d1ae6a5f54f373fa543b6a");
        roundTrip(kek192, kwp, "466f7250617369", null, "afbeb0f07dfbf5419200f2ccb50bb24f");
    }

    @Test
    void chaCha20OfRfc8439WithEachNonceForm() {
        // RFC 8439 section 2.4.2: key 00..1f, nonce 000000000000004a00000000, initial counter 1.
        String id = symmetric(h, CryptographicAlgorithm.CHA_CHA20, "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f", ED);
        String plain = Bytes.wrap(("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future,"
                + " sunscreen would be it.").getBytes(StandardCharsets.US_ASCII)).toHex();
        String cipher = "6e2e359a2568f98041ba0728dd0d6981e97e7aec1d4360c20a27afccfd9fae0bf91b65c5524733ab8f593dabcd62b3571639d624e6"
                + "5152ab8f530c359f0861d807ca0dbf500d6a6156a38e088a22b65e52bc514d16ccf806818ce91ab77937365af90bbf74a35be6b40b8e"
                + "edf2785e42874d";
        roundTrip(id, cp().initialCounter(1).build(), plain, "000000000000004a00000000", cipher);
        // The same stream with a 16-byte IV: the 32-bit little-endian counter first, then the nonce.
        roundTrip(id, null, plain, "01000000" + "000000000000004a00000000", cipher);
        // An 8-byte nonce (the original 64-bit-nonce ChaCha20) is the 12-byte nonce 00000000 || nonce:
        // the all-zero key and nonce give the keystream of RFC 8439 appendix A.1, test vector #1.
        String zero = symmetric(h, CryptographicAlgorithm.CHA_CHA20, "00".repeat(32), ED);
        roundTrip(zero, null, "00".repeat(64), "0000000000000000",
                "76b8e0ada0f13d90405d6ae55386bd28bdd219b8a08ded1aa836efcc8b770dc7da41597c5157488d7724e03fb8d84a376a43b8f41518a11cc387b669b2ee6586");
    }

    @Test
    void chaCha20Poly1305OfRfc8439WithAFullAndATruncatedTag() {
        // RFC 8439 section 2.8.2.
        String id = symmetric(h, CryptographicAlgorithm.CHA_CHA20_POLY1305,
                "808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f", ED);
        Bytes plain = Bytes.wrap(("Ladies and Gentlemen of the class of '99: If I could offer you only one tip for the future,"
                + " sunscreen would be it.").getBytes(StandardCharsets.US_ASCII));
        Bytes nonce = hex("070000004041424344454647");
        Bytes aad = hex("50515253c0c1c2c3c4c5c6c7");
        Bytes cipher = hex("d31a8d34648e60db7b86afbc53ef7ec2a4aded51296e08fea9e2b5a736ee62d63dbea45e8ca9671282fafb69da92728b"
                + "1a71de0a9e060b2905d6a5b67ecd3b3692ddbd7f2d778b8c9803aee328091b58fab324e4fad675945585808b4831d7bc3ff4def0"
                + "8e4b7a9de576d26586cec64b6116");
        CryptographicParameters aead16 = cp().mode(BlockCipherMode.AEAD).tagLength(16).build();
        EncryptResponsePayload e = encrypt(h, id, aead16, plain, nonce, aad);
        assertThat(e.data()).isEqualTo(cipher);
        assertThat(e.authenticatedEncryptionTag()).isEqualTo(hex("1ae10b594f09e26a7e902ecbd0600691"));
        assertThat(decrypt(h, id, aead16, cipher, nonce, aad, hex("1ae10b594f09e26a7e902ecbd0600691")).data()).isEqualTo(plain);
        CryptographicParameters aead12 = cp().mode(BlockCipherMode.AEAD).tagLength(12).build();
        assertThat(decrypt(h, id, aead12, cipher, nonce, aad, hex("1ae10b594f09e26a7e902ecb")).data()).isEqualTo(plain);
        assertThat(h.fails(new DecryptRequestPayload(OpHarness.uid(id), aead12, cipher, nonce, null, null, null, aad,
                hex("1ae10b594f09e26a7e902ecc")))).isEqualTo(ResultReason.CRYPTOGRAPHIC_FAILURE);
    }

    @Test
    void tripleDesOfSp800_67WithKeyingOption1() {
        // NIST SP 800-67 Rev. 2, the TDEA ECB example ("The qufck brown fox jump").
        String id = symmetric(h, CryptographicAlgorithm.DES3, "0123456789ABCDEF23456789ABCDEF01456789ABCDEF0123", ED);
        roundTrip(id, cp().mode(BlockCipherMode.ECB).build(), "5468652071756663 6B2062726F776E20 666F78206A756D70", null,
                "A826FD8CE53B855F CCE21C8112256FE6 68D5C05DD9B6B900");
    }

    @Test
    void theKeysCryptographicParametersApplyWhenTheRequestHasNone() {
        OpHarness v14 = new OpHarness(KmipVersion.V1_4);
        String id = symmetric(v14, CryptographicAlgorithm.AES, SP800_38A_KEY, ED,
                CryptoFixtures.attribute(cp().mode(BlockCipherMode.CBC).build()));
        assertThat(encrypt(v14, id, null, hex("6bc1bee22e409f96e93d7e117393172a"), hex(SP800_38A_IV)).data())
                .isEqualTo(hex("7649abac8119b246cee98e9b12e9197d"));
        // The request's fields win over the attribute's.
        assertThat(encrypt(v14, id, cp().mode(BlockCipherMode.ECB).build(), hex("6bc1bee22e409f96e93d7e117393172a"), null).data())
                .isEqualTo(hex("3ad77bb40d7a3660a89ecaf32466ef97"));
    }
}
