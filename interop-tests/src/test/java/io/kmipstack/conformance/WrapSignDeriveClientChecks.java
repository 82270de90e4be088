package io.kmipstack.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmipstack.client.KmipClient;
import io.kmipstack.client.KmipSync;
import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.model.CryptographicParameters;
import io.kmipstack.codec.model.EncryptionKeyInformation;
import io.kmipstack.codec.model.KeyBlock;
import io.kmipstack.codec.model.KeyValue;
import io.kmipstack.codec.model.KeyWrappingSpecification;
import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.model.MACSignatureKeyInformation;
import io.kmipstack.codec.model.ManagedObject;
import io.kmipstack.codec.model.SymmetricKey;
import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.payload.CreateKeyPairResponsePayload;
import io.kmipstack.codec.payload.DerivationParameters;
import io.kmipstack.codec.payload.ExportResponsePayload;
import io.kmipstack.codec.registry.BlockCipherMode;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.CryptographicUsageMask;
import io.kmipstack.codec.registry.DerivationMethod;
import io.kmipstack.codec.registry.EncodingOption;
import io.kmipstack.codec.registry.HashingAlgorithm;
import io.kmipstack.codec.registry.KeyWrapType;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.PaddingMethod;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.registry.ValidityIndicator;
import io.kmipstack.codec.registry.WrappingMethod;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.client.jca.KmipObjects;
import io.kmipstack.junit.KmipServerExtension;
import io.kmipstack.server.object.KeyFormats;
import java.nio.charset.StandardCharsets;
import java.security.Signature;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Key wrapping, signatures and key derivation through our client against a running server
 * ({@link KmipServerExtension}, one per subclass: {@link WrapSignDeriveClient14IT} speaks KMIP 1.4,
 * {@link WrapSignDeriveClient21IT} 2.1): every wrap method makes the full round trip (Get wrapped,
 * Register the wrapped key, Get it Not Wrapped: the original material; Export wrapped, Import Not
 * Wrapped), signatures from the server verify with the JDK, and a derived key has the RFC 6070
 * value.
 */
abstract class WrapSignDeriveClientChecks {

    enum Version {
        V1_4, V2_1
    }

    /** The version the subclass's client speaks. */
    abstract Version version();

    abstract KmipClient client();

    private KmipSync kmip(Version v) {
        assertThat(client().options().preferredVersion()).isEqualTo(v == Version.V1_4 ? KmipVersion.V1_4 : KmipVersion.V2_1);
        return client().sync();
    }

    private static KmipAttribute params(BlockCipherMode mode, PaddingMethod padding, HashingAlgorithm hash) {
        return KmipAttribute.of(new CryptographicParameters(mode, padding, hash, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null).encode(Tag.CRYPTOGRAPHIC_PARAMETERS, KmipVersion.V2_1));
    }

    private static String symmetric(KmipSync k, CryptographicAlgorithm alg, int bits, int usage, KmipAttribute... extra) {
        var call = k.create().algorithm(alg).length(bits).usage(usage);
        for (KmipAttribute a : extra) {
            call.attribute(a);
        }
        String id = call.execute().uniqueIdentifier().toString();
        k.activate(id);
        return id;
    }

    private static Bytes material(ManagedObject o) {
        return KeyFormats.symmetricBytes(((SymmetricKey) o).keyBlock());
    }

    /** Get wrapped, Register wrapped, Get Not Wrapped: the material that comes back. */
    private static Bytes roundTrip(KmipSync k, String dek, KeyWrappingSpecification spec) {
        ManagedObject wrapped = k.get().id(dek).wrapping(spec).execute().managedObject();
        KeyBlock block = ((SymmetricKey) wrapped).keyBlock();
        assertThat(block.keyValue()).isInstanceOf(KeyValue.Wrapped.class);
        assertThat(block.keyWrappingData().wrappingMethod()).isEqualTo(spec.wrappingMethod());
        String copy = k.register().object(wrapped).execute().uniqueIdentifier().toString();
        assertThat(k.get(copy).managedObject()).isEqualTo(wrapped);
        return material(k.get().id(copy).keyWrapType(KeyWrapType.NOT_WRAPPED).execute().managedObject());
    }

