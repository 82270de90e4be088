package io.kmipstack.server.op;

import static io.kmipstack.server.op.OpHarness.alg;
import static io.kmipstack.server.op.OpHarness.date;
import static io.kmipstack.server.op.OpHarness.len;
import static io.kmipstack.server.op.OpHarness.mask;
import static io.kmipstack.server.op.OpHarness.name;
import static io.kmipstack.server.op.OpHarness.uid;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.certs.DevPki;
import io.kmipstack.codec.model.Certificate;
import io.kmipstack.codec.model.Digest;
import io.kmipstack.codec.model.KeyBlock;
import io.kmipstack.codec.model.KeyMaterial;
import io.kmipstack.codec.model.KeyValue;
import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.model.SecretData;
import io.kmipstack.codec.model.SymmetricKey;
import io.kmipstack.codec.payload.CreateResponsePayload;
import io.kmipstack.codec.payload.DestroyRequestPayload;
import io.kmipstack.codec.payload.GetRequestPayload;
import io.kmipstack.codec.payload.GetResponsePayload;
import io.kmipstack.codec.payload.RegisterRequestPayload;
import io.kmipstack.codec.payload.RegisterResponsePayload;
import io.kmipstack.codec.registry.CertificateType;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.HashingAlgorithm;
import io.kmipstack.codec.registry.KeyFormatType;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.SecretDataType;
import io.kmipstack.codec.registry.State;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.server.object.KeyFormats;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Create and Register: generated material, server-set attributes, client attribute rules. */
class CreateRegisterTest {

    @Test
    void createdKeyHasTheServerSetAttributesAndRawMaterialOfTheRequestedLength() {
        OpHarness h = new OpHarness(KmipVersion.V2_1);
        String id = h.createAes(256, name("k1"));
        assertThat(State.valueOf(h.attribute(id, Tag.STATE).intValue())).isEqualTo(State.PRE_ACTIVE);
        assertThat(h.attribute(id, Tag.INITIAL_DATE).instantValue()).isEqualTo(h.now);
        assertThat(h.attribute(id, Tag.FRESH).booleanValue()).isTrue();
        assertThat(h.attribute(id, Tag.LEASE_TIME).longValue()).isEqualTo(3600);
        assertThat(h.attribute(id, Tag.SHORT_UNIQUE_IDENTIFIER).bytesValue().length()).isEqualTo(32);
        assertThat(h.attribute(id, Tag.RANDOM_NUMBER_GENERATOR)).isNotNull();
        assertThat(h.attribute(id, Tag.KEY_FORMAT_TYPE).intValue()).isEqualTo(KeyFormatType.RAW.value());

        GetResponsePayload got = h.call(new GetRequestPayload(uid(id), null, null, null, null));
        KeyBlock block = ((SymmetricKey) got.managedObject()).keyBlock();
        Bytes key = KeyFormats.symmetricBytes(block);
        assertThat(key.length()).isEqualTo(32);
        // Digest: SHA-256 of the Raw key material (1.4 section 3.17), computed independently here.
        Digest d = Digest.decode(h.attribute(id, Tag.DIGEST));
        assertThat(d.hashingAlgorithm()).isEqualTo(HashingAlgorithm.SHA_256);
        assertThat(d.keyFormatType()).isEqualTo(KeyFormatType.RAW);
        assertThat(d.digestValue()).isEqualTo(sha256(key.toByteArray()));
    }

    @Test
    void twoCreatedKeysDiffer() {
        OpHarness h = new OpHarness(KmipVersion.V2_1);
        String a = h.createAes(128);
        String b = h.createAes(128);
        GetResponsePayload ka = h.call(new GetRequestPayload(uid(a), null, null, null, null));
        GetResponsePayload kb = h.call(new GetRequestPayload(uid(b), null, null, null, null));
        assertThat(a).isNotEqualTo(b);
        assertThat(KeyFormats.symmetricBytes(((SymmetricKey) ka.managedObject()).keyBlock()))
                .isNotEqualTo(KeyFormats.symmetricBytes(((SymmetricKey) kb.managedObject()).keyBlock()));
    }

