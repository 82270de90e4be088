package io.kmipstack.server.op;

import static io.kmipstack.server.op.OpHarness.alg;
import static io.kmipstack.server.op.OpHarness.date;
import static io.kmipstack.server.op.OpHarness.len;
import static io.kmipstack.server.op.OpHarness.mask;
import static io.kmipstack.server.op.OpHarness.uid;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.model.CryptographicParameters;
import io.kmipstack.codec.model.EncryptionKeyInformation;
import io.kmipstack.codec.model.KeyBlock;
import io.kmipstack.codec.model.KeyValue;
import io.kmipstack.codec.model.KeyWrappingData;
import io.kmipstack.codec.model.KeyWrappingSpecification;
import io.kmipstack.codec.model.MACSignatureKeyInformation;
import io.kmipstack.codec.model.SymmetricKey;
import io.kmipstack.codec.payload.ArchiveRequestPayload;
import io.kmipstack.codec.payload.CreateKeyPairRequestPayload;
import io.kmipstack.codec.payload.CreateKeyPairResponsePayload;
import io.kmipstack.codec.payload.CreateResponsePayload;
import io.kmipstack.codec.payload.ExportRequestPayload;
import io.kmipstack.codec.payload.ExportResponsePayload;
import io.kmipstack.codec.payload.GetRequestPayload;
import io.kmipstack.codec.payload.GetResponsePayload;
import io.kmipstack.codec.payload.ImportRequestPayload;
import io.kmipstack.codec.payload.RegisterRequestPayload;
import io.kmipstack.codec.payload.RegisterResponsePayload;
import io.kmipstack.codec.registry.BlockCipherMode;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.CryptographicUsageMask;
import io.kmipstack.codec.registry.EncodingOption;
import io.kmipstack.codec.registry.HashingAlgorithm;
import io.kmipstack.codec.registry.KeyWrapType;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.PaddingMethod;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.registry.WrappingMethod;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.server.object.KeyFormats;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Key wrapping through the handlers, in 1.4 and 2.1: every wrapping method, both encodings and
 * bound attributes round-trip (Get wrapped, Register the wrapped key, Get it Not Wrapped: the
 * original material), Import unwraps, and the Sensitive, Extractable, usage mask, lifecycle and
 * Cryptographic Parameters rules hold with each version's result reasons.
 */
class KeyWrappingOpsTest {

    enum Version {
        V1_4(KmipVersion.V1_4), V2_1(KmipVersion.V2_1);

        final KmipVersion v;

        Version(KmipVersion v) {
            this.v = v;
        }
    }

    static CryptographicParameters params(BlockCipherMode m, PaddingMethod p, HashingAlgorithm h) {
        return new CryptographicParameters(m, p, h, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null);
    }

    static Ttlv paramsItem(CryptographicParameters p) {
        return p.encode(Tag.CRYPTOGRAPHIC_PARAMETERS, KmipVersion.V2_1);
    }

    static Ttlv active(OpHarness h) {
        return date(Tag.ACTIVATION_DATE, h.now.minusSeconds(60));
    }

    static String create(OpHarness h, Ttlv... items) {
        CreateResponsePayload r = h.call(h.createRequest(ObjectType.SYMMETRIC_KEY, items));
        return r.uniqueIdentifier().toString();
    }

    /** An active AES-256 key encryption key in {@code mode}. */
    static String kek(OpHarness h, BlockCipherMode mode, int usage) {
        return create(h, alg(CryptographicAlgorithm.AES), len(256), mask(usage), paramsItem(params(mode, null, null)), active(h));
    }

    static String dek(OpHarness h, Ttlv... extra) {
        Ttlv[] base = {alg(CryptographicAlgorithm.AES), len(128), mask(CryptographicUsageMask.ENCRYPT | CryptographicUsageMask.DECRYPT)};
        Ttlv[] all = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return create(h, all);
    }

