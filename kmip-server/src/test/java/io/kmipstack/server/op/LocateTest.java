package io.kmipstack.server.op;

import static io.kmipstack.server.op.OpHarness.date;
import static io.kmipstack.server.op.OpHarness.mask;
import static io.kmipstack.server.op.OpHarness.name;
import static io.kmipstack.server.op.OpHarness.uid;
import static io.kmipstack.server.op.OpHarness.v1;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.codec.model.Attribute;
import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.payload.ActivateRequestPayload;
import io.kmipstack.codec.payload.ArchiveRequestPayload;
import io.kmipstack.codec.payload.DestroyRequestPayload;
import io.kmipstack.codec.payload.GetRequestPayload;
import io.kmipstack.codec.payload.LocateRequestPayload;
import io.kmipstack.codec.payload.LocateResponsePayload;
import io.kmipstack.codec.registry.CryptographicUsageMask;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.ObjectGroupMember;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.State;
import io.kmipstack.codec.registry.StorageStatusMask;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Ttlv;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Locate: equality, ranges, state, masks, storage status, paging, visibility, ID Placeholder. */
class LocateTest {

    private static List<String> locate(OpHarness h, Integer max, Integer offset, Integer storage, Ttlv... filters) {
        LocateResponsePayload r = h.call(request(h, max, offset, storage, null, filters));
        List<String> out = new ArrayList<>();
        for (UniqueIdentifier u : r.uniqueIdentifiers()) {
            out.add(u.toString());
        }
        return out;
    }

    private static LocateRequestPayload request(OpHarness h, Integer max, Integer offset, Integer storage,
            ObjectGroupMember member, Ttlv... filters) {
        if (h.version.isV2()) {
            return new LocateRequestPayload(max, offset, storage, member, List.of(), KmipAttribute.toAttributes(OpHarness.kmip(filters)));
        }
        return new LocateRequestPayload(max, offset, storage, member, KmipAttribute.toAttributeList(OpHarness.kmip(filters)), null);
    }

    private static List<String> locate(OpHarness h, Ttlv... filters) {
        return locate(h, null, null, null, filters);
    }

    private static Ttlv type(ObjectType t) {
        return Ttlv.enumeration(Tag.OBJECT_TYPE, t.value());
    }

    @Test
    void equalityOnNamesTypesAndCustomAttributes() {
        OpHarness h = new OpHarness(KmipVersion.V1_4);
        String a = h.createAes(128, name("a"));
        String b = h.createAes(256, name("b"));
        assertThat(locate(h, name("a"))).containsExactly(a);
        assertThat(locate(h, type(ObjectType.SYMMETRIC_KEY))).containsExactly(a, b);
        assertThat(locate(h, type(ObjectType.PUBLIC_KEY))).isEmpty();
        assertThat(locate(h, OpHarness.len(256))).containsExactly(b);
        Attribute custom = v1("x-tape", null, Ttlv.text(Tag.ATTRIBUTE_VALUE, "T1"));
        h.call(new io.kmipstack.codec.payload.AddAttributeRequestPayload(uid(b), custom, null));
        LocateResponsePayload r = h.call(new LocateRequestPayload(null, null, null, null, List.of(custom), null));
        assertThat(r.uniqueIdentifiers()).extracting(Object::toString).containsExactly(b);
        // One match becomes the ID Placeholder: a following Get needs no identifier (TL-M-3).
        assertThat(h.batch.placeholder).isEqualTo(b);
        locate(h, type(ObjectType.SYMMETRIC_KEY));
        assertThat(h.batch.placeholder).as("several matches empty the ID Placeholder").isNull();
    }

    @Test
    void twoInstancesOfADateAreARange() {
        OpHarness h = new OpHarness(KmipVersion.V2_1);
        Instant t = Instant.parse("2000-02-01T00:00:00Z");
        String inside = h.createAes(128, date(Tag.PROTECT_STOP_DATE, t));
        h.createAes(128, date(Tag.PROTECT_STOP_DATE, t.plusSeconds(86400 * 30)));
        assertThat(locate(h, date(Tag.PROTECT_STOP_DATE, t.minusSeconds(86400)), date(Tag.PROTECT_STOP_DATE, t.plusSeconds(86400))))
                .containsExactly(inside);
        // Inclusive ends, either order.
        assertThat(locate(h, date(Tag.PROTECT_STOP_DATE, t.plusSeconds(5)), date(Tag.PROTECT_STOP_DATE, t))).containsExactly(inside);
        assertThat(locate(h, date(Tag.PROTECT_STOP_DATE, t))).containsExactly(inside);
    }

