package io.kmipstack.server.op;

import static io.kmipstack.server.op.OpHarness.date;
import static io.kmipstack.server.op.OpHarness.name;
import static io.kmipstack.server.op.OpHarness.uid;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.model.Link;
import io.kmipstack.codec.model.RevocationReason;
import io.kmipstack.codec.payload.ActivateRequestPayload;
import io.kmipstack.codec.payload.ArchiveRequestPayload;
import io.kmipstack.codec.payload.CheckRequestPayload;
import io.kmipstack.codec.payload.DestroyRequestPayload;
import io.kmipstack.codec.payload.GetAttributesRequestPayload;
import io.kmipstack.codec.payload.GetUsageAllocationRequestPayload;
import io.kmipstack.codec.payload.ObtainLeaseRequestPayload;
import io.kmipstack.codec.payload.ObtainLeaseResponsePayload;
import io.kmipstack.codec.payload.ReKeyRequestPayload;
import io.kmipstack.codec.payload.ReKeyResponsePayload;
import io.kmipstack.codec.payload.RecoverRequestPayload;
import io.kmipstack.codec.payload.RevokeRequestPayload;
import io.kmipstack.codec.model.UsageLimits;
import io.kmipstack.codec.registry.CryptographicUsageMask;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.LinkType;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.RevocationReasonCode;
import io.kmipstack.codec.registry.State;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.registry.UsageLimitsUnit;
import io.kmipstack.codec.ttlv.Ttlv;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lifecycle operations and the state machine of KMIP 1.4 section 3.22. */
class LifecycleOpsTest {

    private static State state(OpHarness h, String id) {
        return State.valueOf(h.attribute(id, Tag.STATE).intValue());
    }

    private static RevokeRequestPayload revoke(String id, RevocationReasonCode code, Instant occurred) {
        return new RevokeRequestPayload(uid(id), new RevocationReason(code, null), occurred);
    }

    @Test
    void activateRevokeDestroyFollowTheStateMachine() {
        OpHarness h = new OpHarness(KmipVersion.V2_1);
        String id = h.createAes(128);
        h.call(new ActivateRequestPayload(uid(id)));
        assertThat(state(h, id)).isEqualTo(State.ACTIVE);
        assertThat(h.attribute(id, Tag.ACTIVATION_DATE).instantValue()).isEqualTo(h.now);
        assertThat(h.fails(new ActivateRequestPayload(uid(id)))).isEqualTo(ResultReason.WRONG_KEY_LIFECYCLE_STATE);
        // An Active key cannot be destroyed (2.1 section 6.1.15).
        assertThat(h.fails(new DestroyRequestPayload(uid(id)))).isEqualTo(ResultReason.WRONG_KEY_LIFECYCLE_STATE);
        h.now = h.now.plusSeconds(5);
        h.call(revoke(id, RevocationReasonCode.CESSATION_OF_OPERATION, null));
        assertThat(state(h, id)).isEqualTo(State.DEACTIVATED);
        assertThat(h.attribute(id, Tag.DEACTIVATION_DATE).instantValue()).isEqualTo(h.now);
        assertThat(RevocationReason.decode(h.attribute(id, Tag.REVOCATION_REASON)).revocationReasonCode())
                .isEqualTo(RevocationReasonCode.CESSATION_OF_OPERATION);
        h.call(new DestroyRequestPayload(uid(id)));
        assertThat(state(h, id)).isEqualTo(State.DESTROYED);
        assertThat(h.attribute(id, Tag.DESTROY_DATE)).isNotNull();
        assertThat(h.fails(new DestroyRequestPayload(uid(id)))).isEqualTo(ResultReason.OBJECT_DESTROYED);
        // Destroyed -> Destroyed Compromised by a compromise (transition 10).
        h.call(revoke(id, RevocationReasonCode.KEY_COMPROMISE, null));
        assertThat(state(h, id)).isEqualTo(State.DESTROYED_COMPROMISED);
    }

    @Test
    void oneXAnswersPermissionDeniedForTheWrongState() {
        OpHarness h = new OpHarness(KmipVersion.V1_4);
        String id = h.createAes(128);
        h.call(new ActivateRequestPayload(uid(id)));
        assertThat(h.fails(new DestroyRequestPayload(uid(id)))).isEqualTo(ResultReason.PERMISSION_DENIED);
        assertThat(h.fails(new ActivateRequestPayload(uid(id)))).isEqualTo(ResultReason.PERMISSION_DENIED);
    }

