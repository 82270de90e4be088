package io.kmipstack.server.op;

import static io.kmipstack.server.op.OpHarness.date;
import static io.kmipstack.server.op.OpHarness.name;
import static io.kmipstack.server.op.OpHarness.uid;
import static io.kmipstack.server.op.OpHarness.v1;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.codec.model.Attribute;
import io.kmipstack.codec.model.AttributeReference;
import io.kmipstack.codec.model.CurrentAttribute;
import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.model.NewAttribute;
import io.kmipstack.codec.payload.ActivateRequestPayload;
import io.kmipstack.codec.payload.AddAttributeRequestPayload;
import io.kmipstack.codec.payload.AddAttributeResponsePayload;
import io.kmipstack.codec.payload.AdjustAttributeRequestPayload;
import io.kmipstack.codec.payload.DeleteAttributeRequestPayload;
import io.kmipstack.codec.payload.DeleteAttributeResponsePayload;
import io.kmipstack.codec.payload.GetAttributeListRequestPayload;
import io.kmipstack.codec.payload.GetAttributeListResponsePayload;
import io.kmipstack.codec.payload.GetAttributesRequestPayload;
import io.kmipstack.codec.payload.ModifyAttributeRequestPayload;
import io.kmipstack.codec.payload.ModifyAttributeResponsePayload;
import io.kmipstack.codec.payload.SetAttributeRequestPayload;
import io.kmipstack.codec.registry.AdjustmentType;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.State;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Add, Set, Modify, Delete, Adjust Attribute; Get Attributes and Get Attribute List; 1.x and 2.x. */
class AttributeOpsTest {

    private static final Ttlv GROUP_A = Ttlv.text(Tag.OBJECT_GROUP, "a");
    private static final Ttlv GROUP_B = Ttlv.text(Tag.OBJECT_GROUP, "b");
    private static final Ttlv GROUP_C = Ttlv.text(Tag.OBJECT_GROUP, "c");

    private static AddAttributeRequestPayload add1(String id, String attrName, Ttlv value) {
        return new AddAttributeRequestPayload(uid(id), v1(attrName, null, value), null);
    }

    private static NewAttribute item(Ttlv t) {
        return new NewAttribute(List.of(t));
    }

    @Test
    void oneXIndexesStayWithTheirInstances() {
        OpHarness h = new OpHarness(KmipVersion.V1_4);
        String id = h.createAes(128);
        AddAttributeResponsePayload a = h.call(add1(id, "Object Group", GROUP_A));
        AddAttributeResponsePayload b = h.call(add1(id, "Object Group", GROUP_B));
        assertThat(a.attribute().attributeIndex()).isNull(); // index 0 is not sent (1.4 section 4.14)
        assertThat(b.attribute().attributeIndex()).isEqualTo(1);
        DeleteAttributeResponsePayload d = h.call(new DeleteAttributeRequestPayload(uid(id), "Object Group", 0, null, null));
        assertThat(d.attribute().attributeValue().textValue()).isEqualTo("a");
        // "b" keeps index 1 after "a" went; a new instance gets 2, not the freed 0.
        AddAttributeResponsePayload c = h.call(add1(id, "Object Group", GROUP_C));
        assertThat(c.attribute().attributeIndex()).isEqualTo(2);
        ModifyAttributeResponsePayload m = h.call(new ModifyAttributeRequestPayload(uid(id),
                v1("Object Group", 1, Ttlv.text(Tag.OBJECT_GROUP, "b2")), null, null));
        assertThat(m.attribute().attributeIndex()).isEqualTo(1);
        assertThat(m.attribute().attributeValue().textValue()).isEqualTo("b2");
        assertThat(h.fails(new ModifyAttributeRequestPayload(uid(id), v1("Object Group", 0, GROUP_A), null, null)))
                .isEqualTo(ResultReason.ITEM_NOT_FOUND);
        assertThat(h.fails(new ModifyAttributeRequestPayload(uid(id), v1("Contact Information", null,
                Ttlv.text(Tag.CONTACT_INFORMATION, "x")), null, null))).isEqualTo(ResultReason.INVALID_FIELD);
        assertThat(h.fails(new DeleteAttributeRequestPayload(uid(id), "Object Group", 7, null, null)))
                .isEqualTo(ResultReason.ITEM_NOT_FOUND);
        assertThat(h.fails(new AddAttributeRequestPayload(uid(id), v1("Object Group", 3, GROUP_A), null)))
                .isEqualTo(ResultReason.INVALID_FIELD);
        List<String> groups = new ArrayList<>();
        for (KmipAttribute g : h.attributes(id, Tag.OBJECT_GROUP)) {
            groups.add(g.value().textValue() + "#" + g.index());
        }
        assertThat(groups).containsExactly("b2#1", "c#2");
    }