    @Test
    void stateIsTheStateNowAndTheUsageMaskMatchesSupersets() {
        OpHarness h = new OpHarness(KmipVersion.V2_1);
        io.kmipstack.codec.payload.CreateResponsePayload c = h.call(h.createRequest(ObjectType.SYMMETRIC_KEY,
                OpHarness.alg(io.kmipstack.codec.registry.CryptographicAlgorithm.AES), OpHarness.len(128),
                date(Tag.ACTIVATION_DATE, h.now.plusSeconds(60)), mask(CryptographicUsageMask.ENCRYPT)));
        String later = c.uniqueIdentifier().toString();
        String active = h.createAes(128);
        h.call(new ActivateRequestPayload(uid(active)));
        Ttlv isActive = Ttlv.enumeration(Tag.STATE, State.ACTIVE.value());
        assertThat(locate(h, isActive)).containsExactly(active);
        h.now = h.now.plusSeconds(60);
        assertThat(locate(h, isActive)).containsExactly(later, active);
        assertThat(locate(h, mask(CryptographicUsageMask.ENCRYPT))).containsExactly(later, active);
        assertThat(locate(h, mask(CryptographicUsageMask.ENCRYPT | CryptographicUsageMask.DECRYPT))).containsExactly(active);
    }

    @Test
    void storageStatusSelectsOnlineArchivedAndDestroyedObjects() {
        OpHarness h = new OpHarness(KmipVersion.V2_1);
        String online = h.createAes(128, name("on"));
        String archived = h.createAes(128, name("arch"));
        String destroyed = h.createAes(128, name("gone"));
        h.call(new ArchiveRequestPayload(uid(archived)));
        h.call(new DestroyRequestPayload(uid(destroyed)));
        Ttlv t = type(ObjectType.SYMMETRIC_KEY);
        assertThat(locate(h, t)).containsExactly(online);
        assertThat(locate(h, null, null, StorageStatusMask.ARCHIVAL_STORAGE, t)).containsExactly(archived);
        assertThat(locate(h, null, null, StorageStatusMask.DESTROYED_STORAGE | StorageStatusMask.ON_LINE_STORAGE, t))
                .containsExactly(online, destroyed);
        // SKFF-M-5: a destroyed key is not found by its identifier either.
        assertThat(locate(h, Ttlv.text(Tag.UNIQUE_IDENTIFIER, destroyed))).isEmpty();
    }

    @Test
    void offsetAndMaximumPageTheMatchesAndLocatedItemsCountsThem() {
        OpHarness h = new OpHarness(KmipVersion.V1_4);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(h.createAes(128));
        }
        LocateResponsePayload page = h.call(request(h, 2, 1, null, null, type(ObjectType.SYMMETRIC_KEY)));
        assertThat(page.uniqueIdentifiers()).extracting(Object::toString).containsExactly(ids.get(1), ids.get(2));
        assertThat(page.locatedItems()).isEqualTo(5);
        LocateResponsePayload all = h.call(request(h, null, null, null, null, type(ObjectType.SYMMETRIC_KEY)));
        assertThat(all.locatedItems()).isNull();
        assertThat(all.uniqueIdentifiers()).hasSize(5);
        // Group Member Fresh: only keys not yet served.
        h.call(new GetRequestPayload(uid(ids.get(0)), null, null, null, null));
        LocateResponsePayload fresh = h.call(request(h, null, null, null, ObjectGroupMember.GROUP_MEMBER_FRESH,
                type(ObjectType.SYMMETRIC_KEY)));
        assertThat(fresh.uniqueIdentifiers()).extracting(Object::toString).doesNotContain(ids.get(0)).hasSize(4);
    }

    @Test
    void othersSeeNothingAndAdminsSeeAll() {
        OpHarness h = new OpHarness(KmipVersion.V2_1);
        String mine = h.createAes(128, name("mine"));
        h.identity = "bob";
        assertThat(locate(h, name("mine"))).isEmpty();
        h.store.transact(tx -> {
            tx.grant(mine, "bob");
            return null;
        });
        assertThat(locate(h, name("mine"))).containsExactly(mine);
        h.identity = "carol";
        h.admin = true;
        assertThat(locate(h, type(ObjectType.SYMMETRIC_KEY))).containsExactly(mine);
    }
}