    @Test
    void everyWrapMethodRoundTripsThroughTheClient() {
        Version v = version();
        KmipSync k = kmip(v);
        String dek = k.create().aes(256).usage(CryptographicUsageMask.ENCRYPT, CryptographicUsageMask.DECRYPT).execute()
                .uniqueIdentifier().toString();
        Bytes original = material(k.get(dek).managedObject());
        int wrapBoth = CryptographicUsageMask.WRAP_KEY | CryptographicUsageMask.UNWRAP_KEY;
        Map<String, Function<String, KeyWrappingSpecification>> methods = new java.util.LinkedHashMap<>();
        for (BlockCipherMode mode : List.of(BlockCipherMode.NIST_KEY_WRAP, BlockCipherMode.AES_KEY_WRAP_PADDING, BlockCipherMode.GCM)) {
            String kek = symmetric(k, CryptographicAlgorithm.AES, 256, wrapBoth, params(mode, null, null));
            methods.put("encrypt " + mode.name(), d -> encrypt(kek, null));
            methods.put("encrypt no-encoding " + mode.name(), d -> new KeyWrappingSpecification(WrappingMethod.ENCRYPT,
                    new EncryptionKeyInformation(UniqueIdentifier.of(kek), null), null, List.of(), EncodingOption.NO_ENCODING));
        }
        CreateKeyPairResponsePayload rsa = k.createKeyPair().rsa(2048)
                .commonAttribute(params(null, PaddingMethod.OAEP, HashingAlgorithm.SHA_256))
                .privateUsage(CryptographicUsageMask.UNWRAP_KEY).publicUsage(CryptographicUsageMask.WRAP_KEY).execute();
        k.activate(rsa.privateKeyUniqueIdentifier());
        k.activate(rsa.publicKeyUniqueIdentifier());
        methods.put("encrypt RSA-OAEP", d -> encrypt(rsa.publicKeyUniqueIdentifier(), null));
        String kw = symmetric(k, CryptographicAlgorithm.AES, 256, wrapBoth, params(BlockCipherMode.NIST_KEY_WRAP, null, null));
        String hmac = symmetric(k, CryptographicAlgorithm.HMAC_SHA256, 256,
                CryptographicUsageMask.MAC_GENERATE | CryptographicUsageMask.MAC_VERIFY, params(null, null, HashingAlgorithm.SHA_256));
        CreateKeyPairResponsePayload signer = k.createKeyPair().rsa(2048)
                .commonAttribute(params(null, PaddingMethod.PSS, HashingAlgorithm.SHA_256))
                .privateUsage(CryptographicUsageMask.SIGN).publicUsage(CryptographicUsageMask.VERIFY).execute();
        k.activate(signer.privateKeyUniqueIdentifier());
        k.activate(signer.publicKeyUniqueIdentifier());
        for (WrappingMethod m : List.of(WrappingMethod.MAC_SIGN, WrappingMethod.ENCRYPT_THEN_MAC_SIGN, WrappingMethod.MAC_SIGN_THEN_ENCRYPT)) {
            EncryptionKeyInformation eki = WrappingMethod.MAC_SIGN.equals(m) ? null : new EncryptionKeyInformation(UniqueIdentifier.of(kw), null);
            methods.put(m.name() + " HMAC", d -> new KeyWrappingSpecification(m, eki,
                    new MACSignatureKeyInformation(UniqueIdentifier.of(hmac), null), List.of(), null));
            methods.put(m.name() + " RSA-PSS signature", d -> new KeyWrappingSpecification(m, eki,
                    new MACSignatureKeyInformation(UniqueIdentifier.of(signer.privateKeyUniqueIdentifier()), null), List.of(), null));
        }
        for (Map.Entry<String, Function<String, KeyWrappingSpecification>> e : methods.entrySet()) {
            assertThat(roundTrip(k, dek, e.getValue().apply(dek))).as(e.getKey() + " in " + v).isEqualTo(original);
        }
        assertThat(methods).hasSize(13);

        // Export wrapped, Import Not Wrapped under a new identifier: the plain key arrives.
        ExportResponsePayload exported = k.export().id(dek).wrapping(encrypt(kw, null)).execute();
        String imported = "imported-" + v;
        k.importObject().id(imported).object(exported.managedObject()).keyWrapType(KeyWrapType.NOT_WRAPPED).execute();
        assertThat(material(k.get(imported).managedObject())).isEqualTo(original);
    }

    private static KeyWrappingSpecification encrypt(String kek, CryptographicParameters p) {
        return new KeyWrappingSpecification(WrappingMethod.ENCRYPT, new EncryptionKeyInformation(UniqueIdentifier.of(kek), p), null,
                List.of(), null);
    }

