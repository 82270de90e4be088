package io.kmipstack.server.op;

import static io.kmipstack.server.op.CryptoFixtures.cp;
import static io.kmipstack.server.op.CryptoFixtures.decrypt;
import static io.kmipstack.server.op.CryptoFixtures.encrypt;
import static io.kmipstack.server.op.CryptoFixtures.hex;
import static io.kmipstack.server.op.CryptoFixtures.symmetric;
import static io.kmipstack.server.op.OpHarness.uid;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.model.CryptographicParameters;
import io.kmipstack.codec.model.KeyBlock;
import io.kmipstack.codec.model.KeyMaterial;
import io.kmipstack.codec.model.KeyValue;
import io.kmipstack.codec.model.RevocationReason;
import io.kmipstack.codec.model.SecretData;
import io.kmipstack.codec.model.UsageLimits;
import io.kmipstack.codec.payload.DecryptRequestPayload;
import io.kmipstack.codec.payload.EncryptRequestPayload;
import io.kmipstack.codec.payload.EncryptResponsePayload;
import io.kmipstack.codec.payload.MACRequestPayload;
import io.kmipstack.codec.payload.RegisterRequestPayload;
import io.kmipstack.codec.payload.RegisterResponsePayload;
import io.kmipstack.codec.payload.RevokeRequestPayload;
import io.kmipstack.codec.registry.BlockCipherMode;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.CryptographicUsageMask;
import io.kmipstack.codec.registry.HashingAlgorithm;
import io.kmipstack.codec.registry.KeyFormatType;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.PaddingMethod;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.RevocationReasonCode;
import io.kmipstack.codec.registry.SecretDataType;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.registry.UsageLimitsUnit;
import io.kmipstack.codec.ttlv.Bytes;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.MGF1ParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * RSA encryption, and the rules around every cipher operation: lifecycle state, usage mask,
 * object type, Usage Limits, IVs the server generates, parameter errors with their reasons in
 * 1.x and 2.x, and no key material in any message.
 */
class CryptoUsageTest {

    private static final int ED = CryptographicUsageMask.ENCRYPT | CryptographicUsageMask.DECRYPT;
    private static final String KEY = "2b7e151628aed2a6abf7158809cf4f3c";
    private static final CryptographicParameters ECB = cp().mode(BlockCipherMode.ECB).build();
    private static final Bytes BLOCK = hex("6bc1bee22e409f96e93d7e117393172a");
    private static KeyPair rsa;

    private final OpHarness h = new OpHarness(KmipVersion.V2_1);

