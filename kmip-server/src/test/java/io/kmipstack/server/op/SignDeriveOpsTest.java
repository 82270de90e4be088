package io.kmipstack.server.op;

import static io.kmipstack.server.op.KeyWrappingOpsTest.active;
import static io.kmipstack.server.op.KeyWrappingOpsTest.params;
import static io.kmipstack.server.op.KeyWrappingOpsTest.paramsItem;
import static io.kmipstack.server.op.OpHarness.alg;
import static io.kmipstack.server.op.OpHarness.date;
import static io.kmipstack.server.op.OpHarness.len;
import static io.kmipstack.server.op.OpHarness.mask;
import static io.kmipstack.server.op.OpHarness.uid;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.codec.model.CryptographicParameters;
import io.kmipstack.codec.model.KeyBlock;
import io.kmipstack.codec.model.KeyMaterial;
import io.kmipstack.codec.model.KeyValue;
import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.model.Link;
import io.kmipstack.codec.model.SecretData;
import io.kmipstack.codec.model.SymmetricKey;
import io.kmipstack.codec.payload.CreateKeyPairRequestPayload;
import io.kmipstack.codec.payload.CreateKeyPairResponsePayload;
import io.kmipstack.codec.payload.DerivationParameters;
import io.kmipstack.codec.payload.DeriveKeyRequestPayload;
import io.kmipstack.codec.payload.DeriveKeyResponsePayload;
import io.kmipstack.codec.payload.GetRequestPayload;
import io.kmipstack.codec.payload.GetResponsePayload;
import io.kmipstack.codec.payload.RegisterRequestPayload;
import io.kmipstack.codec.payload.RegisterResponsePayload;
import io.kmipstack.codec.payload.RevokeRequestPayload;
import io.kmipstack.codec.payload.SignRequestPayload;
import io.kmipstack.codec.payload.SignResponsePayload;
import io.kmipstack.codec.payload.SignatureVerifyRequestPayload;
import io.kmipstack.codec.payload.SignatureVerifyResponsePayload;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.CryptographicUsageMask;
import io.kmipstack.codec.registry.DerivationMethod;
import io.kmipstack.codec.registry.HashingAlgorithm;
import io.kmipstack.codec.registry.KeyFormatType;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.LinkType;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.PaddingMethod;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.SecretDataType;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.registry.ValidityIndicator;
import io.kmipstack.codec.model.RevocationReason;
import io.kmipstack.codec.registry.RevocationReasonCode;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.server.object.KeyFormats;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sign, Signature Verify and Derive Key through the handlers: flows, streams, usage and lifecycle, links. */
class SignDeriveOpsTest {

    private static final Bytes MSG = Bytes.fromHex("01020304050607080910111213141516");

    private static CreateKeyPairResponsePayload pair(OpHarness h, Ttlv... common) {
        Ttlv priv = mask(CryptographicUsageMask.SIGN);
        Ttlv pub = mask(CryptographicUsageMask.VERIFY);
        return h.version.isV2()
                ? h.call(new CreateKeyPairRequestPayload(null, null, null, h.attributes(common), h.attributes(priv), h.attributes(pub),
                        null, null, null))
                : h.call(new CreateKeyPairRequestPayload(h.template(common), h.template(priv), h.template(pub), null, null, null,
                        null, null, null));
    }

    private static Bytes sign(OpHarness h, String id, CryptographicParameters p, Bytes data, Bytes digested) {
        SignResponsePayload r = h.call(new SignRequestPayload(uid(id), p, data, digested, null, null, null));
        return r.signatureData();
    }

    private static ValidityIndicator verify(OpHarness h, String id, CryptographicParameters p, Bytes data, Bytes sig) {
        SignatureVerifyResponsePayload r = h.call(new SignatureVerifyRequestPayload(uid(id), p, data, null, sig, null, null, null));
        return r.validityIndicator();
    }