    @Test
    void anActivationDateInThePastMakesTheKeyActiveAtOnce() {
        OpHarness h = new OpHarness(KmipVersion.V1_4);
        String past = h.createAes(128, date(Tag.ACTIVATION_DATE, h.now.minusSeconds(60)));
        String future = h.createAes(128, date(Tag.ACTIVATION_DATE, h.now.plusSeconds(60)));
        assertThat(h.attribute(past, Tag.STATE).intValue()).isEqualTo(State.ACTIVE.value());
        assertThat(h.attribute(future, Tag.STATE).intValue()).isEqualTo(State.PRE_ACTIVE.value());
        h.now = h.now.plusSeconds(61);
        assertThat(h.attribute(future, Tag.STATE).intValue()).isEqualTo(State.ACTIVE.value());
    }

    @Test
    void aOneXClientDoesNotSeeAttributesItsVersionLacks() {
        OpHarness h = new OpHarness(KmipVersion.V1_4);
        String id = h.createAes(128);
        List<String> names = new ArrayList<>();
        for (KmipAttribute a : h.attributes(id)) {
            names.add(a.name());
        }
        assertThat(names).contains("Unique Identifier", "State", "Digest", "Fresh", "Random Number Generator")
                .doesNotContain("Short Unique Identifier", "Key Format Type", "Protection Storage Mask");
        h.version = KmipVersion.V2_1;
        List<Integer> tags = new ArrayList<>();
        for (KmipAttribute a : h.attributes(id)) {
            tags.add(a.tag());
        }
        assertThat(tags).contains(Tag.SHORT_UNIQUE_IDENTIFIER, Tag.KEY_FORMAT_TYPE, Tag.PROTECTION_STORAGE_MASK);
    }

    @Test
    void badRequestsAreRefusedWithTheVersionsReason() {
        OpHarness v2 = new OpHarness(KmipVersion.V2_1);
        OpHarness v1 = new OpHarness(KmipVersion.V1_4);
        assertThat(v2.fails(v2.createRequest(ObjectType.SYMMETRIC_KEY, len(128)))).isEqualTo(ResultReason.INVALID_FIELD);
        assertThat(v2.fails(v2.createRequest(ObjectType.SYMMETRIC_KEY, alg(CryptographicAlgorithm.AES), len(100))))
                .isEqualTo(ResultReason.INVALID_ATTRIBUTE_VALUE);
        assertThat(v1.fails(v1.createRequest(ObjectType.SYMMETRIC_KEY, alg(CryptographicAlgorithm.AES), len(100))))
                .isEqualTo(ResultReason.INVALID_FIELD);
        assertThat(v2.fails(v2.createRequest(ObjectType.PUBLIC_KEY, alg(CryptographicAlgorithm.AES), len(128))))
                .isEqualTo(ResultReason.INVALID_OBJECT_TYPE);
        assertThat(v1.fails(v1.createRequest(ObjectType.SECRET_DATA, alg(CryptographicAlgorithm.AES), len(128))))
                .isEqualTo(ResultReason.INVALID_FIELD);
        // State is the server's: a client setting it is refused as read-only.
        assertThat(v2.fails(v2.createRequest(ObjectType.SYMMETRIC_KEY, alg(CryptographicAlgorithm.AES), len(128),
                Ttlv.enumeration(Tag.STATE, State.ACTIVE.value())))).isEqualTo(ResultReason.ATTRIBUTE_READ_ONLY);
        assertThat(v1.fails(v1.createRequest(ObjectType.SYMMETRIC_KEY, alg(CryptographicAlgorithm.AES), len(128),
                Ttlv.enumeration(Tag.STATE, State.ACTIVE.value())))).isEqualTo(ResultReason.PERMISSION_DENIED);
        // Two values for a single-valued attribute.
        assertThat(v2.fails(v2.createRequest(ObjectType.SYMMETRIC_KEY, alg(CryptographicAlgorithm.AES), len(128),
                mask(4), mask(8)))).isEqualTo(ResultReason.ATTRIBUTE_SINGLE_VALUED);
    }

    @Test
    void secretDataCanBeCreatedFromTwoZero() {
        OpHarness h = new OpHarness(KmipVersion.V2_0);
        CreateResponsePayload r = h.call(h.createRequest(ObjectType.SECRET_DATA, alg(CryptographicAlgorithm.HMAC_SHA256), len(256)));
        GetResponsePayload got = h.call(new GetRequestPayload(r.uniqueIdentifier(), null, null, null, null));
        SecretData s = (SecretData) got.managedObject();
        assertThat(s.secretDataType()).isEqualTo(SecretDataType.SEED);
        assertThat(KeyFormats.symmetricBytes(s.keyBlock()).length()).isEqualTo(32);
    }

