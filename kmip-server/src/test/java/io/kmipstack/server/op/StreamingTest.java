package io.kmipstack.server.op;

import static io.kmipstack.server.op.CryptoFixtures.cp;
import static io.kmipstack.server.op.CryptoFixtures.hex;
import static io.kmipstack.server.op.CryptoFixtures.symmetric;
import static io.kmipstack.server.op.OpHarness.uid;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.model.CryptographicParameters;
import io.kmipstack.codec.model.RevocationReason;
import io.kmipstack.codec.payload.DecryptRequestPayload;
import io.kmipstack.codec.payload.DecryptResponsePayload;
import io.kmipstack.codec.payload.EncryptRequestPayload;
import io.kmipstack.codec.payload.EncryptResponsePayload;
import io.kmipstack.codec.payload.HashRequestPayload;
import io.kmipstack.codec.payload.HashResponsePayload;
import io.kmipstack.codec.payload.MACRequestPayload;
import io.kmipstack.codec.payload.MACResponsePayload;
import io.kmipstack.codec.payload.MACVerifyRequestPayload;
import io.kmipstack.codec.payload.MACVerifyResponsePayload;
import io.kmipstack.codec.payload.RevokeRequestPayload;
import io.kmipstack.codec.registry.BlockCipherMode;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.CryptographicUsageMask;
import io.kmipstack.codec.registry.HashingAlgorithm;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.PaddingMethod;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.RevocationReasonCode;
import io.kmipstack.codec.registry.ValidityIndicator;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.server.crypto.CorrelationStates;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Multi-part operations: Init Indicator, Correlation Value, Final Indicator. The parts must give
 * exactly what one part gives; authenticated decryption holds its plaintext until the tag is
 * verified; streams belong to their requester and operation, end on failure, and are bounded in
 * number and idle time.
 */
class StreamingTest {

    private static final int ED = CryptographicUsageMask.ENCRYPT | CryptographicUsageMask.DECRYPT;

    // The GCM specification's test case 4 (McGrew and Viega).
    private static final String GCM_KEY = "feffe9928665731c6d6a8f9467308308";
    private static final Bytes GCM_IV = hex("cafebabefacedbaddecaf888");
    private static final Bytes GCM_AAD = hex("feedfacedeadbeeffeedfacedeadbeefabaddad2");
    private static final Bytes GCM_PLAIN = hex("d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
            + "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39");
    private static final Bytes GCM_CIPHER = hex("42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e"
            + "21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091");
    private static final Bytes GCM_TAG = hex("5bc94fbc3221a5db94fae95ae7121a47");
    private static final CryptographicParameters GCM = cp().mode(BlockCipherMode.GCM).tagLength(16).build();

    private final OpHarness h = new OpHarness(KmipVersion.V2_1);

    private static Bytes slice(Bytes b, int from, int to) {
        return Bytes.wrap(b.toByteArray(), from, to - from);
    }