    @Test
    void rsaSignAndVerifyWithTheKeysParametersOrTheRequests() {
        for (KmipVersion v : List.of(KmipVersion.V1_4, KmipVersion.V2_1)) {
            OpHarness h = new OpHarness(v);
            CreateKeyPairResponsePayload kp = pair(h, alg(CryptographicAlgorithm.RSA), len(2048), active(h),
                    paramsItem(params(null, PaddingMethod.PSS, HashingAlgorithm.SHA_256)));
            Bytes sig = sign(h, kp.privateKeyUniqueIdentifier(), null, MSG, null);
            assertThat(sig.length()).isEqualTo(256);
            assertThat(verify(h, kp.publicKeyUniqueIdentifier(), null, MSG, sig)).isEqualTo(ValidityIndicator.VALID);
            // Another hash in the request: the signature does not verify under it (CS-AC-M-3's step 4).
            assertThat(verify(h, kp.publicKeyUniqueIdentifier(), params(null, PaddingMethod.PSS, HashingAlgorithm.SHA_1), MSG, sig))
                    .isEqualTo(ValidityIndicator.INVALID);
            assertThat(verify(h, kp.publicKeyUniqueIdentifier(), null, Bytes.fromHex("ff"), sig)).isEqualTo(ValidityIndicator.INVALID);
            assertThat(verify(h, kp.publicKeyUniqueIdentifier(), null, MSG, Bytes.fromHex("00"))).isEqualTo(ValidityIndicator.INVALID);
            // Pre-digested data signs what the whole message would.
            CryptographicParameters pkcs1 = params(null, PaddingMethod.PKCS1_V1_5, HashingAlgorithm.SHA_256);
            Bytes digest = sha256(MSG);
            assertThat(sign(h, kp.privateKeyUniqueIdentifier(), pkcs1, null, digest)).isEqualTo(sign(h, kp.privateKeyUniqueIdentifier(),
                    pkcs1, MSG, null));
            // Wrong key for the operation.
            assertThat(h.fails(new SignRequestPayload(uid(kp.publicKeyUniqueIdentifier()), null, MSG, null, null, null, null)))
                    .isEqualTo(v.isV2() ? ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK : ResultReason.PERMISSION_DENIED);
            assertThat(h.fails(new SignRequestPayload(uid(kp.privateKeyUniqueIdentifier()), null, null, null, null, null, null)))
                    .isEqualTo(ResultReason.INVALID_FIELD);
        }
    }

    @Test
    void lifecycleDatesDecideProtectAndProcess() {
        OpHarness h = new OpHarness(KmipVersion.V2_1);
        CreateKeyPairResponsePayload kp = pair(h, alg(CryptographicAlgorithm.RSA), len(2048), active(h),
                paramsItem(params(null, PaddingMethod.PKCS1_V1_5, HashingAlgorithm.SHA_256)));
        Bytes sig = sign(h, kp.privateKeyUniqueIdentifier(), null, MSG, null);
        RevocationReason reason = new RevocationReason(RevocationReasonCode.CESSATION_OF_OPERATION, null);
        h.call(new RevokeRequestPayload(uid(kp.privateKeyUniqueIdentifier()), reason, null));
        h.call(new RevokeRequestPayload(uid(kp.publicKeyUniqueIdentifier()), reason, null));
        // Deactivated: no new signatures, but old ones still verify.
        assertThat(h.fails(new SignRequestPayload(uid(kp.privateKeyUniqueIdentifier()), null, MSG, null, null, null, null)))
                .isEqualTo(ResultReason.WRONG_KEY_LIFECYCLE_STATE);
        assertThat(verify(h, kp.publicKeyUniqueIdentifier(), null, MSG, sig)).isEqualTo(ValidityIndicator.VALID);

        OpHarness v1 = new OpHarness(KmipVersion.V1_4);
        CreateKeyPairResponsePayload later = pair(v1, alg(CryptographicAlgorithm.RSA), len(2048), active(v1),
                date(Tag.PROTECT_STOP_DATE, v1.now.minusSeconds(30)), date(Tag.PROCESS_START_DATE, v1.now.plusSeconds(3600)),
                paramsItem(params(null, PaddingMethod.PKCS1_V1_5, HashingAlgorithm.SHA_256)));
        assertThat(v1.fails(new SignRequestPayload(uid(later.privateKeyUniqueIdentifier()), null, MSG, null, null, null, null)))
                .isEqualTo(ResultReason.PERMISSION_DENIED);
        assertThat(v1.fails(new SignatureVerifyRequestPayload(uid(later.publicKeyUniqueIdentifier()), null, MSG, null, sig, null, null,
                null))).isEqualTo(ResultReason.PERMISSION_DENIED);
    }

