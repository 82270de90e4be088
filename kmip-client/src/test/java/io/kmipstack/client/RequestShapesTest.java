package io.kmipstack.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.codec.model.Attribute;
import io.kmipstack.codec.model.AttributeReference;
import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.payload.AddAttributeRequestPayload;
import io.kmipstack.codec.payload.CreateKeyPairRequestPayload;
import io.kmipstack.codec.payload.DeleteAttributeRequestPayload;
import io.kmipstack.codec.payload.GetAttributesRequestPayload;
import io.kmipstack.codec.payload.LocateRequestPayload;
import io.kmipstack.codec.payload.ModifyAttributeRequestPayload;
import io.kmipstack.codec.payload.RegisterRequestPayload;
import io.kmipstack.codec.registry.CryptographicUsageMask;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.SecretDataType;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Bytes;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The payloads the calls build for a 1.x and a 2.x version: the same attributes as a
 * Template-Attribute or Attribute list in 1.x and as an Attributes structure (or New/Current
 * Attribute, Attribute Reference) in 2.x, each of which the codec encodes for that version.
 */
class RequestShapesTest {

    private static KmipClient client;

    @BeforeAll
    static void client() {
        // Never connects: only builds requests.
        client = KmipClient.create(KmipClientOptions.builder().endpoint("127.0.0.1:1").tls(KmipClientTest.tlsFor(
                io.kmipstack.certs.DevPki.builder().build())).build());
    }

    @AfterAll
    static void close() {
        client.close();
    }

    @Test
    void locateFiltersAreAnAttributeListIn1xAndAttributesIn2x() {
        KmipRequest<?> r = client.sync().locate().name("k1").objectType(ObjectType.SYMMETRIC_KEY).maximumItems(5).request();
        LocateRequestPayload v1 = (LocateRequestPayload) r.payload(KmipVersion.V1_4);
        assertThat(v1.attributeList()).extracting(Attribute::attributeName).containsExactly("Name", "Object Type");
        assertThat(v1.attributes()).isNull();
        assertThat(v1.maximumItems()).isEqualTo(5);
        LocateRequestPayload v2 = (LocateRequestPayload) r.payload(KmipVersion.V2_1);
        assertThat(v2.attributeList()).isEmpty();
        assertThat(v2.attributes().items()).extracting(t -> t.tag()).containsExactly(Tag.NAME, Tag.OBJECT_TYPE);
        v1.encode(KmipVersion.V1_4);
        v2.encode(KmipVersion.V2_1);
    }

    @Test
    void getAttributesNamesAreNamesIn1xAndReferencesIn2x() {
        KmipRequest<?> r = client.sync().getAttributes().id("k").names("State", "x-owner").request();
        GetAttributesRequestPayload v1 = (GetAttributesRequestPayload) r.payload(KmipVersion.V1_2);
        assertThat(v1.attributeNames()).containsExactly("State", "x-owner");
        GetAttributesRequestPayload v2 = (GetAttributesRequestPayload) r.payload(KmipVersion.V2_0);
        assertThat(v2.attributeReferences()).containsExactly(AttributeReference.of(Tag.STATE), AttributeReference.vendor("x", "owner"));
        v2.encode(KmipVersion.V2_0);
    }

    @Test
    void attributeChangesFollowTheVersion() {
        KmipAttribute group = KmipAttributes.objectGroup("g1");
        AddAttributeRequestPayload add1 = (AddAttributeRequestPayload) KmipRequests.addAttribute("k", group).payload(KmipVersion.V1_2);
        assertThat(add1.attribute().attributeName()).isEqualTo("Object Group");
        assertThat(add1.attribute().attributeValue().textValue()).isEqualTo("g1");
        AddAttributeRequestPayload add2 = (AddAttributeRequestPayload) KmipRequests.addAttribute("k", group).payload(KmipVersion.V2_1);
        assertThat(add2.newAttribute().items()).containsExactly(group.item());

        ModifyAttributeRequestPayload mod2 = (ModifyAttributeRequestPayload) KmipRequests
                .modifyAttribute("k", group, KmipAttributes.objectGroup("g2")).payload(KmipVersion.V2_1);
        assertThat(mod2.currentAttribute().items()).containsExactly(group.item());
        assertThat(mod2.newAttribute().items().get(0).textValue()).isEqualTo("g2");

        DeleteAttributeRequestPayload del1 = (DeleteAttributeRequestPayload) KmipRequests.deleteAttribute("k", "Object Group")
                .payload(KmipVersion.V1_0);
        assertThat(del1.attributeName()).isEqualTo("Object Group");
        DeleteAttributeRequestPayload del2 = (DeleteAttributeRequestPayload) KmipRequests.deleteAttribute("k", "Object Group")
                .payload(KmipVersion.V2_1);
        assertThat(del2.attributeReference()).isEqualTo(AttributeReference.of(Tag.OBJECT_GROUP));
    }

    @Test
    void keyPairAttributesGoToCommonPrivateAndPublic() {
        KmipRequest<?> r = client.sync().createKeyPair().rsa(2048).privateUsage(CryptographicUsageMask.SIGN)
                .publicUsage(CryptographicUsageMask.VERIFY).request();
        CreateKeyPairRequestPayload v1 = (CreateKeyPairRequestPayload) r.payload(KmipVersion.V1_2);
        assertThat(v1.commonTemplateAttribute().attribute()).extracting(Attribute::attributeName)
                .containsExactly("Cryptographic Algorithm", "Cryptographic Length");
        assertThat(v1.privateKeyTemplateAttribute().attribute().get(0).attributeValue().intValue()).isEqualTo(CryptographicUsageMask.SIGN);
        assertThat(v1.publicKeyTemplateAttribute().attribute().get(0).attributeValue().intValue()).isEqualTo(CryptographicUsageMask.VERIFY);
        CreateKeyPairRequestPayload v2 = (CreateKeyPairRequestPayload) r.payload(KmipVersion.V2_1);
        assertThat(v2.commonTemplateAttribute()).isNull();
        assertThat(v2.commonAttributes().items()).hasSize(2);
        v2.encode(KmipVersion.V2_1);
    }