    @Test
    void quantumSafeNeedsAtLeast256Bits() {
        OpHarness h = new OpHarness(KmipVersion.V2_1);
        Ttlv qs = Ttlv.bool(Tag.QUANTUM_SAFE, true);
        assertThat(h.fails(h.createRequest(ObjectType.SYMMETRIC_KEY, alg(CryptographicAlgorithm.AES), len(128), qs)))
                .isEqualTo(ResultReason.GENERAL_FAILURE);
        String id = h.createAes(256, qs);
        assertThat(h.attribute(id, Tag.QUANTUM_SAFE).booleanValue()).isTrue();
    }

    @Test
    void namesAreUniqueAmongLiveObjectsAndFreeAgainAfterDestroy() {
        OpHarness v2 = new OpHarness(KmipVersion.V2_1);
        String first = v2.createAes(128, name("shared"));
        assertThat(v2.fails(v2.createRequest(ObjectType.SYMMETRIC_KEY, alg(CryptographicAlgorithm.AES), len(128), name("shared"))))
                .isEqualTo(ResultReason.NON_UNIQUE_NAME_ATTRIBUTE);
        v2.call(new DestroyRequestPayload(uid(first)));
        String second = v2.createAes(128, name("shared"));
        assertThat(second).isNotEqualTo(first);

        OpHarness v1 = new OpHarness(KmipVersion.V1_4);
        v1.createAes(128, name("n"));
        assertThat(v1.fails(v1.createRequest(ObjectType.SYMMETRIC_KEY, alg(CryptographicAlgorithm.AES), len(128), name("n"))))
                .isEqualTo(ResultReason.INVALID_FIELD);
    }

    @Test
    void registerKeepsTheObjectExactlyAndDerivesWhatItSays() {
        OpHarness h = new OpHarness(KmipVersion.V1_4);
        Bytes abc = Bytes.wrap("abc".getBytes(StandardCharsets.US_ASCII));
        SecretData secret = new SecretData(SecretDataType.PASSWORD,
                new KeyBlock(KeyFormatType.RAW, null, KeyValue.of(KeyMaterial.of(abc)), null, null, null));
        RegisterResponsePayload r = h.call(new RegisterRequestPayload(ObjectType.SECRET_DATA, h.template(name("pw")), null,
                secret, null));
        String id = r.uniqueIdentifier().toString();
        GetResponsePayload got = h.call(new GetRequestPayload(uid(id), null, null, null, null));
        assertThat(got.managedObject()).isEqualTo(secret);
        // Known answer: SHA-256("abc") (FIPS 180-2 appendix B.1).
        assertThat(Digest.decode(h.attribute(id, Tag.DIGEST)).digestValue())
                .isEqualTo(Bytes.fromHex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));