    @Test
    void readOnlyAndSingleValuedRefusalsSayWhyInEachVersion() {
        OpHarness v1 = new OpHarness(KmipVersion.V1_4);
        String a = v1.createAes(128, Ttlv.text(Tag.CONTACT_INFORMATION, "x"));
        assertThat(v1.fails(add1(a, "State", Ttlv.enumeration(Tag.STATE, 2)))).isEqualTo(ResultReason.PERMISSION_DENIED);
        assertThat(v1.fails(add1(a, "Contact Information", Ttlv.text(Tag.CONTACT_INFORMATION, "y"))))
                .isEqualTo(ResultReason.ILLEGAL_OPERATION);
        assertThat(v1.fails(new DeleteAttributeRequestPayload(uid(a), "Sensitive", null, null, null)))
                .isEqualTo(ResultReason.PERMISSION_DENIED);

        OpHarness v2 = new OpHarness(KmipVersion.V2_1);
        String b = v2.createAes(128, Ttlv.text(Tag.CONTACT_INFORMATION, "x"));
        assertThat(v2.fails(new AddAttributeRequestPayload(uid(b), null, item(Ttlv.enumeration(Tag.STATE, 2)))))
                .isEqualTo(ResultReason.ATTRIBUTE_READ_ONLY);
        assertThat(v2.fails(new AddAttributeRequestPayload(uid(b), null, item(Ttlv.text(Tag.CONTACT_INFORMATION, "y")))))
                .isEqualTo(ResultReason.ATTRIBUTE_SINGLE_VALUED);
        assertThat(v2.fails(new DeleteAttributeRequestPayload(uid(b), null, null, null, AttributeReference.of(Tag.EXTRACTABLE))))
                .isEqualTo(ResultReason.ATTRIBUTE_READ_ONLY);
        assertThat(v2.fails(new DeleteAttributeRequestPayload(uid(b), null, null, null, AttributeReference.of(Tag.DESCRIPTION))))
                .isEqualTo(ResultReason.ATTRIBUTE_NOT_FOUND);
        // Activation Date may change only while Pre-Active.
        v2.call(new ActivateRequestPayload(uid(b)));
        assertThat(v2.fails(new ModifyAttributeRequestPayload(uid(b), null, null, item(date(Tag.ACTIVATION_DATE, v2.now)))))
                .isEqualTo(ResultReason.WRONG_KEY_LIFECYCLE_STATE);
    }

    @Test
    void twoXModifyNeedsTheCurrentValueWhenThereAreSeveral() {
        OpHarness h = new OpHarness(KmipVersion.V2_1);
        String id = h.createAes(128, name("one"), name("two"));
        assertThat(h.fails(new ModifyAttributeRequestPayload(uid(id), null, null, item(name("three")))))
                .isEqualTo(ResultReason.MULTI_VALUED_ATTRIBUTE);
        h.call(new ModifyAttributeRequestPayload(uid(id), null, new CurrentAttribute(List.of(name("two"))), item(name("three"))));
        assertThat(names(h, id)).containsExactly("one", "three");
        assertThat(h.fails(new ModifyAttributeRequestPayload(uid(id), null, new CurrentAttribute(List.of(name("two"))),
                item(name("four"))))).isEqualTo(ResultReason.ATTRIBUTE_INSTANCE_NOT_FOUND);
        // Adding a name the object already has, or another object's, is refused.
        assertThat(h.fails(new AddAttributeRequestPayload(uid(id), null, item(name("one")))))
                .isEqualTo(ResultReason.NON_UNIQUE_NAME_ATTRIBUTE);
        String other = h.createAes(128, name("taken"));
        assertThat(h.fails(new AddAttributeRequestPayload(uid(id), null, item(name("taken")))))
                .isEqualTo(ResultReason.NON_UNIQUE_NAME_ATTRIBUTE);
        assertThat(other).isNotEqualTo(id);
        h.call(new DeleteAttributeRequestPayload(uid(id), null, null, null, AttributeReference.of(Tag.NAME)));
        assertThat(names(h, id)).isEmpty();
    }

