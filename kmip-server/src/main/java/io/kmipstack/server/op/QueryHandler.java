package io.kmipstack.server.op;

import io.kmipstack.codec.payload.CapabilityInformation;
import io.kmipstack.codec.payload.ProfileInformation;
import io.kmipstack.codec.payload.ProfileVersion;
import io.kmipstack.codec.payload.QueryRequestPayload;
import io.kmipstack.codec.payload.QueryResponsePayload;
import io.kmipstack.codec.payload.RNGParameters;
import io.kmipstack.codec.payload.RequestPayload;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.codec.payload.ServerInformation;
import io.kmipstack.codec.registry.DestroyAction;
import io.kmipstack.codec.registry.KmipEnum;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.ProfileName;
import io.kmipstack.codec.registry.QueryFunction;
import io.kmipstack.codec.registry.RNGMode;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.server.object.KeyGeneration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Query (KMIP 1.4 section 4.25, 2.1 section 6.1.40): what this server supports, in the request's
 * version: the operations that have a handler and exist in that version, the object types it
 * stores, the server's identification, its random number generator, the profiles whose test
 * cases it passes and its capabilities. Functions the server has nothing to report for
 * (application namespaces, extensions, attestation, validations, registration methods) answer
 * with nothing.
 */
final class QueryHandler implements OperationHandler {

    static final String VENDOR = "kmipstack";

    private static final List<ObjectType> OBJECT_TYPES = List.of(ObjectType.CERTIFICATE, ObjectType.SYMMETRIC_KEY,
            ObjectType.PUBLIC_KEY, ObjectType.PRIVATE_KEY, ObjectType.SPLIT_KEY, ObjectType.TEMPLATE, ObjectType.SECRET_DATA,
            ObjectType.OPAQUE_OBJECT, ObjectType.PGP_KEY);

    // The object-management profiles whose OASIS test cases these handlers are proven against.
    private static final List<ProfileName> PROFILES_V1_4 = List.of(ProfileName.BASELINE_SERVER_TLSV1_2_KMIPV1_4,
            ProfileName.SYMMETRIC_KEY_LIFECYCLE_SERVER_KMIPV1_4, ProfileName.ASYMMETRIC_KEY_LIFECYCLE_SERVER_KMIPV1_4,
            ProfileName.SYMMETRIC_KEY_FOUNDRY_SERVER_KMIPV1_4, ProfileName.OPAQUE_MANAGED_OBJECT_STORE_SERVER_KMIPV1_4,
            ProfileName.STORAGE_ARRAY_WITH_SELF_ENCRYPTING_DRIVE_SERVER_KMIPV1_4, ProfileName.TAPE_LIBRARY_SERVER_KMIPV1_4);
    private static final List<ProfileName> PROFILES_V2 = List.of(ProfileName.BASELINE_SERVER,
            ProfileName.SYMMETRIC_KEY_LIFECYCLE_SERVER, ProfileName.ASYMMETRIC_KEY_LIFECYCLE_SERVER,
            ProfileName.SYMMETRIC_KEY_FOUNDRY_SERVER, ProfileName.OPAQUE_MANAGED_OBJECT_STORE_SERVER,
            ProfileName.STORAGE_ARRAY_WITH_SELF_ENCRYPTING_DRIVE_SERVER, ProfileName.TAPE_LIBRARY_SERVER,
            ProfileName.AESXTS_SERVER, ProfileName.QUANTUM_SAFE_SERVER);

    private final Supplier<Collection<Operation>> operations;

    QueryHandler(Supplier<Collection<Operation>> operations) {
        this.operations = operations;
    }

    @Override
    public ResponsePayload handle(RequestContext ctx, RequestPayload request) {
        QueryRequestPayload p = (QueryRequestPayload) request;
        KmipVersion v = ctx.version();
        List<Operation> ops = new ArrayList<>();
        List<ObjectType> types = new ArrayList<>();
        String vendor = null;
        ServerInformation info = null;
        List<RNGParameters> rngs = new ArrayList<>();
        List<ProfileInformation> profiles = new ArrayList<>();
        List<CapabilityInformation> capabilities = new ArrayList<>();
        for (QueryFunction f : p.queryFunctions()) {
            if (QueryFunction.QUERY_OPERATIONS.equals(f)) {
                // Discover Versions is answered by the message layer, not by a handler of this map.
                if (definedIn(Operation.DISCOVER_VERSIONS, v)) {
                    ops.add(Operation.DISCOVER_VERSIONS);
                }
                for (Operation op : operations.get()) {
                    if (definedIn(op, v) && !ops.contains(op)) {
                        ops.add(op);
                    }
                }
                ops.sort(Comparator.comparingInt(Operation::value));
            } else if (QueryFunction.QUERY_OBJECTS.equals(f)) {
                for (ObjectType t : OBJECT_TYPES) {
                    if (definedIn(t, v) && !types.contains(t)) {
                        types.add(t);
                    }
                }
            } else if (QueryFunction.QUERY_SERVER_INFORMATION.equals(f)) {
                vendor = VENDOR;
                info = v.isV2() ? ServerInformation.of(Ttlv.text(Tag.SERVER_NAME, VENDOR), Ttlv.text(Tag.PRODUCT_NAME, VENDOR))
                        : ServerInformation.of();
            } else if (QueryFunction.QUERY_RN_GS.equals(f) && v.atLeast(KmipVersion.V1_3) && rngs.isEmpty()) {
                rngs.add(KeyGeneration.rng());
            } else if (QueryFunction.QUERY_PROFILES.equals(f) && v.atLeast(KmipVersion.V1_3) && profiles.isEmpty()) {
                profiles.addAll(profiles(v));
            } else if (QueryFunction.QUERY_CAPABILITIES.equals(f) && v.atLeast(KmipVersion.V1_3) && capabilities.isEmpty()) {
                boolean v14 = v.atLeast(KmipVersion.V1_4);
                capabilities.add(new CapabilityInformation(false, false, false, v14 ? true : null, v14 ? true : null, null,
                        DestroyAction.KEY_MATERIAL_DELETED, null, RNGMode.SHARED_INSTANTIATION, v.isV2() ? false : null));
            }
        }
        return new QueryResponsePayload(ops, types, vendor, info, List.of(), List.of(), List.of(), rngs, profiles, List.of(),
                capabilities, List.of(), null, null);
    }

    private static List<ProfileInformation> profiles(KmipVersion v) {
        List<ProfileInformation> out = new ArrayList<>();
        if (v.isV2()) {
            for (ProfileName n : PROFILES_V2) {
                out.add(new ProfileInformation(n, new ProfileVersion(v.major(), v.minor()), null, null));
            }
        } else if (v.atLeast(KmipVersion.V1_4)) {
            for (ProfileName n : PROFILES_V1_4) {
                out.add(new ProfileInformation(n, null, null, null));
            }
        }
        return out;
    }

    static boolean definedIn(KmipEnum e, KmipVersion v) {
        return e.since() != null && v.atLeast(e.since()) && (e.until() == null || e.until().atLeast(v));
    }
}