    static KeyWrappingSpecification encryptWith(String kek, CryptographicParameters p) {
        return new KeyWrappingSpecification(WrappingMethod.ENCRYPT, new EncryptionKeyInformation(uid(kek), p), null, List.of(), null);
    }

    static KeyBlock block(OpHarness h, GetRequestPayload get) {
        GetResponsePayload r = h.call(get);
        return ((SymmetricKey) r.managedObject()).keyBlock();
    }

    static Bytes plain(OpHarness h, String id) {
        return KeyFormats.symmetricBytes(block(h, new GetRequestPayload(uid(id), null, null, null, null)));
    }

    /** Registers {@code wrapped} as a new symmetric key; gets it back Not Wrapped; its material. */
    static Bytes roundTrip(OpHarness h, KeyBlock wrapped) {
        RegisterResponsePayload r = h.call(new RegisterRequestPayload(ObjectType.SYMMETRIC_KEY, h.template(), h.attributes(),
                new SymmetricKey(wrapped), null));
        String id = r.uniqueIdentifier().toString();
        // As registered by default: exactly the wrapped block.
        assertThat(block(h, new GetRequestPayload(uid(id), null, null, null, null))).isEqualTo(wrapped);
        return KeyFormats.symmetricBytes(block(h, new GetRequestPayload(uid(id), null, KeyWrapType.NOT_WRAPPED, null, null)));
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void everySymmetricEncryptModeRoundTrips(Version version) {
        OpHarness h = new OpHarness(version.v);
        String dek = dek(h);
        Bytes original = plain(h, dek);
        for (BlockCipherMode mode : List.of(BlockCipherMode.NIST_KEY_WRAP, BlockCipherMode.AES_KEY_WRAP_PADDING, BlockCipherMode.GCM)) {
            String kek = kek(h, mode, CryptographicUsageMask.WRAP_KEY | CryptographicUsageMask.UNWRAP_KEY);
            KeyBlock wrapped = block(h, new GetRequestPayload(uid(dek), null, null, null, encryptWith(kek, null)));
            assertThat(wrapped.keyValue()).as(mode.name()).isInstanceOf(KeyValue.Wrapped.class);
            KeyWrappingData data = wrapped.keyWrappingData();
            assertThat(data.wrappingMethod()).isEqualTo(WrappingMethod.ENCRYPT);
            assertThat(data.encryptionKeyInformation().uniqueIdentifier().toString()).isEqualTo(kek);
            // The request named no parameters: the data says which of the key's were used.
            assertThat(data.encryptionKeyInformation().cryptographicParameters().blockCipherMode()).isEqualTo(mode);
            assertThat(data.ivCounterNonce() != null).isEqualTo(mode.equals(BlockCipherMode.GCM));
            assertThat(wrapped.cryptographicAlgorithm()).isEqualTo(CryptographicAlgorithm.AES);
            assertThat(wrapped.cryptographicLength()).isEqualTo(128);
            assertThat(roundTrip(h, wrapped)).as(mode.name()).isEqualTo(original);
        }
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void nistKeyWrapIsDeterministicAndWrapsTheTtlvKeyValue(Version version) throws Exception {
        OpHarness h = new OpHarness(version.v);
        String kek = kek(h, BlockCipherMode.NIST_KEY_WRAP, CryptographicUsageMask.WRAP_KEY);
        String dek = dek(h);
        GetRequestPayload get = new GetRequestPayload(uid(dek), null, null, null,
                encryptWith(kek, params(BlockCipherMode.NIST_KEY_WRAP, null, null)));
        KeyBlock a = block(h, get);
        assertThat(block(h, get)).isEqualTo(a);
        // Unwrapped by the JDK's RFC 3394 with the KEK's material: the TTLV Key Value around the key.
        javax.crypto.Cipher kw = javax.crypto.Cipher.getInstance("AES/KW/NoPadding");
        kw.init(javax.crypto.Cipher.DECRYPT_MODE, new javax.crypto.spec.SecretKeySpec(plain(h, kek).toByteArray(), "AES"));
        byte[] ttlv = kw.doFinal(((KeyValue.Wrapped) a.keyValue()).ciphertext().toByteArray());
        Ttlv keyValue = io.kmipstack.codec.ttlv.TtlvDecoder.create().decode(ttlv);
        assertThat(keyValue.tag()).isEqualTo(Tag.KEY_VALUE);
        assertThat(keyValue.child(Tag.KEY_MATERIAL).bytesValue()).isEqualTo(plain(h, dek));
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void noEncodingWrapsTheBareMaterialAndBoundAttributesTravelInside(Version version) {
        OpHarness h = new OpHarness(version.v);
        String kek = kek(h, BlockCipherMode.AES_KEY_WRAP_PADDING, CryptographicUsageMask.WRAP_KEY | CryptographicUsageMask.UNWRAP_KEY);
        String dek = dek(h);
        KeyBlock bare = block(h, new GetRequestPayload(uid(dek), null, null, null, new KeyWrappingSpecification(WrappingMethod.ENCRYPT,
                new EncryptionKeyInformation(uid(kek), null), null, List.of(), EncodingOption.NO_ENCODING)));
        // 16 key bytes under RFC 5649: one 8-byte integrity block more.
        assertThat(((KeyValue.Wrapped) bare.keyValue()).ciphertext().length()).isEqualTo(24);
        assertThat(bare.keyWrappingData().encodingOption()).isEqualTo(EncodingOption.NO_ENCODING);
        assertThat(roundTrip(h, bare)).isEqualTo(plain(h, dek));

        KeyBlock withAttrs = block(h, new GetRequestPayload(uid(dek), null, null, null, new KeyWrappingSpecification(
                WrappingMethod.ENCRYPT, new EncryptionKeyInformation(uid(kek), null), null,
                List.of("Cryptographic Usage Mask", "Cryptographic Algorithm"), null)));
        RegisterResponsePayload r = h.call(new RegisterRequestPayload(ObjectType.SYMMETRIC_KEY, h.template(), h.attributes(),
                new SymmetricKey(withAttrs), null));
        KeyBlock back = block(h, new GetRequestPayload(r.uniqueIdentifier(), null, KeyWrapType.NOT_WRAPPED, null, null));
        KeyValue.Plain value = (KeyValue.Plain) back.keyValue();
        int bound = version.v.isV2() ? value.attributes().items().size() : value.attribute().size();
        assertThat(bound).isEqualTo(2);

        KmipException e = h.failure(new GetRequestPayload(uid(dek), null, null, null, new KeyWrappingSpecification(
                WrappingMethod.ENCRYPT, new EncryptionKeyInformation(uid(kek), null), null, List.of("Cryptographic Algorithm"),
                EncodingOption.NO_ENCODING)));
        assertThat(e.resultReason()).isEqualTo(ResultReason.ENCODING_OPTION_ERROR);
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void rsaOaepWrapsWithThePublicKeyAndUnwrapsWithItsPrivateKey(Version version) {
        OpHarness h = new OpHarness(version.v);
        Ttlv oaep = paramsItem(params(null, PaddingMethod.OAEP, HashingAlgorithm.SHA_256));
        Ttlv[] common = {alg(CryptographicAlgorithm.RSA), len(2048), active(h), oaep};
        CreateKeyPairResponsePayload pair = version.v.isV2()
                ? h.call(new CreateKeyPairRequestPayload(null, null, null, h.attributes(common),
                        h.attributes(mask(CryptographicUsageMask.UNWRAP_KEY)), h.attributes(mask(CryptographicUsageMask.WRAP_KEY)),
                        null, null, null))
                : h.call(new CreateKeyPairRequestPayload(h.template(common), h.template(mask(CryptographicUsageMask.UNWRAP_KEY)),
                        h.template(mask(CryptographicUsageMask.WRAP_KEY)), null, null, null, null, null, null));
        String dek = dek(h);
        KeyBlock wrapped = block(h, new GetRequestPayload(uid(dek), null, null, null,
                encryptWith(pair.publicKeyUniqueIdentifier(), null)));
        assertThat(((KeyValue.Wrapped) wrapped.keyValue()).ciphertext().length()).isEqualTo(256);
        assertThat(roundTrip(h, wrapped)).isEqualTo(plain(h, dek));
        // The private key cannot wrap.
        assertThat(h.fails(new GetRequestPayload(uid(dek), null, null, null, encryptWith(pair.privateKeyUniqueIdentifier(), null))))
                .isIn(ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK, ResultReason.PERMISSION_DENIED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"MAC_SIGN", "ENCRYPT_THEN_MAC_SIGN", "MAC_SIGN_THEN_ENCRYPT"})
    void macMethodsRoundTripAndCatchTampering(String methodName) {
        WrappingMethod method = switch (methodName) {
            case "MAC_SIGN" -> WrappingMethod.MAC_SIGN;
            case "ENCRYPT_THEN_MAC_SIGN" -> WrappingMethod.ENCRYPT_THEN_MAC_SIGN;
            default -> WrappingMethod.MAC_SIGN_THEN_ENCRYPT;
        };
        for (Version version : Version.values()) {
            OpHarness h = new OpHarness(version.v);
            String kek = kek(h, BlockCipherMode.NIST_KEY_WRAP, CryptographicUsageMask.WRAP_KEY | CryptographicUsageMask.UNWRAP_KEY);
            String macKey = create(h, alg(CryptographicAlgorithm.HMAC_SHA256), len(256),
                    mask(CryptographicUsageMask.MAC_GENERATE | CryptographicUsageMask.MAC_VERIFY),
                    paramsItem(params(null, null, HashingAlgorithm.SHA_256)), active(h));
            String dek = dek(h);
            KeyWrappingSpecification spec = new KeyWrappingSpecification(method,
                    WrappingMethod.MAC_SIGN.equals(method) ? null : new EncryptionKeyInformation(uid(kek), null),
                    new MACSignatureKeyInformation(uid(macKey), null), List.of(), null);
            KeyBlock wrapped = block(h, new GetRequestPayload(uid(dek), null, null, null, spec));
            assertThat(wrapped.keyWrappingData().macSignature().length()).isEqualTo(32);
            assertThat(roundTrip(h, wrapped)).as(method.name() + " " + version).isEqualTo(plain(h, dek));

            byte[] mac = wrapped.keyWrappingData().macSignature().toByteArray();
            mac[0] ^= 1;
            KeyWrappingData d = wrapped.keyWrappingData();
            KeyBlock forged = new KeyBlock(wrapped.keyFormatType(), null, wrapped.keyValue(), wrapped.cryptographicAlgorithm(),
                    wrapped.cryptographicLength(), new KeyWrappingData(d.wrappingMethod(), d.encryptionKeyInformation(),
                            d.macSignatureKeyInformation(), Bytes.wrap(mac), d.ivCounterNonce(), d.encodingOption()));
            RegisterResponsePayload r = h.call(new RegisterRequestPayload(ObjectType.SYMMETRIC_KEY, h.template(), h.attributes(),
                    new SymmetricKey(forged), null));
            KmipException e = h.failure(new GetRequestPayload(r.uniqueIdentifier(), null, KeyWrapType.NOT_WRAPPED, null, null));
            assertThat(e.resultReason()).isEqualTo(ResultReason.CRYPTOGRAPHIC_FAILURE);
            assertThat(e.getMessage()).contains("does not verify");
        }
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void importNotWrappedStoresThePlainKeyAndExportWraps(Version version) {
        OpHarness h = new OpHarness(version.v);
        String kek = kek(h, BlockCipherMode.NIST_KEY_WRAP, CryptographicUsageMask.WRAP_KEY | CryptographicUsageMask.UNWRAP_KEY);
        String dek = dek(h);
        ExportResponsePayload exported = h.call(new ExportRequestPayload(uid(dek), null, null, null, encryptWith(kek, null)));
        KeyBlock wrapped = ((SymmetricKey) exported.managedObject()).keyBlock();
        assertThat(wrapped.keyWrappingData()).isNotNull();
        h.call(new ImportRequestPayload(uid("imported-" + version), version.v.isV2() ? ObjectType.SYMMETRIC_KEY : null, null,
                KeyWrapType.NOT_WRAPPED, exported.attributeList().stream()
                        .filter(a -> !a.attributeName().equals("Name")).toList(),
                exported.attributes() == null ? null : new io.kmipstack.codec.model.Attributes(exported.attributes().items().stream()
                        .filter(t -> t.tag() != Tag.NAME).toList()),
                exported.managedObject()));
        assertThat(plain(h, "imported-" + version)).isEqualTo(plain(h, dek));
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void sensitiveAndExtractableRules(Version version) {
        OpHarness h = new OpHarness(version.v);
        String kek = kek(h, BlockCipherMode.NIST_KEY_WRAP, CryptographicUsageMask.WRAP_KEY | CryptographicUsageMask.UNWRAP_KEY);
        String macKey = create(h, alg(CryptographicAlgorithm.HMAC_SHA256), len(256), mask(CryptographicUsageMask.MAC_GENERATE),
                paramsItem(params(null, null, HashingAlgorithm.SHA_256)), active(h));
        String sensitive = dek(h, Ttlv.bool(Tag.SENSITIVE, true));
        assertThat(h.fails(new GetRequestPayload(uid(sensitive), null, null, null, null))).isEqualTo(ResultReason.SENSITIVE);
        KeyBlock wrapped = block(h, new GetRequestPayload(uid(sensitive), null, null, null, encryptWith(kek, null)));
        assertThat(wrapped.keyWrappingData()).isNotNull();
        // MAC/sign alone would serve it readable.
        assertThat(h.fails(new GetRequestPayload(uid(sensitive), null, null, null, new KeyWrappingSpecification(WrappingMethod.MAC_SIGN,
                null, new MACSignatureKeyInformation(uid(macKey), null), List.of(), null)))).isEqualTo(ResultReason.SENSITIVE);
        // Not Extractable: not even wrapped.
        String locked = dek(h, Ttlv.bool(Tag.EXTRACTABLE, false));
        assertThat(h.fails(new GetRequestPayload(uid(locked), null, null, null, encryptWith(kek, null))))
                .isEqualTo(ResultReason.NOT_EXTRACTABLE);
        assertThat(h.fails(new ExportRequestPayload(uid(locked), null, null, null, encryptWith(kek, null))))
                .isEqualTo(ResultReason.NOT_EXTRACTABLE);
        // A sensitive key registered wrapped is served as registered, never unwrapped in the clear.
        RegisterResponsePayload r = h.call(new RegisterRequestPayload(ObjectType.SYMMETRIC_KEY,
                h.template(Ttlv.bool(Tag.SENSITIVE, true)), h.attributes(Ttlv.bool(Tag.SENSITIVE, true)), new SymmetricKey(wrapped), null));
        assertThat(block(h, new GetRequestPayload(r.uniqueIdentifier(), null, null, null, null))).isEqualTo(wrapped);
        assertThat(h.fails(new GetRequestPayload(r.uniqueIdentifier(), null, KeyWrapType.NOT_WRAPPED, null, null)))
                .isEqualTo(ResultReason.SENSITIVE);
    }

    @ParameterizedTest
    @EnumSource(Version.class)
    void wrappingKeyRulesWithEachVersionsReasons(Version version) {
        OpHarness h = new OpHarness(version.v);
        boolean v2 = version.v.isV2();
        String dek = dek(h);
        // Missing.
        assertThat(h.fails(new GetRequestPayload(uid(dek), null, null, null, encryptWith("no-such-key", null))))
                .isEqualTo(v2 ? ResultReason.WRAPPING_OBJECT_NOT_FOUND : ResultReason.ITEM_NOT_FOUND);
        // No Wrap Key bit.
        String encryptOnly = kek(h, BlockCipherMode.NIST_KEY_WRAP, CryptographicUsageMask.ENCRYPT);
        assertThat(h.fails(new GetRequestPayload(uid(dek), null, null, null, encryptWith(encryptOnly, null))))
                .isEqualTo(v2 ? ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK : ResultReason.PERMISSION_DENIED);
        // Not active (no Activation Date).
        String preActive = create(h, alg(CryptographicAlgorithm.AES), len(256), mask(CryptographicUsageMask.WRAP_KEY),
                paramsItem(params(BlockCipherMode.NIST_KEY_WRAP, null, null)));
        assertThat(h.fails(new GetRequestPayload(uid(dek), null, null, null, encryptWith(preActive, null))))
                .isEqualTo(v2 ? ResultReason.WRONG_KEY_LIFECYCLE_STATE : ResultReason.PERMISSION_DENIED);
        // No Cryptographic Parameters attribute, or none matching the request's.
        String bare = create(h, alg(CryptographicAlgorithm.AES), len(256), mask(CryptographicUsageMask.WRAP_KEY), active(h));
        KmipException e = h.failure(new GetRequestPayload(uid(dek), null, null, null, encryptWith(bare, null)));
        assertThat(e.resultReason()).isEqualTo(v2 ? ResultReason.BAD_CRYPTOGRAPHIC_PARAMETERS : ResultReason.ITEM_NOT_FOUND);
        assertThat(e.getMessage()).contains("no Cryptographic Parameters attribute");
        String kw = kek(h, BlockCipherMode.NIST_KEY_WRAP, CryptographicUsageMask.WRAP_KEY);
        assertThat(h.fails(new GetRequestPayload(uid(dek), null, null, null, encryptWith(kw, params(BlockCipherMode.GCM, null, null)))))
                .isEqualTo(v2 ? ResultReason.BAD_CRYPTOGRAPHIC_PARAMETERS : ResultReason.ITEM_NOT_FOUND);
        // Archived.
        h.call(new ArchiveRequestPayload(uid(kw)));
        assertThat(h.fails(new GetRequestPayload(uid(dek), null, null, null, encryptWith(kw, null))))
                .isEqualTo(v2 ? ResultReason.WRAPPING_OBJECT_ARCHIVED : ResultReason.OBJECT_ARCHIVED);
        // Wrap Key without Unwrap Key: wraps, but the wrapped key cannot be had in the clear.
        String wrapOnly = kek(h, BlockCipherMode.NIST_KEY_WRAP, CryptographicUsageMask.WRAP_KEY);
        KeyBlock wrapped = block(h, new GetRequestPayload(uid(dek), null, null, null, encryptWith(wrapOnly, null)));
        RegisterResponsePayload r = h.call(new RegisterRequestPayload(ObjectType.SYMMETRIC_KEY, h.template(), h.attributes(),
                new SymmetricKey(wrapped), null));
        assertThat(h.fails(new GetRequestPayload(r.uniqueIdentifier(), null, KeyWrapType.NOT_WRAPPED, null, null)))
                .isEqualTo(v2 ? ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK : ResultReason.PERMISSION_DENIED);
        // TR-31 is not offered.
        assertThat(h.fails(new GetRequestPayload(uid(dek), null, null, null, new KeyWrappingSpecification(WrappingMethod.TR_31,
                new EncryptionKeyInformation(uid(wrapOnly), null), null, List.of(), null)))).isEqualTo(ResultReason.FEATURE_NOT_SUPPORTED);
    }
}