    private static Bytes concat(Bytes... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Bytes p : parts) {
            out.writeBytes(p.toByteArray());
        }
        return Bytes.wrap(out.toByteArray());
    }

    @Test
    void gcmEncryptionInThreePartsIsTheSingleEncryptionAndEndsWithTheTag() {
        String id = symmetric(h, CryptographicAlgorithm.AES, GCM_KEY, ED);
        EncryptResponsePayload first = h.call(new EncryptRequestPayload(uid(id), GCM, slice(GCM_PLAIN, 0, 20), GCM_IV, null, true,
                null, GCM_AAD));
        assertThat(first.correlationValue()).isNotNull();
        assertThat(first.authenticatedEncryptionTag()).isNull();
        EncryptResponsePayload second = h.call(new EncryptRequestPayload(uid(id), GCM, slice(GCM_PLAIN, 20, 40), null,
                first.correlationValue(), null, null, null));
        assertThat(second.correlationValue()).isEqualTo(first.correlationValue());
        EncryptResponsePayload last = h.call(new EncryptRequestPayload(null, null, slice(GCM_PLAIN, 40, 60), null,
                first.correlationValue(), null, true, null));
        assertThat(last.correlationValue()).isNull();
        assertThat(concat(first.data(), second.data(), last.data())).isEqualTo(GCM_CIPHER);
        assertThat(last.authenticatedEncryptionTag()).isEqualTo(GCM_TAG);
        // The stream is over.
        assertThat(h.fails(new EncryptRequestPayload(uid(id), null, GCM_PLAIN, null, first.correlationValue(), null, true, null)))
                .isEqualTo(ResultReason.INVALID_CORRELATION_VALUE);
    }

    @Test
    void gcmDecryptionReleasesNoPlaintextBeforeTheTagChecksOut() {
        String id = symmetric(h, CryptographicAlgorithm.AES, GCM_KEY, ED);
        DecryptResponsePayload first = h.call(new DecryptRequestPayload(uid(id), GCM, slice(GCM_CIPHER, 0, 30), GCM_IV, null, true,
                null, GCM_AAD, GCM_TAG));
        assertThat(first.data() == null || first.data().isEmpty()).isTrue();
        DecryptResponsePayload last = h.call(new DecryptRequestPayload(uid(id), null, slice(GCM_CIPHER, 30, 60), null,
                first.correlationValue(), null, true, null, null));
        assertThat(last.data()).isEqualTo(GCM_PLAIN);

        // The tag may also come with the final part, where a streaming client has it.
        DecryptResponsePayload early = h.call(new DecryptRequestPayload(uid(id), GCM, slice(GCM_CIPHER, 0, 30), GCM_IV, null, true,
                null, GCM_AAD, null));
        DecryptResponsePayload late = h.call(new DecryptRequestPayload(uid(id), null, slice(GCM_CIPHER, 30, 60), null,
                early.correlationValue(), null, true, null, GCM_TAG));
        assertThat(late.data()).isEqualTo(GCM_PLAIN);

        // A wrong tag: the intermediate part says nothing, the final part fails, and the stream is gone.
        DecryptResponsePayload bad = h.call(new DecryptRequestPayload(uid(id), GCM, slice(GCM_CIPHER, 0, 30), GCM_IV, null, true,
                null, GCM_AAD, hex("5bc94fbc3221a5db94fae95ae7121a48")));
        assertThat(bad.data() == null || bad.data().isEmpty()).isTrue();
        assertThat(h.fails(new DecryptRequestPayload(uid(id), null, slice(GCM_CIPHER, 30, 60), null, bad.correlationValue(), null, true,
                null, null))).isEqualTo(ResultReason.CRYPTOGRAPHIC_FAILURE);
        assertThat(h.fails(new DecryptRequestPayload(uid(id), null, Bytes.EMPTY, null, bad.correlationValue(), null, true, null, null)))
                .isEqualTo(ResultReason.INVALID_CORRELATION_VALUE);
    }

    @Test
    void cbcWithPaddingAndXtsInPartsAreTheSingleOperation() {
        String aes = symmetric(h, CryptographicAlgorithm.AES, "2b7e151628aed2a6abf7158809cf4f3c", ED);
        CryptographicParameters cbc = cp().mode(BlockCipherMode.CBC).padding(PaddingMethod.PKCS5).build();
        Bytes iv = hex("000102030405060708090a0b0c0d0e0f");
        Bytes plain = Bytes.wrap("a message of forty-three bytes, not blocks".getBytes(StandardCharsets.US_ASCII));
        Bytes whole = CryptoFixtures.encrypt(h, aes, cbc, plain, iv).data();
        EncryptResponsePayload p1 = h.call(new EncryptRequestPayload(uid(aes), cbc, slice(plain, 0, 5), iv, null, true, null, null));
        EncryptResponsePayload p2 = h.call(new EncryptRequestPayload(uid(aes), cbc, slice(plain, 5, 40), null, p1.correlationValue(),
                null, null, null));
        EncryptResponsePayload p3 = h.call(new EncryptRequestPayload(uid(aes), cbc, slice(plain, 40, plain.length()), null,
                p1.correlationValue(), null, true, null));
        assertThat(concat(p1.data(), p2.data(), p3.data())).isEqualTo(whole);
        DecryptResponsePayload d1 = h.call(new DecryptRequestPayload(uid(aes), cbc, slice(whole, 0, 17), iv, null, true, null, null,
                null));
        DecryptResponsePayload d2 = h.call(new DecryptRequestPayload(uid(aes), cbc, slice(whole, 17, whole.length()), null,
                d1.correlationValue(), null, true, null, null));
        assertThat(concat(d1.data(), d2.data())).isEqualTo(plain);

        // IEEE 1619 vector 16 (18 bytes, ciphertext stealing) fed as 7 + 11 bytes.
        String xtsKey = symmetric(h, CryptographicAlgorithm.AES, "fffefdfcfbfaf9f8f7f6f5f4f3f2f1f0bfbebdbcbbbab9b8b7b6b5b4b3b2b1b0", ED);
        CryptographicParameters xts = cp().mode(BlockCipherMode.XTS).build();
        Bytes tweak = hex("9a78563412" + "00".repeat(11));
        Bytes data = hex("000102030405060708090a0b0c0d0e0f1011");
        EncryptResponsePayload x1 = h.call(new EncryptRequestPayload(uid(xtsKey), xts, slice(data, 0, 7), tweak, null, true, null,
                null));
        EncryptResponsePayload x2 = h.call(new EncryptRequestPayload(uid(xtsKey), xts, slice(data, 7, 18), null, x1.correlationValue(),
                null, true, null));
        assertThat(concat(x1.data(), x2.data())).isEqualTo(hex("d069444b7a7e0cab09e24447d24deb1fedbf"));
    }

    @Test
    void macVerifyAndHashInParts() {
        // RFC 4231 test case 2, "what do ya want for nothing?" fed in two parts.
        String key = symmetric(h, CryptographicAlgorithm.HMAC_SHA256, "4a656665",
                CryptographicUsageMask.MAC_GENERATE | CryptographicUsageMask.MAC_VERIFY);
        Bytes expected = hex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        MACResponsePayload m1 = h.call(new MACRequestPayload(uid(key), null, ascii("what do ya "), null, true, null));
        assertThat(m1.macData()).isNull();
        MACResponsePayload m2 = h.call(new MACRequestPayload(uid(key), null, ascii("want for nothing?"), m1.correlationValue(), null,
                true));
        assertThat(m2.macData()).isEqualTo(expected);
        MACVerifyResponsePayload v1 = h.call(new MACVerifyRequestPayload(uid(key), null, ascii("what do ya "), null, null, true, null));
        MACVerifyResponsePayload v2 = h.call(new MACVerifyRequestPayload(uid(key), null, ascii("want for nothing?"), expected,
                v1.correlationValue(), null, true));
        assertThat(v2.validityIndicator()).isEqualTo(ValidityIndicator.VALID);

        // FIPS 180-2 appendix B.1: SHA-256("abc"), fed as "a" and "bc".
        HashResponsePayload h1 = h.call(new HashRequestPayload(cp().hashing(HashingAlgorithm.SHA_256).build(), ascii("a"), null, true,
                null));
        HashResponsePayload h2 = h.call(new HashRequestPayload(cp().hashing(HashingAlgorithm.SHA_256).build(), ascii("bc"),
                h1.correlationValue(), null, true));
        assertThat(h2.data()).isEqualTo(hex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
    }

    @Test
    void aStreamAnswersOnlyItsOwnerAndOperation() {
        String id = symmetric(h, CryptographicAlgorithm.AES, GCM_KEY, ED);
        EncryptResponsePayload first = h.call(new EncryptRequestPayload(uid(id), GCM, slice(GCM_PLAIN, 0, 20), GCM_IV, null, true, null,
                null));
        h.identity = "mallory";
        assertThat(h.fails(new EncryptRequestPayload(null, null, slice(GCM_PLAIN, 20, 60), null, first.correlationValue(), null, true,
                null))).isEqualTo(ResultReason.INVALID_CORRELATION_VALUE);
        h.identity = "alice";
        KmipException wrongOp = h.failure(new DecryptRequestPayload(null, null, Bytes.EMPTY, null, first.correlationValue(), null, true,
                null, null));
        assertThat(wrongOp.resultReason()).isEqualTo(ResultReason.INVALID_CORRELATION_VALUE);
        assertThat(wrongOp.getMessage()).contains("Encrypt");
        // Neither mallory's attempt nor the wrong operation ended alice's stream.
        EncryptResponsePayload last = h.call(new EncryptRequestPayload(null, null, slice(GCM_PLAIN, 20, 60), null,
                first.correlationValue(), null, true, null));
        // (The ciphertext does not depend on the additional data, which this stream has none of; the tag does.)
        assertThat(concat(first.data(), last.data())).isEqualTo(GCM_CIPHER);
        // 1.x has no Invalid Correlation Value: Item Not Found (KMIP 1.4 table 353).
        OpHarness v14 = new OpHarness(KmipVersion.V1_4);
        assertThat(v14.fails(new EncryptRequestPayload(null, null, Bytes.EMPTY, null, hex("00112233"), null, true, null)))
                .isEqualTo(ResultReason.ITEM_NOT_FOUND);
    }

    @Test
    void aKeyRevokedMidStreamStopsEncryptingButStillDecrypts() {
        String id = symmetric(h, CryptographicAlgorithm.AES, GCM_KEY, ED);
        EncryptResponsePayload enc = h.call(new EncryptRequestPayload(uid(id), GCM, slice(GCM_PLAIN, 0, 20), GCM_IV, null, true, null,
                GCM_AAD));
        DecryptResponsePayload dec = h.call(new DecryptRequestPayload(uid(id), GCM, slice(GCM_CIPHER, 0, 20), GCM_IV, null, true, null,
                GCM_AAD, GCM_TAG));
        h.call(new RevokeRequestPayload(uid(id), new RevocationReason(RevocationReasonCode.CESSATION_OF_OPERATION, null), null));
        assertThat(h.fails(new EncryptRequestPayload(null, null, slice(GCM_PLAIN, 20, 60), null, enc.correlationValue(), null, true,
                null))).isEqualTo(ResultReason.WRONG_KEY_LIFECYCLE_STATE);
        DecryptResponsePayload rest = h.call(new DecryptRequestPayload(null, null, slice(GCM_CIPHER, 20, 60), null, dec.correlationValue(),
                null, true, null, null));
        assertThat(rest.data()).isEqualTo(GCM_PLAIN);
    }

    @Test
    void streamsAreBoundedInNumberAndIdleTime() {
        h.handlers.putAll(Handlers.standard(KeyWrapping.unsupported(), CorrelationStates.create(2, Duration.ofMinutes(1))));
        String id = symmetric(h, CryptographicAlgorithm.AES, GCM_KEY, ED);
        Bytes oldest = open(id);
        Bytes second = open(id);
        Bytes third = open(id);
        KmipException evicted = h.failure(new EncryptRequestPayload(null, null, Bytes.EMPTY, null, oldest, null, true, null));
        assertThat(evicted.resultReason()).isEqualTo(ResultReason.INVALID_CORRELATION_VALUE);
        assertThat(evicted.getMessage()).contains("2 newer streams").contains("PT1M");
        EncryptResponsePayload part = h.call(new EncryptRequestPayload(null, null, Bytes.EMPTY, null, second, null, null, null));
        assertThat(part.correlationValue()).isEqualTo(second);
        // 'second' was used just now; 'third' has been idle since it was opened.
        h.now = h.now.plusSeconds(45);
        EncryptResponsePayload later = h.call(new EncryptRequestPayload(null, null, Bytes.EMPTY, null, second, null, null, null));
        assertThat(later.correlationValue()).isEqualTo(second);
        h.now = h.now.plusSeconds(30);
        assertThat(h.fails(new EncryptRequestPayload(null, null, Bytes.EMPTY, null, third, null, true, null)))
                .isEqualTo(ResultReason.INVALID_CORRELATION_VALUE);
        assertThat(((EncryptResponsePayload) h.call(new EncryptRequestPayload(null, null, Bytes.EMPTY, null, second, null, true, null)))
                .authenticatedEncryptionTag().length()).isEqualTo(16);
    }

    private Bytes open(String id) {
        EncryptResponsePayload r = h.call(new EncryptRequestPayload(uid(id), GCM, Bytes.EMPTY, GCM_IV, null, true, null, null));
        return r.correlationValue();
    }

    private static Bytes ascii(String s) {
        return Bytes.wrap(s.getBytes(StandardCharsets.US_ASCII));
    }
}