    @Test
    void aCompromiseSetsItsDatesAndLeadsToDestroyedCompromised() {
        OpHarness h = new OpHarness(KmipVersion.V2_1);
        String given = h.createAes(128);
        Instant occurred = Instant.parse("2024-01-01T00:00:00Z");
        h.call(revoke(given, RevocationReasonCode.KEY_COMPROMISE, occurred));
        assertThat(state(h, given)).isEqualTo(State.COMPROMISED);
        assertThat(h.attribute(given, Tag.COMPROMISE_OCCURRENCE_DATE).instantValue()).isEqualTo(occurred);
        assertThat(h.attribute(given, Tag.COMPROMISE_DATE).instantValue()).isEqualTo(h.now);
        h.call(new DestroyRequestPayload(uid(given)));
        assertThat(state(h, given)).isEqualTo(State.DESTROYED_COMPROMISED);

        // Without a date, the Compromise Occurrence Date is the Initial Date (2.1 section 6.1.44).
        String unknown = h.createAes(128);
        h.now = h.now.plusSeconds(100);
        h.call(revoke(unknown, RevocationReasonCode.CA_COMPROMISE, null));
        assertThat(h.attribute(unknown, Tag.COMPROMISE_OCCURRENCE_DATE).instantValue())
                .isEqualTo(h.attribute(unknown, Tag.INITIAL_DATE).instantValue());
    }

    @Test
    void revokeRefusesWhatTheStateMachineHasNoTransitionFor() {
        OpHarness h = new OpHarness(KmipVersion.V2_1);
        String preActive = h.createAes(128);
        assertThat(h.fails(revoke(preActive, RevocationReasonCode.SUPERSEDED, null))).isEqualTo(ResultReason.WRONG_KEY_LIFECYCLE_STATE);
        assertThat(h.fails(revoke(preActive, RevocationReasonCode.SUPERSEDED, h.now))).isEqualTo(ResultReason.INVALID_FIELD);
        assertThat(h.fails(revoke(preActive, RevocationReasonCode.valueOf(0x7777), null))).isEqualTo(ResultReason.INVALID_FIELD);
    }

    @Test
    void theDatesDriveTheStateAsTimePasses() {
        OpHarness h = new OpHarness(KmipVersion.V2_1);
        String id = h.createAes(128, date(Tag.ACTIVATION_DATE, h.now.plusSeconds(10)),
                date(Tag.DEACTIVATION_DATE, h.now.plusSeconds(20)));
        assertThat(state(h, id)).isEqualTo(State.PRE_ACTIVE);
        h.now = h.now.plusSeconds(10);
        assertThat(state(h, id)).isEqualTo(State.ACTIVE);
        h.now = h.now.plusSeconds(10);
        assertThat(state(h, id)).isEqualTo(State.DEACTIVATED);
        // Both dates already past at creation: straight to Deactivated (BL-M-7-21 registers such a key).
        String old = h.createAes(128, date(Tag.ACTIVATION_DATE, h.now.minusSeconds(20)),
                date(Tag.DEACTIVATION_DATE, h.now.minusSeconds(10)));
        assertThat(state(h, old)).isEqualTo(State.DEACTIVATED);
    }

    @Test
    void archivedObjectsAnswerObjectArchivedUntilRecovered() {
        OpHarness h = new OpHarness(KmipVersion.V1_4);
        String id = h.createAes(128);
        h.call(new ArchiveRequestPayload(uid(id)));
        assertThat(h.fails(new GetAttributesRequestPayload(uid(id), List.of(), List.of()))).isEqualTo(ResultReason.OBJECT_ARCHIVED);
        assertThat(h.fails(new ArchiveRequestPayload(uid(id)))).isEqualTo(ResultReason.OBJECT_ARCHIVED);
        h.call(new RecoverRequestPayload(uid(id)));
        assertThat(h.attribute(id, Tag.ARCHIVE_DATE)).isNull();
        assertThat(state(h, id)).isEqualTo(State.PRE_ACTIVE);
    }