    @Test
    void sensitiveKeysLeaveOnlyWrappedAndClientsSeeThePreciseReason() {
        Version v = version();
        KmipSync k = kmip(v);
        String kek = symmetric(k, CryptographicAlgorithm.AES, 256, CryptographicUsageMask.WRAP_KEY,
                params(BlockCipherMode.NIST_KEY_WRAP, null, null));
        String dek = k.create().aes(128).usage(CryptographicUsageMask.ENCRYPT)
                .attribute(KmipAttribute.of(io.kmipstack.codec.ttlv.Ttlv.bool(Tag.SENSITIVE, true))).execute().uniqueIdentifier().toString();
        assertThatThrownBy(() -> k.get(dek)).isInstanceOf(KmipException.class)
                .satisfies(e -> assertThat(((KmipException) e).resultReason()).isEqualTo(ResultReason.SENSITIVE));
        assertThat(((SymmetricKey) k.get().id(dek).wrapping(encrypt(kek, null)).execute().managedObject()).keyBlock().keyWrappingData())
                .isNotNull();
        // The wrapping key cannot unwrap (no Unwrap Key bit), so the client learns why.
        String encryptOnly = symmetric(k, CryptographicAlgorithm.AES, 256, CryptographicUsageMask.ENCRYPT,
                params(BlockCipherMode.NIST_KEY_WRAP, null, null));
        assertThatThrownBy(() -> k.get().id(dek).wrapping(encrypt(encryptOnly, null)).execute()).isInstanceOf(KmipException.class)
                .satisfies(e -> assertThat(((KmipException) e).resultReason()).isEqualTo(v == Version.V2_1
                        ? ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK : ResultReason.PERMISSION_DENIED));
    }

    @Test
    void serverSignaturesVerifyWithTheJdkAndBack() throws Exception {
        Version v = version();
        KmipSync k = kmip(v);
        CreateKeyPairResponsePayload kp = k.createKeyPair().rsa(2048)
                .commonAttribute(params(null, PaddingMethod.PKCS1_V1_5, HashingAlgorithm.SHA_256))
                .privateUsage(CryptographicUsageMask.SIGN).publicUsage(CryptographicUsageMask.VERIFY).execute();
        k.activate(kp.privateKeyUniqueIdentifier());
        k.activate(kp.publicKeyUniqueIdentifier());
        byte[] msg = "sign me".getBytes(StandardCharsets.US_ASCII);
        Bytes sig = k.sign().id(kp.privateKeyUniqueIdentifier()).data(msg).execute().signatureData();
        Signature jdk = Signature.getInstance("SHA256withRSA");
        jdk.initVerify(KmipObjects.toPublicKey(k.get(kp.publicKeyUniqueIdentifier())));
        jdk.update(msg);
        assertThat(jdk.verify(sig.toByteArray())).isTrue();
        assertThat(k.signatureVerify().id(kp.publicKeyUniqueIdentifier()).data(msg).signature(sig).execute().validityIndicator())
                .isEqualTo(ValidityIndicator.VALID);
        assertThat(k.signatureVerify().id(kp.publicKeyUniqueIdentifier()).data(new byte[] {1}).signature(sig).execute()
                .validityIndicator()).isEqualTo(ValidityIndicator.INVALID);
    }

    @Test
    void derivedKeyHasTheRfc6070Value() {
        Version v = version();
        KmipSync k = kmip(v);
        String pw = k.register().secretData(io.kmipstack.codec.registry.SecretDataType.PASSWORD,
                Bytes.wrap("password".getBytes(StandardCharsets.US_ASCII))).usage(CryptographicUsageMask.DERIVE_KEY).execute()
                .uniqueIdentifier().toString();
        k.activate(pw);
        String derived = k.deriveKey().objectType(ObjectType.SECRET_DATA).from(pw).method(DerivationMethod.PBKDF2)
                .parameters(new DerivationParameters(new CryptographicParameters(null, null, HashingAlgorithm.SHA_1, null, null, null,
                        null, null, null, null, null, null, null, null, null, null, null, null), null, null,
                        Bytes.wrap("salt".getBytes(StandardCharsets.US_ASCII)), 4096))
                .length(160).execute().uniqueIdentifier().toString();
        assertThat(KeyFormats.symmetricBytes(((io.kmipstack.codec.model.SecretData) k.get(derived).managedObject()).keyBlock()))
                .isEqualTo(Bytes.fromHex("4b007901b765489abead49d926f721d065a429c1"));
    }
}