    @Test
    void setAndAdjust() {
        OpHarness h = new OpHarness(KmipVersion.V2_1);
        String id = h.createAes(128);
        h.call(new SetAttributeRequestPayload(uid(id), item(Ttlv.text(Tag.DESCRIPTION, "first"))));
        h.call(new SetAttributeRequestPayload(uid(id), item(Ttlv.text(Tag.DESCRIPTION, "second"))));
        assertThat(h.attribute(id, Tag.DESCRIPTION).textValue()).isEqualTo("second");

        h.call(new AddAttributeRequestPayload(uid(id), null, item(vendor("counter", Ttlv.integer(Tag.ATTRIBUTE_VALUE, 5)))));
        h.call(new AdjustAttributeRequestPayload(uid(id), AttributeReference.vendor("x", "counter"), AdjustmentType.INCREMENT,
                Ttlv.integer(Tag.ADJUSTMENT_VALUE, 3)));
        h.call(new AdjustAttributeRequestPayload(uid(id), AttributeReference.vendor("x", "counter"), AdjustmentType.NEGATE, null));
        List<KmipAttribute> all = h.attributes(id);
        int counter = 0;
        for (KmipAttribute a : all) {
            if (a.isVendor()) {
                counter = a.value().intValue();
            }
        }
        assertThat(counter).isEqualTo(-8);
        // Sensitive may be changed by the client; Always Sensitive follows, once and for all.
        h.call(new SetAttributeRequestPayload(uid(id), item(Ttlv.bool(Tag.SENSITIVE, true))));
        assertThat(h.attribute(id, Tag.ALWAYS_SENSITIVE).booleanValue()).isFalse();
        assertThat(h.fails(new AdjustAttributeRequestPayload(uid(id), AttributeReference.of(Tag.STATE), AdjustmentType.INCREMENT,
                Ttlv.integer(Tag.ADJUSTMENT_VALUE, 1)))).isEqualTo(ResultReason.ATTRIBUTE_READ_ONLY);
    }

    @Test
    void modifyingTheActivationDateIntoThePastActivates() {
        OpHarness h = new OpHarness(KmipVersion.V1_4);
        String id = h.createAes(128, date(Tag.ACTIVATION_DATE, h.now.plusSeconds(3600)));
        h.call(new ModifyAttributeRequestPayload(uid(id), v1("Activation Date", null, date(Tag.ACTIVATION_DATE, h.now.minusSeconds(1))),
                null, null));
        assertThat(h.attribute(id, Tag.STATE).intValue()).isEqualTo(State.ACTIVE.value());
    }

    @Test
    void getAttributesAndTheListSpeakTheVersion() {
        OpHarness h = new OpHarness(KmipVersion.V1_4);
        String id = h.createAes(128, name("n1"));
        h.call(add1(id, "x-color", Ttlv.text(Tag.ATTRIBUTE_VALUE, "blue")));
        GetAttributeListResponsePayload list = h.call(new GetAttributeListRequestPayload(uid(id)));
        assertThat(list.attributeNames()).contains("x-color", "Name", "State", "Unique Identifier")
                .doesNotContain("Short Unique Identifier").doesNotHaveDuplicates();
        assertThat(list.attributeNames().get(0)).isEqualTo("x-color");
        assertThat(h.fails(new GetAttributesRequestPayload(uid(id), List.of("State", "State"), List.of())))
                .isEqualTo(ResultReason.INVALID_MESSAGE);
        assertThat(h.fails(new GetAttributesRequestPayload(uid(id), List.of("Key Format Type"), List.of())))
                .isEqualTo(ResultReason.INVALID_FIELD);
        // Asked names come back in the order asked; a name the object lacks is left out.
        List<String> got = new ArrayList<>();
        for (KmipAttribute a : h.attributes(id, Tag.STATE, Tag.DEACTIVATION_DATE, Tag.NAME)) {
            got.add(a.name());
        }
        assertThat(got).containsExactly("State", "Name");

        h.version = KmipVersion.V2_1;
        GetAttributeListResponsePayload refs = h.call(new GetAttributeListRequestPayload(uid(id)));
        assertThat(refs.attributeReferences()).contains(AttributeReference.vendor("x", "color"),
                AttributeReference.of(Tag.SHORT_UNIQUE_IDENTIFIER), AttributeReference.of(Tag.NAME));
    }

    @Test
    void aLinkToTheIdPlaceholderIsStoredAsTheIdentifierItStandsFor() {
        OpHarness h = new OpHarness(KmipVersion.V2_1);
        String first = h.createAes(128);
        String second = h.createAes(128); // now the ID Placeholder
        Ttlv link = new io.kmipstack.codec.model.Link(io.kmipstack.codec.registry.LinkType.NEXT_LINK,
                new io.kmipstack.codec.model.UniqueIdentifier.Placeholder(io.kmipstack.codec.registry.UniqueIdentifier.ID_PLACEHOLDER))
                .encode(Tag.LINK, KmipVersion.V2_1);
        h.call(new AddAttributeRequestPayload(uid(first), null, item(link)));
        assertThat(io.kmipstack.codec.model.Link.decode(h.attribute(first, Tag.LINK)).linkedObjectIdentifier())
                .isEqualTo(io.kmipstack.codec.model.UniqueIdentifier.of(second));
    }

    private static Ttlv vendor(String name, Ttlv value) {
        return new Attribute("x", name, null, value).encode(Tag.ATTRIBUTE, KmipVersion.V2_1);
    }

    private static List<String> names(OpHarness h, String id) {
        List<String> out = new ArrayList<>();
        for (KmipAttribute a : h.attributes(id, Tag.NAME)) {
            out.add(a.value().child(Tag.NAME_VALUE).textValue());
        }
        return out;
    }
}