    @Test
    void aBuiltRequestDoesNotChangeWhenTheCallDoes() {
        RegisterCall<?> call = client.sync().register().secretData(SecretDataType.SEED, Bytes.of(new byte[] {7})).name("a");
        KmipRequest<?> first = call.request();
        call.name("b");
        RegisterRequestPayload p = (RegisterRequestPayload) first.payload(KmipVersion.V1_4);
        assertThat(p.templateAttribute().attribute()).hasSize(1);
        assertThat(p.objectType()).isEqualTo(ObjectType.SECRET_DATA);
        assertThat(((RegisterRequestPayload) call.request().payload(KmipVersion.V1_4)).templateAttribute().attribute()).hasSize(2);
        assertThat(List.of(p.encode(KmipVersion.V1_4))).hasSize(1);
    }

    @Test
    void everyCallEncodesInTheVersionsThatHaveItsOperation() {
        KmipSync k = client.sync();
        io.kmipstack.codec.model.ManagedObject secret = io.kmipstack.client.jca.KmipObjects.secretData(SecretDataType.SEED,
                Bytes.of(new byte[] {1, 2}));
        List<KmipRequest<?>> requests = List.of(
                k.create().aes(128).name("n").usage(CryptographicUsageMask.ENCRYPT).request(),
                k.createKeyPair().rsa(2048).privateName("p").request(),
                k.register().object(secret).request(),
                k.reKey().id("k").offset(java.time.Duration.ofHours(1)).request(),
                k.reKeyKeyPair().id("k").request(),
                k.deriveKey().from("a", "b").method(io.kmipstack.codec.registry.DerivationMethod.HASH)
                        .parameters(new io.kmipstack.codec.payload.DerivationParameters(
                                io.kmipstack.codec.model.CryptographicParameters.of(), null, Bytes.of(new byte[] {9}), null, null))
                        .algorithm(io.kmipstack.codec.registry.CryptographicAlgorithm.AES).length(128).request(),
                k.locate().name("n").maximumItems(2).request(),
                k.check().id("k").usage(CryptographicUsageMask.ENCRYPT).request(),
                k.get().id("k").keyFormat(io.kmipstack.codec.registry.KeyFormatType.RAW).wrapWith("w").request(),
                k.getAttributes().id("k").names("Name").request(),
                KmipRequests.getAttributeList("k"),
                KmipRequests.addAttribute("k", KmipAttributes.objectGroup("g")),
                KmipRequests.modifyAttribute("k", KmipAttributes.objectGroup("g")),
                KmipRequests.deleteAttribute("k", "Object Group"),
                KmipRequests.activate("k"),
                k.revoke().id("k").reason(io.kmipstack.codec.registry.RevocationReasonCode.KEY_COMPROMISE)
                        .compromiseOccurrenceDate(java.time.Instant.ofEpochSecond(1_700_000_000)).request(),
                KmipRequests.destroy("k"),
                KmipRequests.archive("k"),
                KmipRequests.recover("k"),
                KmipRequests.query(io.kmipstack.codec.registry.QueryFunction.QUERY_OPERATIONS),
                KmipRequests.discoverVersions(KmipVersion.V1_4),
                k.encrypt().id("k").mode(io.kmipstack.codec.registry.BlockCipherMode.CBC).data(new byte[16]).request(),
                k.decrypt().id("k").data(new byte[16]).iv(Bytes.of(new byte[16])).request(),
                k.sign().id("k").data(new byte[1]).request(),
                k.signatureVerify().id("k").data(new byte[1]).signature(Bytes.of(new byte[8])).request(),
                k.mac().id("k").data(new byte[1]).request(),
                k.macVerify().id("k").data(new byte[1]).mac(Bytes.of(new byte[32])).request(),
                k.hash().hashing(io.kmipstack.codec.registry.HashingAlgorithm.SHA_256).data(new byte[1]).request(),
                KmipRequests.rngRetrieve(16),
                k.importObject().id("k").object(secret).replaceExisting(true).request(),
                k.export().id("k").request(),
                KmipRequests.setAttribute("k", KmipAttributes.objectGroup("g")),
                KmipRequests.log("hello"));
        int encoded = 0;
        for (KmipRequest<?> r : requests) {
            for (KmipVersion v : KmipVersion.SUPPORTED) {
                if (!r.operation().definedIn(v)) {
                    continue;
                }
                io.kmipstack.codec.payload.RequestPayload p = r.payload(v);
                assertThat(io.kmipstack.codec.payload.RequestPayloads.operation(p)).isEqualTo(r.operation());
                // Encodes (the codec refuses anything the version lacks) and decodes back to the same payload.
                var item = p.encode(v);
                assertThat(io.kmipstack.codec.payload.RequestPayloads.decode(r.operation(), item)).as(r + " in " + v).isEqualTo(p);
                encoded++;
            }
        }
        assertThat(encoded).isGreaterThan(150);
    }
}