    @BeforeAll
    static void rsaKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        rsa = g.generateKeyPair();
    }

    @Test
    void rsaOaepRoundTripsWithTheJcaBothWays() throws Exception {
        CryptographicParameters oaep = cp().padding(PaddingMethod.OAEP).hashing(HashingAlgorithm.SHA_256)
                .mgf1(HashingAlgorithm.SHA_256).pSource(hex("4b696c726f79207761732068657265")).build();
        String pub = CryptoFixtures.publicKey(h, rsa.getPublic(), CryptographicUsageMask.ENCRYPT, CryptoFixtures.attribute(oaep));
        String priv = CryptoFixtures.privateKey(h, rsa.getPrivate(), CryptographicUsageMask.DECRYPT, CryptoFixtures.attribute(oaep));
        Bytes message = hex("6628194e12073db03ba94cda9ef9532397d50dba79b987004afefe34");
        Bytes c1 = encrypt(h, pub, null, message, null).data();
        Bytes c2 = encrypt(h, pub, null, message, null).data();
        assertThat(c1.length()).isEqualTo(256);
        assertThat(c1).as("OAEP is randomized").isNotEqualTo(c2);
        assertThat(decrypt(h, priv, null, c1, null).data()).isEqualTo(message);
        // The JCA decrypts ours and we decrypt the JCA's (RFC 8017 section 7.1 with the label as P Source).
        OAEPParameterSpec spec = new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256,
                new PSource.PSpecified(hex("4b696c726f79207761732068657265").toByteArray()));
        Cipher jca = Cipher.getInstance("RSA/ECB/OAEPPadding");
        jca.init(Cipher.DECRYPT_MODE, rsa.getPrivate(), spec);
        assertThat(Bytes.wrap(jca.doFinal(c1.toByteArray()))).isEqualTo(message);
        jca.init(Cipher.ENCRYPT_MODE, rsa.getPublic(), spec);
        assertThat(decrypt(h, priv, null, Bytes.wrap(jca.doFinal(message.toByteArray())), null).data()).isEqualTo(message);
        // Another label: the padding check fails.
        CryptographicParameters otherLabel = cp().padding(PaddingMethod.OAEP).hashing(HashingAlgorithm.SHA_256)
                .mgf1(HashingAlgorithm.SHA_256).pSource(hex("00")).build();
        assertThat(h.fails(new DecryptRequestPayload(uid(priv), otherLabel, c1, null, null, null, null, null, null)))
                .isEqualTo(ResultReason.CRYPTOGRAPHIC_FAILURE);
        // Too long for a 2048-bit key with SHA-256 OAEP (at most 256 - 2 * 32 - 2 = 190 bytes).
        assertThat(h.fails(new EncryptRequestPayload(uid(pub), null, Bytes.wrap(new byte[191]), null, null, null, null, null)))
                .isEqualTo(ResultReason.INVALID_FIELD);
        // OAEP's defaults are SHA-1 for both hashes (KMIP 2.1 table 59, RFC 8017 section A.2.1), on a key without parameters.
        String plainPub = CryptoFixtures.publicKey(h, rsa.getPublic(), CryptographicUsageMask.ENCRYPT);
        Bytes sha1 = encrypt(h, plainPub, cp().padding(PaddingMethod.OAEP).build(), message, null).data();
        jca.init(Cipher.DECRYPT_MODE, rsa.getPrivate(), OAEPParameterSpec.DEFAULT);
        assertThat(Bytes.wrap(jca.doFinal(sha1.toByteArray()))).isEqualTo(message);
    }

    @Test
    void rsaPkcs1V15RoundTripsAndRsaWantsAPaddingAndOnePart() {
        CryptographicParameters v15 = cp().padding(PaddingMethod.PKCS1_V1_5).build();
        String pub = CryptoFixtures.publicKey(h, rsa.getPublic(), CryptographicUsageMask.ENCRYPT);
        String priv = CryptoFixtures.privateKey(h, rsa.getPrivate(), CryptographicUsageMask.DECRYPT);
        Bytes c = encrypt(h, pub, v15, BLOCK, null).data();
        assertThat(decrypt(h, priv, v15, c, null).data()).isEqualTo(BLOCK);
        assertThat(h.fails(new EncryptRequestPayload(uid(pub), null, BLOCK, null, null, null, null, null)))
                .isEqualTo(ResultReason.BAD_CRYPTOGRAPHIC_PARAMETERS);
        assertThat(h.fails(new EncryptRequestPayload(uid(pub), v15, BLOCK, null, null, true, null, null)))
                .isEqualTo(ResultReason.FEATURE_NOT_SUPPORTED);
        // A public key registered for Encrypt only does not decrypt.
        assertThat(h.fails(new DecryptRequestPayload(uid(pub), v15, c, null, null, null, null, null, null)))
                .isEqualTo(ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK);
    }

    @Test
    void encryptNeedsAnActiveKeyWhileDecryptAlsoTakesADeactivatedOrCompromisedOne() {
        for (KmipVersion v : List.of(KmipVersion.V1_4, KmipVersion.V2_1)) {
            OpHarness x = new OpHarness(v);
            boolean v2 = v.isV2();
            String id = symmetric(x, CryptographicAlgorithm.AES, KEY, ED);
            Bytes c = encrypt(x, id, ECB, BLOCK, null).data();
            x.call(new RevokeRequestPayload(uid(id), new RevocationReason(RevocationReasonCode.SUPERSEDED, null), null));
            assertThat(x.fails(new EncryptRequestPayload(uid(id), ECB, BLOCK, null, null, null, null, null)))
                    .isEqualTo(v2 ? ResultReason.WRONG_KEY_LIFECYCLE_STATE : ResultReason.PERMISSION_DENIED);
            assertThat(decrypt(x, id, ECB, c, null).data()).isEqualTo(BLOCK);
            x.call(new RevokeRequestPayload(uid(id), new RevocationReason(RevocationReasonCode.KEY_COMPROMISE, null), null));
            assertThat(decrypt(x, id, ECB, c, null).data()).isEqualTo(BLOCK);

            // Pre-Active: nothing.
            List<io.kmipstack.codec.ttlv.Ttlv> none = List.of(OpHarness.mask(ED));
            String preActive = ((RegisterResponsePayload) x.call(new RegisterRequestPayload(ObjectType.SYMMETRIC_KEY,
                    x.template(none.toArray(io.kmipstack.codec.ttlv.Ttlv[]::new)), x.attributes(none.toArray(io.kmipstack.codec.ttlv.Ttlv[]::new)),
                    new io.kmipstack.codec.model.SymmetricKey(new KeyBlock(KeyFormatType.RAW, null, KeyValue.of(KeyMaterial.of(hex(KEY))),
                            CryptographicAlgorithm.AES, 128, null)), null))).uniqueIdentifier().toString();
            assertThat(x.fails(new DecryptRequestPayload(uid(preActive), ECB, c, null, null, null, null, null, null)))
                    .isEqualTo(v2 ? ResultReason.WRONG_KEY_LIFECYCLE_STATE : ResultReason.PERMISSION_DENIED);
            assertThat(x.fails(new EncryptRequestPayload(uid("no-such-key"), ECB, BLOCK, null, null, null, null, null)))
                    .isEqualTo(v2 ? ResultReason.OBJECT_NOT_FOUND : ResultReason.ITEM_NOT_FOUND);
        }
    }

    @Test
    void theUsageMaskAndTheObjectTypeMustFit() {
        String decryptOnly = symmetric(h, CryptographicAlgorithm.AES, KEY, CryptographicUsageMask.DECRYPT);
        assertThat(h.fails(new EncryptRequestPayload(uid(decryptOnly), ECB, BLOCK, null, null, null, null, null)))
                .isEqualTo(ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK);
        assertThat(h.fails(new MACRequestPayload(uid(decryptOnly), null, BLOCK, null, null, null)))
                .isEqualTo(ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK);
        OpHarness v14 = new OpHarness(KmipVersion.V1_4);
        String v14Key = symmetric(v14, CryptographicAlgorithm.AES, KEY, CryptographicUsageMask.DECRYPT);
        assertThat(v14.fails(new EncryptRequestPayload(uid(v14Key), ECB, BLOCK, null, null, null, null, null)))
                .isEqualTo(ResultReason.PERMISSION_DENIED);
        // Secret Data does not encrypt (Invalid Object Type; 1.x: "not able to be used", Permission Denied).
        for (OpHarness x : List.of(h, v14)) {
            List<io.kmipstack.codec.ttlv.Ttlv> items = List.of(OpHarness.mask(ED),
                    OpHarness.date(Tag.ACTIVATION_DATE, x.now.minusSeconds(10)));
            io.kmipstack.codec.ttlv.Ttlv[] a = items.toArray(io.kmipstack.codec.ttlv.Ttlv[]::new);
            String secret = ((RegisterResponsePayload) x.call(new RegisterRequestPayload(ObjectType.SECRET_DATA, x.template(a),
                    x.attributes(a), new SecretData(SecretDataType.SEED, new KeyBlock(KeyFormatType.RAW, null,
                            KeyValue.of(KeyMaterial.of(hex(KEY))), null, null, null)), null))).uniqueIdentifier().toString();
            assertThat(x.fails(new EncryptRequestPayload(uid(secret), ECB, BLOCK, null, null, null, null, null)))
                    .isEqualTo(x.version.isV2() ? ResultReason.INVALID_OBJECT_TYPE : ResultReason.PERMISSION_DENIED);
        }
    }

    @Test
    void usageLimitsAreAllocatedBeforeEachEncryption() {
        // Unit Object: two encryptions, then Permission Denied (2.1 section 6.1.17); decryption takes nothing.
        String uses = symmetric(h, CryptographicAlgorithm.AES, KEY, ED,
                new UsageLimits(2L, null, UsageLimitsUnit.OBJECT).encode(Tag.USAGE_LIMITS, KmipVersion.V2_1));
        Bytes c = encrypt(h, uses, ECB, BLOCK, null).data();
        decrypt(h, uses, ECB, c, null);
        encrypt(h, uses, ECB, BLOCK, null);
        assertThat(h.fails(new EncryptRequestPayload(uid(uses), ECB, BLOCK, null, null, null, null, null)))
                .isEqualTo(ResultReason.PERMISSION_DENIED);
        assertThat(UsageLimits.decode(h.attribute(uses, Tag.USAGE_LIMITS)).usageLimitsCount()).isZero();
        // Unit Byte: 40 bytes allow two 16-byte blocks, not a third; a failed encryption takes nothing.
        String bytes = symmetric(h, CryptographicAlgorithm.AES, KEY, ED,
                new UsageLimits(40L, null, UsageLimitsUnit.BYTE).encode(Tag.USAGE_LIMITS, KmipVersion.V2_1));
        assertThat(h.fails(new EncryptRequestPayload(uid(bytes), ECB, hex("00"), null, null, null, null, null)))
                .isEqualTo(ResultReason.INVALID_FIELD);
        encrypt(h, bytes, ECB, BLOCK, null);
        encrypt(h, bytes, ECB, BLOCK, null);
        assertThat(UsageLimits.decode(h.attribute(bytes, Tag.USAGE_LIMITS)).usageLimitsCount()).isEqualTo(8L);
        assertThat(h.fails(new EncryptRequestPayload(uid(bytes), ECB, BLOCK, null, null, null, null, null)))
                .isEqualTo(ResultReason.PERMISSION_DENIED);
    }

    @Test
    void theServerChoosesAnIvWhenAskedOrWhenNoneIsGivenAndDecryptNeedsOne() {
        String id = symmetric(h, CryptographicAlgorithm.AES, KEY, ED);
        CryptographicParameters cbc = cp().mode(BlockCipherMode.CBC).padding(PaddingMethod.PKCS5).build();
        EncryptResponsePayload a = encrypt(h, id, cbc, BLOCK, null);
        EncryptResponsePayload b = encrypt(h, id, cbc, BLOCK, null);
        assertThat(a.ivCounterNonce().length()).isEqualTo(16);
        assertThat(a.ivCounterNonce()).isNotEqualTo(b.ivCounterNonce());
        assertThat(decrypt(h, id, cbc, a.data(), a.ivCounterNonce()).data()).isEqualTo(BLOCK);
        // Random IV true with GCM: 12 bytes unless IV Length says otherwise.
        CryptographicParameters gcm = cp().mode(BlockCipherMode.GCM).tagLength(16).randomIv(true).build();
        assertThat(encrypt(h, id, gcm, BLOCK, null).ivCounterNonce().length()).isEqualTo(12);
        CryptographicParameters gcm128 = cp().mode(BlockCipherMode.GCM).tagLength(16).randomIv(true).ivLength(128).build();
        assertThat(encrypt(h, id, gcm128, BLOCK, null).ivCounterNonce().length()).isEqualTo(16);
        // Random IV false and no IV; Decrypt without an IV: Invalid Message, as the OASIS test cases answer.
        CryptographicParameters noRandom = cp().mode(BlockCipherMode.CBC).randomIv(false).build();
        assertThat(h.fails(new EncryptRequestPayload(uid(id), noRandom, BLOCK, null, null, null, null, null)))
                .isEqualTo(ResultReason.INVALID_MESSAGE);
        assertThat(h.fails(new DecryptRequestPayload(uid(id), cbc, a.data(), null, null, null, null, null, null)))
                .isEqualTo(ResultReason.INVALID_MESSAGE);
        // ECB takes none and returns none.
        assertThat(encrypt(h, id, ECB, BLOCK, null).ivCounterNonce()).isNull();
    }

    @Test
    void parameterProblemsHaveTheirReasonsInEachVersion() {
        OpHarness v14 = new OpHarness(KmipVersion.V1_4);
        String k2 = symmetric(h, CryptographicAlgorithm.AES, KEY, ED);
        String k1 = symmetric(v14, CryptographicAlgorithm.AES, KEY, ED);
        EncryptRequestPayload noMode = new EncryptRequestPayload(uid(k2), null, BLOCK, null, null, null, null, null);
        assertThat(h.fails(noMode)).isEqualTo(ResultReason.BAD_CRYPTOGRAPHIC_PARAMETERS);
        assertThat(v14.fails(new EncryptRequestPayload(uid(k1), null, BLOCK, null, null, null, null, null)))
                .isEqualTo(ResultReason.INVALID_FIELD);
        CryptographicParameters ccm = cp().mode(BlockCipherMode.CCM).build();
        assertThat(h.fails(new EncryptRequestPayload(uid(k2), ccm, BLOCK, hex("00".repeat(12)), null, null, null, null)))
                .isEqualTo(ResultReason.UNSUPPORTED_CRYPTOGRAPHIC_PARAMETERS);
        assertThat(v14.fails(new EncryptRequestPayload(uid(k1), ccm, BLOCK, hex("00".repeat(12)), null, null, null, null)))
                .isEqualTo(ResultReason.FEATURE_NOT_SUPPORTED);
        CryptographicParameters cbc = cp().mode(BlockCipherMode.CBC).build();
        assertThat(h.fails(new EncryptRequestPayload(uid(k2), cbc, BLOCK, hex("00".repeat(8)), null, null, null, null)))
                .isEqualTo(ResultReason.BAD_CRYPTOGRAPHIC_PARAMETERS);
        assertThat(h.fails(new EncryptRequestPayload(uid(k2), cp().mode(BlockCipherMode.CTR).padding(PaddingMethod.PKCS5).build(),
                BLOCK, hex("00".repeat(16)), null, null, null, null))).isEqualTo(ResultReason.BAD_CRYPTOGRAPHIC_PARAMETERS);
        // Additional data is refused where nothing would authenticate it.
        assertThat(h.fails(new EncryptRequestPayload(uid(k2), cbc, BLOCK, hex("00".repeat(16)), null, null, null, hex("aa"))))
                .isEqualTo(ResultReason.BAD_CRYPTOGRAPHIC_PARAMETERS);
        // KMIP 1.3 has no Authenticated Encryption Tag to return.
        OpHarness v13 = new OpHarness(KmipVersion.V1_3);
        String k13 = symmetric(v13, CryptographicAlgorithm.AES, KEY, ED);
        assertThat(v13.fails(new EncryptRequestPayload(uid(k13), cp().mode(BlockCipherMode.GCM).build(), BLOCK, hex("00".repeat(12)),
                null, null, null, null))).isEqualTo(ResultReason.FEATURE_NOT_SUPPORTED);
        // GCM decryption needs the tag.
        CryptographicParameters gcm = cp().mode(BlockCipherMode.GCM).build();
        assertThat(h.fails(new DecryptRequestPayload(uid(k2), gcm, BLOCK, hex("00".repeat(12)), null, null, null, null, null)))
                .isEqualTo(ResultReason.INVALID_FIELD);
    }

    @Test
    void noFailureMessageCarriesKeyMaterialOrData() {
        String secretHex = "00112233445566778899aabbccddeeff";
        String dataHex = "fedcba98765432100123456789abcdef";
        String id = symmetric(h, CryptographicAlgorithm.AES, secretHex, ED);
        List<String> messages = new ArrayList<>();
        for (EncryptRequestPayload p : List.of(
                new EncryptRequestPayload(uid(id), null, hex(dataHex), null, null, null, null, null),
                new EncryptRequestPayload(uid(id), cp().mode(BlockCipherMode.CBC).build(), hex(dataHex + "01"), hex(dataHex), null, null,
                        null, null),
                new EncryptRequestPayload(uid(id), cp().mode(BlockCipherMode.GCM).tagLength(3).build(), hex(dataHex), hex(dataHex), null,
                        null, null, null))) {
            messages.add(h.failure(p).getMessage());
        }
        for (DecryptRequestPayload p : List.of(
                new DecryptRequestPayload(uid(id), cp().mode(BlockCipherMode.CBC).padding(PaddingMethod.PKCS5).build(), hex(dataHex),
                        hex(dataHex), null, null, null, null, null),
                new DecryptRequestPayload(uid(id), cp().mode(BlockCipherMode.GCM).build(), hex(dataHex), hex(dataHex), null, null, null,
                        null, hex(dataHex)))) {
            KmipException e = h.failure(p);
            assertThat(e.resultReason()).isEqualTo(ResultReason.CRYPTOGRAPHIC_FAILURE);
            messages.add(e.getMessage());
        }
        for (String m : messages) {
            String lower = m.toLowerCase(Locale.ROOT);
            assertThat(lower).doesNotContain(secretHex).doesNotContain(dataHex).doesNotContain(secretHex.substring(0, 8));
        }
    }
}