    @Test
    void ed25519StreamsInPartsAndEachStreamIsSingleUse() {
        OpHarness h = new OpHarness(KmipVersion.V2_1);
        CreateKeyPairResponsePayload kp = pair(h, alg(CryptographicAlgorithm.ED25519), active(h));
        String priv = kp.privateKeyUniqueIdentifier();
        Bytes whole = sign(h, priv, null, MSG, null);
        SignResponsePayload first = h.call(new SignRequestPayload(uid(priv), null, Bytes.fromHex("0102030405060708"), null, null, true,
                null));
        assertThat(first.signatureData()).isNull();
        Bytes cv = first.correlationValue();
        assertThat(cv).isNotNull();
        SignResponsePayload last = h.call(new SignRequestPayload(null, null, Bytes.fromHex("0910111213141516"), null, cv, null, true));
        // Ed25519 is deterministic: the streamed signature is the one-part one.
        assertThat(last.signatureData()).isEqualTo(whole);
        assertThat(last.uniqueIdentifier().toString()).isEqualTo(priv);
        assertThat(h.fails(new SignRequestPayload(null, null, MSG, null, cv, null, true))).isEqualTo(ResultReason.INVALID_CORRELATION_VALUE);

        String pub = kp.publicKeyUniqueIdentifier();
        SignatureVerifyResponsePayload open = h.call(new SignatureVerifyRequestPayload(uid(pub), null, Bytes.fromHex("01020304"), null,
                null, null, true, null));
        assertThat(open.validityIndicator()).isNull();
        SignatureVerifyResponsePayload mid = h.call(new SignatureVerifyRequestPayload(null, null, Bytes.fromHex("0506070809101112"),
                null, null, open.correlationValue(), null, null));
        assertThat(mid.validityIndicator()).isNull();
        SignatureVerifyResponsePayload end = h.call(new SignatureVerifyRequestPayload(null, null, Bytes.fromHex("13141516"), null,
                whole, open.correlationValue(), null, true));
        assertThat(end.validityIndicator()).isEqualTo(ValidityIndicator.VALID);
        // A stream is its opener's and its operation's.
        SignResponsePayload other = h.call(new SignRequestPayload(uid(priv), null, MSG, null, null, true, null));
        h.identity = "mallory";
        assertThat(h.fails(new SignRequestPayload(null, null, MSG, null, other.correlationValue(), null, true)))
                .isEqualTo(ResultReason.INVALID_CORRELATION_VALUE);
    }

    @Test
    void signingTakesAnAllocationFromTheUsageLimits() {
        OpHarness h = new OpHarness(KmipVersion.V2_1);
        CreateKeyPairResponsePayload kp = pair(h, alg(CryptographicAlgorithm.RSA), len(2048), active(h),
                paramsItem(params(null, PaddingMethod.PKCS1_V1_5, HashingAlgorithm.SHA_256)),
                new io.kmipstack.codec.model.UsageLimits(2L, null, io.kmipstack.codec.registry.UsageLimitsUnit.OBJECT)
                        .encode(Tag.USAGE_LIMITS, KmipVersion.V2_1));
        Bytes sig = sign(h, kp.privateKeyUniqueIdentifier(), null, MSG, null);
        sign(h, kp.privateKeyUniqueIdentifier(), null, MSG, null);
        assertThat(h.fails(new SignRequestPayload(uid(kp.privateKeyUniqueIdentifier()), null, MSG, null, null, null, null)))
                .isEqualTo(ResultReason.PERMISSION_DENIED);
        // Verification takes nothing.
        for (int i = 0; i < 3; i++) {
            assertThat(verify(h, kp.publicKeyUniqueIdentifier(), null, MSG, sig)).isEqualTo(ValidityIndicator.VALID);
        }
    }

