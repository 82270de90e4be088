package io.kmipstack.server.object;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.State;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Ttlv;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The attribute rule table, attribute sets and the date-driven lifecycle. */
class AttributeRulesTest {

    @Test
    void theTableSaysWhatTheSpecsRuleTablesSay() {
        // 1.4 section 3.2 / 2.1 section 4.32: Name is the client's, multi-valued, deletable.
        AttributeDef name = AttributeDefs.of(Tag.NAME);
        assertThat(name.multiValued()).isTrue();
        assertThat(name.clientDeletable()).isTrue();
        assertThat(name.specName()).isEqualTo("Name");
        // State is the server's alone; Activation Date changes only while Pre-Active.
        assertThat(AttributeDefs.of(Tag.STATE).readOnly()).isTrue();
        assertThat(AttributeDefs.of(Tag.ACTIVATION_DATE).clientChange()).isEqualTo(AttributeDef.Change.PRE_ACTIVE);
        assertThat(AttributeDefs.of(Tag.DEACTIVATION_DATE).clientChange()).isEqualTo(AttributeDef.Change.PRE_ACTIVE_OR_ACTIVE);
        // Version ranges: attribute ranges can be narrower than their tag's.
        assertThat(AttributeDefs.of(Tag.KEY_FORMAT_TYPE).definedIn(KmipVersion.V1_4)).isFalse();
        assertThat(AttributeDefs.of(Tag.KEY_FORMAT_TYPE).definedIn(KmipVersion.V2_0)).isTrue();
        assertThat(AttributeDefs.of(Tag.OPERATION_POLICY_NAME).definedIn(KmipVersion.V2_0)).isFalse();
        assertThat(AttributeDefs.of(Tag.CERTIFICATE_SUBJECT_CN).definedIn(KmipVersion.V1_4)).isFalse();
        assertThat(AttributeDefs.of(Tag.ALTERNATIVE_NAME).definedIn(KmipVersion.V1_1)).isFalse();
        assertThat(AttributeDefs.of(Tag.SENSITIVE).definedIn(KmipVersion.V1_4)).isTrue();
        assertThat(AttributeDefs.of(Tag.NAME_VALUE)).as("a field, not an attribute").isNull();
        // Every attribute tag is unique and known to the registry.
        assertThat(AttributeDefs.all()).extracting(AttributeDef::tag).doesNotHaveDuplicates();
        assertThat(AttributeDefs.all()).allSatisfy(d -> assertThat(d.specName()).doesNotStartWith("0x"));
    }

    @Test
    void attributeKeysNameStandardAndCustomAttributes() {
        assertThat(AttributeKey.ofName("Cryptographic Algorithm")).isEqualTo(AttributeKey.of(Tag.CRYPTOGRAPHIC_ALGORITHM));
        assertThat(AttributeKey.ofName("x-Barcode")).isEqualTo(AttributeKey.vendor("x", "Barcode"));
        assertThat(AttributeKey.ofName("nonsense")).isNull();
        assertThat(AttributeKey.vendor("x", "Barcode").specName()).isEqualTo("x-Barcode");
    }

    @Test
    void instancesKeepTheirIndexWhateverIsAddedOrRemoved() {
        AttributeSet s = AttributeSet.empty();
        KmipAttribute a = s.add(Ttlv.text(Tag.OBJECT_GROUP, "a"));
        KmipAttribute b = s.add(Ttlv.text(Tag.OBJECT_GROUP, "b"));
        assertThat(a.index()).isEqualTo(0);
        assertThat(b.index()).isEqualTo(1);
        s.remove(a);
        assertThat(s.add(Ttlv.text(Tag.OBJECT_GROUP, "c")).index()).isEqualTo(2);
        KmipAttribute b2 = s.replace(b, Ttlv.text(Tag.OBJECT_GROUP, "b2"));
        assertThat(b2.index()).isEqualTo(1);
        assertThat(s.all(Tag.OBJECT_GROUP)).extracting(x -> x.value().textValue()).containsExactly("b2", "c");
        s.set(Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, 128));
        s.set(Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, 256));
        assertThat(s.all(Tag.CRYPTOGRAPHIC_LENGTH)).hasSize(1);
        assertThat(s.integer(Tag.CRYPTOGRAPHIC_LENGTH)).isEqualTo(256);
        // Stored instances without an index get the next one on load.
        AttributeSet loaded = AttributeSet.of(List.of(new KmipAttribute(Ttlv.text(Tag.OBJECT_GROUP, "x"), 4),
                KmipAttribute.of(Ttlv.text(Tag.OBJECT_GROUP, "y"))));
        assertThat(loaded.all(Tag.OBJECT_GROUP)).extracting(KmipAttribute::index).containsExactly(4, 5);
    }

    @Test
    void timeMovesTheStateAlongTheDates() {
        Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
        AttributeSet s = AttributeSet.empty();
        s.set(Ttlv.enumeration(Tag.STATE, State.PRE_ACTIVE.value()));
        s.set(Ttlv.dateTime(Tag.ACTIVATION_DATE, t0.plusSeconds(10)));
        s.set(Ttlv.dateTime(Tag.DEACTIVATION_DATE, t0.plusSeconds(20)));
        assertThat(Lifecycle.advance(s, t0)).isFalse();
        assertThat(Lifecycle.advance(s, t0.plusSeconds(10))).isTrue();
        assertThat(s.state()).isEqualTo(State.ACTIVE);
        assertThat(Lifecycle.advance(s, t0.plusSeconds(25))).isTrue();
        assertThat(s.state()).isEqualTo(State.DEACTIVATED);
        // A Deactivation Date alone does not deactivate a key that never was Active.
        AttributeSet p = AttributeSet.empty();
        p.set(Ttlv.enumeration(Tag.STATE, State.PRE_ACTIVE.value()));
        p.set(Ttlv.dateTime(Tag.DEACTIVATION_DATE, t0));
        assertThat(Lifecycle.advance(p, t0.plusSeconds(1))).isFalse();
        // Compromised objects are not moved by dates.
        AttributeSet c = AttributeSet.empty();
        c.set(Ttlv.enumeration(Tag.STATE, State.COMPROMISED.value()));
        c.set(Ttlv.dateTime(Tag.DEACTIVATION_DATE, t0));
        assertThat(Lifecycle.advance(c, t0.plusSeconds(1))).isFalse();
    }

    @Test
    void destroyAndRevokeTransitions() {
        assertThat(Lifecycle.afterDestroy(State.PRE_ACTIVE)).isEqualTo(State.DESTROYED);
        assertThat(Lifecycle.afterDestroy(State.DEACTIVATED)).isEqualTo(State.DESTROYED);
        assertThat(Lifecycle.afterDestroy(State.COMPROMISED)).isEqualTo(State.DESTROYED_COMPROMISED);
        assertThat(Lifecycle.afterDestroy(State.ACTIVE)).isNull();
        assertThat(Lifecycle.afterRevoke(State.ACTIVE, false)).isEqualTo(State.DEACTIVATED);
        assertThat(Lifecycle.afterRevoke(State.PRE_ACTIVE, false)).isNull();
        assertThat(Lifecycle.afterRevoke(State.PRE_ACTIVE, true)).isEqualTo(State.COMPROMISED);
        assertThat(Lifecycle.afterRevoke(State.DESTROYED, true)).isEqualTo(State.DESTROYED_COMPROMISED);
    }
}