    @Test
    void reKeyInheritsMovesTheNameLinksAndOffsetsTheDates() {
        OpHarness h = new OpHarness(KmipVersion.V1_4);
        Instant activation = h.now.minusSeconds(100);
        String old = h.createAes(256, name("rotating"), date(Tag.ACTIVATION_DATE, activation),
                date(Tag.DEACTIVATION_DATE, h.now.plusSeconds(1000)), Ttlv.text(Tag.CONTACT_INFORMATION, "ops"));
        h.now = h.now.plusSeconds(50);
        ReKeyResponsePayload r = h.call(new ReKeyRequestPayload(uid(old), 30L, h.template(), null, null));
        String id = r.uniqueIdentifier().toString();
        assertThat(h.attribute(id, Tag.NAME)).isEqualTo(name("rotating"));
        assertThat(h.attribute(old, Tag.NAME)).isNull();
        assertThat(h.attribute(id, Tag.CONTACT_INFORMATION).textValue()).isEqualTo("ops");
        assertThat(h.attribute(id, Tag.CRYPTOGRAPHIC_LENGTH).intValue()).isEqualTo(256);
        // 1.4 table 172: AT2 = IT2 + Offset; DT2 = DT1 + (AT2 - AT1).
        Instant at2 = h.now.plusSeconds(30);
        assertThat(h.attribute(id, Tag.ACTIVATION_DATE).instantValue()).isEqualTo(at2);
        assertThat(h.attribute(id, Tag.DEACTIVATION_DATE).instantValue())
                .isEqualTo(h.attribute(old, Tag.DEACTIVATION_DATE).instantValue().plusSeconds(at2.getEpochSecond() - activation.getEpochSecond()));
        assertThat(State.valueOf(h.attribute(id, Tag.STATE).intValue())).isEqualTo(State.PRE_ACTIVE);
        Link back = Link.decode(h.attribute(id, Tag.LINK));
        assertThat(back.linkType()).isEqualTo(LinkType.REPLACED_OBJECT_LINK);
        assertThat(back.linkedObjectIdentifier().toString()).isEqualTo(old);
        Link forward = Link.decode(h.attribute(old, Tag.LINK));
        assertThat(forward.linkType()).isEqualTo(LinkType.REPLACEMENT_OBJECT_LINK);
        // Offset together with a date is contradictory (1.4 table 331).
        assertThat(h.fails(new ReKeyRequestPayload(uid(id), 30L, h.template(date(Tag.ACTIVATION_DATE, h.now)), null, null)))
                .isEqualTo(ResultReason.INVALID_MESSAGE);
    }

    @Test
    void checkLeaseAndUsageAllocation() {
        OpHarness h = new OpHarness(KmipVersion.V2_1);
        String id = h.createAes(128, new UsageLimits(10L, null, UsageLimitsUnit.OBJECT).encode(Tag.USAGE_LIMITS, KmipVersion.V2_1));
        h.call(new CheckRequestPayload(uid(id), null, CryptographicUsageMask.ENCRYPT, null));
        h.batch.placeholder = id;
        assertThat(h.fails(new CheckRequestPayload(uid(id), null, CryptographicUsageMask.SIGN, null)))
                .isEqualTo(ResultReason.INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK);
        assertThat(h.batch.placeholder).as("a failed Check empties the ID Placeholder").isNull();
        assertThat(h.fails(new CheckRequestPayload(uid(id), 11L, null, null))).isEqualTo(ResultReason.USAGE_LIMIT_EXCEEDED);
        assertThat(h.fails(new CheckRequestPayload(uid(id), null, null, 7200L))).isEqualTo(ResultReason.PERMISSION_DENIED);

        h.call(new GetUsageAllocationRequestPayload(uid(id), 4L));
        assertThat(UsageLimits.decode(h.attribute(id, Tag.USAGE_LIMITS)).usageLimitsCount()).isEqualTo(6L);
        assertThat(h.fails(new GetUsageAllocationRequestPayload(uid(id), 7L))).isEqualTo(ResultReason.USAGE_LIMIT_EXCEEDED);

        assertThat(h.fails(new ObtainLeaseRequestPayload(uid(id)))).isEqualTo(ResultReason.WRONG_KEY_LIFECYCLE_STATE);
        h.call(new ActivateRequestPayload(uid(id)));
        ObtainLeaseResponsePayload lease = h.call(new ObtainLeaseRequestPayload(uid(id)));
        assertThat(lease.leaseTime()).isEqualTo(3600L);
        assertThat(lease.lastChangeDate()).isEqualTo(h.now);

        OpHarness v1 = new OpHarness(KmipVersion.V1_4);
        String k = v1.createAes(128);
        assertThat(v1.fails(new CheckRequestPayload(uid(k), null, CryptographicUsageMask.SIGN, null)))
                .isEqualTo(ResultReason.PERMISSION_DENIED);
        List<KmipAttribute> none = v1.attributes(k, Tag.USAGE_LIMITS);
        assertThat(none).isEmpty();
        assertThat(v1.fails(new GetUsageAllocationRequestPayload(uid(k), 1L))).isEqualTo(ResultReason.ILLEGAL_OPERATION);
    }
}