    private static Bytes sha256(Bytes b) {
        try {
            return Bytes.wrap(MessageDigest.getInstance("SHA-256").digest(b.toByteArray()));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static String registerSecret(OpHarness h, String value, int usage) {
        SecretData secret = new SecretData(SecretDataType.PASSWORD, new KeyBlock(KeyFormatType.RAW, null,
                KeyValue.of(KeyMaterial.of(Bytes.wrap(value.getBytes(StandardCharsets.ISO_8859_1)))), null, null, null));
        RegisterResponsePayload r = h.call(new RegisterRequestPayload(ObjectType.SECRET_DATA, h.template(mask(usage), active(h)),
                h.attributes(mask(usage), active(h)), secret, null));
        return r.uniqueIdentifier().toString();
    }

    private static DerivationParameters dp(CryptographicParameters p, Bytes data, Bytes salt, Integer iterations) {
        return new DerivationParameters(p, null, data, salt, iterations);
    }

    @Test
    void pbkdf2DerivesTheRfc6070AnswerAndLinksBothWays() {
        for (KmipVersion v : List.of(KmipVersion.V1_4, KmipVersion.V2_1)) {
            OpHarness h = new OpHarness(v);
            String pw = registerSecret(h, "password", CryptographicUsageMask.DERIVE_KEY);
            DeriveKeyResponsePayload r = h.call(new DeriveKeyRequestPayload(ObjectType.SECRET_DATA, List.of(uid(pw)),
                    DerivationMethod.PBKDF2, dp(params(null, null, HashingAlgorithm.SHA_1), null,
                            Bytes.wrap("salt".getBytes(StandardCharsets.US_ASCII)), 4096),
                    h.template(len(160)), h.attributes(len(160))));
            String id = r.uniqueIdentifier().toString();
            GetResponsePayload got = h.call(new GetRequestPayload(uid(id), null, null, null, null));
            assertThat(KeyFormats.symmetricBytes(((SecretData) got.managedObject()).keyBlock()))
                    .isEqualTo(Bytes.fromHex("4b007901b765489abead49d926f721d065a429c1"));
            assertThat(links(h, id)).containsExactly(new Link(LinkType.DERIVATION_BASE_OBJECT_LINK, uid(pw)));
            assertThat(links(h, pw)).containsExactly(new Link(LinkType.DERIVED_KEY_LINK, uid(id)));
            // The new object is the ID Placeholder.
            assertThat(h.batch.placeholder).isEqualTo(id);
        }
    }

    private static List<Link> links(OpHarness h, String id) {
        return h.attributes(id, Tag.LINK).stream().map(KmipAttribute::value).map(Link::decode).toList();
    }

    @Test
    void hkdfHmacHashEncryptMakeKeysOfTheRequestedAlgorithmAndLength() {
        OpHarness h = new OpHarness(KmipVersion.V2_1);
        Bytes ikm = Bytes.fromHex("0b".repeat(22));
        SymmetricKey base = new SymmetricKey(new KeyBlock(KeyFormatType.RAW, null, KeyValue.of(KeyMaterial.of(ikm)),
                CryptographicAlgorithm.HMAC_SHA256, 176, null));
        String baseId = ((RegisterResponsePayload) h.call(new RegisterRequestPayload(ObjectType.SYMMETRIC_KEY, null,
                h.attributes(mask(CryptographicUsageMask.DERIVE_KEY), active(h)), base, null))).uniqueIdentifier().toString();
        // RFC 5869 test case 1, the first 32 bytes of the OKM as an AES-256 key.
        String hk = derive(h, baseId, DerivationMethod.HKDF, new DerivationParameters(null, null, Bytes.fromHex("f0f1f2f3f4f5f6f7f8f9"),
                Bytes.fromHex("000102030405060708090a0b0c"), null), CryptographicAlgorithm.AES, 256);
        assertThat(material(h, hk)).isEqualTo(Bytes.fromHex("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf"));
        assertThat(h.attribute(hk, Tag.CRYPTOGRAPHIC_LENGTH).intValue()).isEqualTo(256);
        // HMAC with the key's own hash (HMAC-SHA256), over the derivation data.
        String hm = derive(h, baseId, DerivationMethod.HMAC, new DerivationParameters(null, null,
                Bytes.wrap("data".getBytes(StandardCharsets.US_ASCII)), null, null), CryptographicAlgorithm.AES, 128);
        assertThat(material(h, hm)).isEqualTo(Bytes.of(hmacSha256(ikm.toByteArray(), "data".getBytes(StandardCharsets.US_ASCII)), 0, 16));
        // HASH needs its hash named; longer than the hash: refused.
        assertThat(h.fails(derivation(h, baseId, DerivationMethod.HASH, new DerivationParameters(null, null, null, null, null),
                CryptographicAlgorithm.AES, 128))).isEqualTo(ResultReason.BAD_CRYPTOGRAPHIC_PARAMETERS);
        String hs = derive(h, baseId, DerivationMethod.HASH, new DerivationParameters(params(null, null, HashingAlgorithm.SHA_256), null,
                null, null, null), CryptographicAlgorithm.AES, 128);
        assertThat(material(h, hs)).isEqualTo(Bytes.of(sha256(ikm).toByteArray(), 0, 16));
        assertThat(h.fails(derivation(h, baseId, DerivationMethod.HMAC, new DerivationParameters(null, null,
                Bytes.fromHex("00"), null, null), CryptographicAlgorithm.HMAC_SHA512, 512))).isEqualTo(ResultReason.INVALID_FIELD);
        // AES 100 bits is no AES key.
        assertThat(h.fails(derivation(h, baseId, DerivationMethod.HKDF, new DerivationParameters(null, null, null, null, null),
                CryptographicAlgorithm.AES, 104))).isEqualTo(ResultReason.INVALID_ATTRIBUTE_VALUE);
        // Not yet supported methods say so.
        assertThat(h.fails(derivation(h, baseId, DerivationMethod.NIST800_108_C, new DerivationParameters(null, null,
                Bytes.fromHex("00"), null, null), CryptographicAlgorithm.AES, 128))).isEqualTo(ResultReason.FEATURE_NOT_SUPPORTED);
    }

    @Test
    void deriveNeedsTheDeriveKeyBitAnActiveKeyAndOneSourceOfData() {
        OpHarness h = new OpHarness(KmipVersion.V1_4);
        String noBit = registerSecret(h, "password", CryptographicUsageMask.ENCRYPT);
        assertThat(h.fails(derivation(h, noBit, DerivationMethod.PBKDF2, dp(null, null, Bytes.fromHex("00"), 1),
                CryptographicAlgorithm.AES, 128))).isEqualTo(ResultReason.PERMISSION_DENIED);
        String pw = registerSecret(h, "password", CryptographicUsageMask.DERIVE_KEY);
        String data = registerSecret(h, "data", CryptographicUsageMask.DERIVE_KEY);
        DeriveKeyRequestPayload both = new DeriveKeyRequestPayload(ObjectType.SYMMETRIC_KEY, List.of(uid(pw), uid(data)),
                DerivationMethod.HASH, dp(params(null, null, HashingAlgorithm.SHA_256), Bytes.fromHex("00"), null, null),
                h.template(alg(CryptographicAlgorithm.AES), len(128)), null);
        assertThat(h.fails(both)).isEqualTo(ResultReason.INVALID_MESSAGE);
        // The second object supplies the data: SHA-256("password" || "data").
        DeriveKeyResponsePayload r = h.call(new DeriveKeyRequestPayload(ObjectType.SYMMETRIC_KEY, List.of(uid(pw), uid(data)),
                DerivationMethod.HASH, dp(params(null, null, HashingAlgorithm.SHA_256), null, null, null),
                h.template(alg(CryptographicAlgorithm.AES), len(128)), null));
        assertThat(material(h, r.uniqueIdentifier().toString()))
                .isEqualTo(Bytes.of(sha256(Bytes.wrap("passworddata".getBytes(StandardCharsets.US_ASCII))).toByteArray(), 0, 16));
        assertThat(h.fails(new DeriveKeyRequestPayload(ObjectType.PRIVATE_KEY, List.of(uid(pw)), DerivationMethod.HASH,
                dp(null, null, null, null), h.template(len(128)), null))).isEqualTo(ResultReason.INVALID_FIELD);
    }

    private static DeriveKeyRequestPayload derivation(OpHarness h, String base, DerivationMethod m, DerivationParameters p,
            CryptographicAlgorithm a, int bits) {
        return new DeriveKeyRequestPayload(ObjectType.SYMMETRIC_KEY, List.of(uid(base)), m, p, h.template(alg(a), len(bits)),
                h.attributes(alg(a), len(bits)));
    }

    private static String derive(OpHarness h, String base, DerivationMethod m, DerivationParameters p, CryptographicAlgorithm a,
            int bits) {
        DeriveKeyResponsePayload r = h.call(derivation(h, base, m, p, a, bits));
        return r.uniqueIdentifier().toString();
    }

    private static Bytes material(OpHarness h, String id) {
        GetResponsePayload got = h.call(new GetRequestPayload(uid(id), null, null, null, null));
        return KeyFormats.symmetricBytes(((SymmetricKey) got.managedObject()).keyBlock());
    }

    private static byte[] hmacSha256(byte[] key, byte[] data) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
