package io.kmipstack.server.op;

import static io.kmipstack.server.op.OpHarness.name;
import static io.kmipstack.server.op.OpHarness.uid;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.codec.model.SymmetricKey;
import io.kmipstack.codec.payload.ExportRequestPayload;
import io.kmipstack.codec.payload.ExportResponsePayload;
import io.kmipstack.codec.payload.GetRequestPayload;
import io.kmipstack.codec.payload.GetResponsePayload;
import io.kmipstack.codec.payload.ImportRequestPayload;
import io.kmipstack.codec.payload.InteropRequestPayload;
import io.kmipstack.codec.payload.LogRequestPayload;
import io.kmipstack.codec.payload.PingRequestPayload;
import io.kmipstack.codec.payload.QueryRequestPayload;
import io.kmipstack.codec.payload.QueryResponsePayload;
import io.kmipstack.codec.payload.SetEndpointRoleRequestPayload;
import io.kmipstack.codec.payload.SetEndpointRoleResponsePayload;
import io.kmipstack.codec.registry.EndpointRole;
import io.kmipstack.codec.registry.InteropFunction;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.ProfileName;
import io.kmipstack.codec.registry.QueryFunction;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.State;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.server.object.KeyGeneration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Query, Interop, Log, Ping, Set Endpoint Role, Export and Import. */
class ServiceOpsTest {

    private static QueryResponsePayload query(OpHarness h, QueryFunction... f) {
        return h.call(new QueryRequestPayload(List.of(f), null));
    }

    @Test
    void queryAnswersWhatTheVersionDefinesAndTheServerHas() {
        OpHarness v14 = new OpHarness(KmipVersion.V1_4);
        QueryResponsePayload q = query(v14, QueryFunction.QUERY_OPERATIONS, QueryFunction.QUERY_OBJECTS,
                QueryFunction.QUERY_SERVER_INFORMATION, QueryFunction.QUERY_PROFILES, QueryFunction.QUERY_CAPABILITIES,
                QueryFunction.QUERY_RN_GS);
        assertThat(q.operations()).contains(Operation.CREATE, Operation.LOCATE, Operation.DISCOVER_VERSIONS, Operation.EXPORT,
                Operation.ENCRYPT).doesNotContain(Operation.LOG, Operation.SET_ATTRIBUTE).doesNotHaveDuplicates();
        assertThat(q.objectTypes()).contains(ObjectType.SYMMETRIC_KEY, ObjectType.TEMPLATE);
        assertThat(q.vendorIdentification()).isEqualTo("kmipstack");
        assertThat(q.profileInformation()).extracting(p -> p.profileName())
                .contains(ProfileName.SYMMETRIC_KEY_LIFECYCLE_SERVER_KMIPV1_4);
        assertThat(q.capabilityInformation().get(0).batchUndoCapability()).isTrue();
        assertThat(q.rngParameters()).containsExactly(KeyGeneration.rng());

        OpHarness v21 = new OpHarness(KmipVersion.V2_1);
        QueryResponsePayload q2 = query(v21, QueryFunction.QUERY_OPERATIONS, QueryFunction.QUERY_OBJECTS,
                QueryFunction.QUERY_PROFILES);
        assertThat(q2.operations()).contains(Operation.LOG, Operation.SET_ATTRIBUTE, Operation.INTEROP, Operation.PING);
        assertThat(q2.objectTypes()).doesNotContain(ObjectType.TEMPLATE);
        assertThat(q2.profileInformation()).extracting(p -> p.profileName()).contains(ProfileName.BASELINE_SERVER);

        OpHarness v10 = new OpHarness(KmipVersion.V1_0);
        assertThat(query(v10, QueryFunction.QUERY_OPERATIONS).operations()).doesNotContain(Operation.DISCOVER_VERSIONS);
    }

    @Test
    void interopAndLogAreRecordedSafely() {
        OpHarness h = new OpHarness(KmipVersion.V2_1);
        h.call(new InteropRequestPayload(InteropFunction.BEGIN, "BL-M-1-21"));
        h.call(new LogRequestPayload("line one\nforged line"));
        h.call(new PingRequestPayload());
        assertThat(h.batch.logged).containsExactly("interop Begin BL-M-1-21", "line one\\u000aforged line");
        assertThat(h.fails(new InteropRequestPayload(InteropFunction.valueOf(9), "x"))).isEqualTo(ResultReason.INVALID_FIELD);
    }

    @Test
    void theServerStaysServer() {
        OpHarness h = new OpHarness(KmipVersion.V2_1);
        SetEndpointRoleResponsePayload r = h.call(new SetEndpointRoleRequestPayload(EndpointRole.SERVER));
        assertThat(r.endpointRole()).isEqualTo(EndpointRole.SERVER);
        assertThat(h.fails(new SetEndpointRoleRequestPayload(EndpointRole.CLIENT))).isEqualTo(ResultReason.FEATURE_NOT_SUPPORTED);
    }

    @Test
    void anExportedObjectImportsIntoAnotherServerAsItWas() {
        OpHarness source = new OpHarness(KmipVersion.V2_1);
        String id = source.createAes(256, name("moving"));
        ExportResponsePayload e = source.call(new ExportRequestPayload(uid(id), null, null, null, null));
        assertThat(e.attributes().items()).isNotEmpty();

        OpHarness target = new OpHarness(KmipVersion.V2_1);
        target.now = target.now.plusSeconds(3600);
        target.call(new ImportRequestPayload(uid(id), ObjectType.SYMMETRIC_KEY, null, null, List.of(), e.attributes(),
                e.managedObject()));
        GetResponsePayload got = target.call(new GetRequestPayload(uid(id), null, null, null, null));
        assertThat(((SymmetricKey) got.managedObject())).isEqualTo(e.managedObject());
        assertThat(target.attribute(id, Tag.NAME)).isEqualTo(name("moving"));
        assertThat(target.attribute(id, Tag.INITIAL_DATE)).isEqualTo(source.attribute(id, Tag.INITIAL_DATE));
        assertThat(State.valueOf(target.attribute(id, Tag.STATE).intValue())).isEqualTo(State.PRE_ACTIVE);
        assertThat(target.fails(new ImportRequestPayload(uid(id), ObjectType.SYMMETRIC_KEY, null, null, List.of(), e.attributes(),
                e.managedObject()))).isEqualTo(ResultReason.OBJECT_ALREADY_EXISTS);
        target.call(new ImportRequestPayload(uid(id), ObjectType.SYMMETRIC_KEY, true, null, List.of(), e.attributes(),
                e.managedObject()));
        // Another requester cannot replace it.
        target.identity = "mallory";
        assertThat(target.fails(new ImportRequestPayload(uid(id), ObjectType.SYMMETRIC_KEY, true, null, List.of(), e.attributes(),
                e.managedObject()))).isEqualTo(ResultReason.OBJECT_ALREADY_EXISTS);
    }
}