        SymmetricKey aes = new SymmetricKey(new KeyBlock(KeyFormatType.RAW, null,
                KeyValue.of(KeyMaterial.of(Bytes.fromHex("000102030405060708090a0b0c0d0e0f"))), CryptographicAlgorithm.AES, null, null));
        String key = ((RegisterResponsePayload) h.call(new RegisterRequestPayload(ObjectType.SYMMETRIC_KEY, h.template(), null,
                aes, null))).uniqueIdentifier().toString();
        assertThat(h.attribute(key, Tag.CRYPTOGRAPHIC_LENGTH).intValue()).isEqualTo(128);
    }

    @Test
    void registerRefusesAMismatchedTypeOrAttribute() {
        OpHarness h = new OpHarness(KmipVersion.V2_1);
        SymmetricKey aes = new SymmetricKey(new KeyBlock(KeyFormatType.RAW, null,
                KeyValue.of(KeyMaterial.of(Bytes.fromHex("000102030405060708090a0b0c0d0e0f"))), CryptographicAlgorithm.AES, 128, null));
        assertThat(h.fails(new RegisterRequestPayload(ObjectType.SECRET_DATA, null, h.attributes(), aes, null)))
                .isEqualTo(ResultReason.INVALID_FIELD);
        assertThat(h.fails(new RegisterRequestPayload(ObjectType.SYMMETRIC_KEY, null,
                h.attributes(alg(CryptographicAlgorithm.DES3)), aes, null))).isEqualTo(ResultReason.INVALID_ATTRIBUTE_VALUE);
    }

    @Test
    void aRegisteredCertificateGetsItsCertificateAttributes() throws Exception {
        DevPki pki = DevPki.builder().clientCn("alice").build();
        Bytes der = Bytes.wrap(pki.client().certificate().getEncoded());
        OpHarness h = new OpHarness(KmipVersion.V2_1);
        RegisterResponsePayload r = h.call(new RegisterRequestPayload(ObjectType.CERTIFICATE, null,
                h.attributes(Ttlv.enumeration(Tag.CERTIFICATE_TYPE, CertificateType.X_509.value())),
                new Certificate(CertificateType.X_509, der), null));
        String id = r.uniqueIdentifier().toString();
        assertThat(h.attribute(id, Tag.CERTIFICATE_LENGTH).intValue()).isEqualTo(der.length());
        assertThat(h.attribute(id, Tag.CERTIFICATE_SUBJECT_CN).textValue()).isEqualTo("alice");
        assertThat(h.attribute(id, Tag.CERTIFICATE_ISSUER_CN).textValue()).isEqualTo(DevPki.DEFAULT_CA_CN);
        assertThat(h.attribute(id, Tag.X_509_CERTIFICATE_SUBJECT)).isNotNull();
        assertThat(Digest.decode(h.attribute(id, Tag.DIGEST)).digestValue()).isEqualTo(sha256(der.toByteArray()));
        // Certificate Length is derived, hence read-only.
        assertThat(h.fails(new io.kmipstack.codec.payload.ModifyAttributeRequestPayload(uid(id), null, null,
                new io.kmipstack.codec.model.NewAttribute(List.of(Ttlv.integer(Tag.CERTIFICATE_LENGTH, 1))))))
                .isEqualTo(ResultReason.ATTRIBUTE_READ_ONLY);
    }

    @Test
    void aOneXTemplateLendsItsAttributesToCreate() {
        OpHarness h = new OpHarness(KmipVersion.V1_4);
        io.kmipstack.codec.model.Template t = new io.kmipstack.codec.model.Template(List.of(
                OpHarness.v1("Cryptographic Algorithm", null, alg(CryptographicAlgorithm.AES)),
                OpHarness.v1("Cryptographic Length", null, len(192)),
                OpHarness.v1("Contact Information", null, Ttlv.text(Tag.CONTACT_INFORMATION, "from template"))));
        String tid = ((RegisterResponsePayload) h.call(new RegisterRequestPayload(ObjectType.TEMPLATE, h.template(name("tmpl")),
                null, t, null))).uniqueIdentifier().toString();
        assertThat(h.attribute(tid, Tag.STATE)).as("a template has no lifecycle").isNull();
        io.kmipstack.codec.model.TemplateAttribute request = new io.kmipstack.codec.model.TemplateAttribute(
                List.of(io.kmipstack.codec.model.Name.decode(name("tmpl"))),
                List.of(OpHarness.v1("Contact Information", null, Ttlv.text(Tag.CONTACT_INFORMATION, "own"))));
        CreateResponsePayload r = h.call(new io.kmipstack.codec.payload.CreateRequestPayload(ObjectType.SYMMETRIC_KEY, request,
                null, null));
        String id = r.uniqueIdentifier().toString();
        assertThat(h.attribute(id, Tag.CRYPTOGRAPHIC_LENGTH).intValue()).isEqualTo(192);
        // The template's single-valued attribute gives way to the request's own.
        assertThat(h.attributes(id, Tag.CONTACT_INFORMATION)).hasSize(1);
        assertThat(h.attribute(id, Tag.CONTACT_INFORMATION).textValue()).isEqualTo("own");
        io.kmipstack.codec.model.TemplateAttribute missing = new io.kmipstack.codec.model.TemplateAttribute(
                List.of(io.kmipstack.codec.model.Name.decode(name("no-such-template"))), List.of());
        assertThat(h.fails(new io.kmipstack.codec.payload.CreateRequestPayload(ObjectType.SYMMETRIC_KEY, missing, null, null)))
                .isEqualTo(ResultReason.ITEM_NOT_FOUND);
    }

    static Bytes sha256(byte[] data) {
        try {
            return Bytes.wrap(java.security.MessageDigest.getInstance("SHA-256").digest(data));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
