package io.kmipstack.client;

import io.kmipstack.codec.model.CurrentAttribute;
import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.model.NewAttribute;
import io.kmipstack.codec.model.ProtocolVersion;
import io.kmipstack.codec.model.RevocationReason;
import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.payload.ActivateRequestPayload;
import io.kmipstack.codec.payload.ActivateResponsePayload;
import io.kmipstack.codec.payload.AddAttributeRequestPayload;
import io.kmipstack.codec.payload.AddAttributeResponsePayload;
import io.kmipstack.codec.payload.ArchiveRequestPayload;
import io.kmipstack.codec.payload.ArchiveResponsePayload;
import io.kmipstack.codec.payload.DeleteAttributeRequestPayload;
import io.kmipstack.codec.payload.DeleteAttributeResponsePayload;
import io.kmipstack.codec.payload.DestroyRequestPayload;
import io.kmipstack.codec.payload.DestroyResponsePayload;
import io.kmipstack.codec.payload.DiscoverVersionsRequestPayload;
import io.kmipstack.codec.payload.DiscoverVersionsResponsePayload;
import io.kmipstack.codec.payload.GetAttributeListRequestPayload;
import io.kmipstack.codec.payload.GetAttributeListResponsePayload;
import io.kmipstack.codec.payload.LogRequestPayload;
import io.kmipstack.codec.payload.LogResponsePayload;
import io.kmipstack.codec.payload.ModifyAttributeRequestPayload;
import io.kmipstack.codec.payload.ModifyAttributeResponsePayload;
import io.kmipstack.codec.payload.QueryRequestPayload;
import io.kmipstack.codec.payload.QueryResponsePayload;
import io.kmipstack.codec.payload.RNGRetrieveRequestPayload;
import io.kmipstack.codec.payload.RNGRetrieveResponsePayload;
import io.kmipstack.codec.payload.RecoverRequestPayload;
import io.kmipstack.codec.payload.RecoverResponsePayload;
import io.kmipstack.codec.payload.RevokeRequestPayload;
import io.kmipstack.codec.payload.RevokeResponsePayload;
import io.kmipstack.codec.payload.SetAttributeRequestPayload;
import io.kmipstack.codec.payload.SetAttributeResponsePayload;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.QueryFunction;
import io.kmipstack.codec.registry.RevocationReasonCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Requests for the operations that need no builder: they take an identifier and at most one
 * value. The views' methods of the same names send them; a batch takes them as items, e.g.
 * {@code batch().add(KmipRequests.activate(id)).add(KmipRequests.getAttributeList(id))}.
 * Attribute changes are written per version: a 1.x Attribute (named, with its index), or a 2.x
 * New Attribute / Current Attribute / Attribute Reference.
 */
public final class KmipRequests {

    private KmipRequests() {
    }

    /** Activate (KMIP 1.4 section 4.19, 2.1 section 6.1.1). */
    public static KmipRequest<ActivateResponsePayload> activate(String id) {
        ActivateRequestPayload p = new ActivateRequestPayload(Ids.of(id));
        return new KmipRequest<>(Operation.ACTIVATE, v -> p, ActivateResponsePayload.class, false);
    }

    /** Destroy (KMIP 1.4 section 4.21, 2.1 section 6.1.15). */
    public static KmipRequest<DestroyResponsePayload> destroy(String id) {
        DestroyRequestPayload p = new DestroyRequestPayload(Ids.of(id));
        return new KmipRequest<>(Operation.DESTROY, v -> p, DestroyResponsePayload.class, false);
    }

    /** Archive (KMIP 1.4 section 4.22, 2.1 section 6.1.4). */
    public static KmipRequest<ArchiveResponsePayload> archive(String id) {
        ArchiveRequestPayload p = new ArchiveRequestPayload(Ids.of(id));
        return new KmipRequest<>(Operation.ARCHIVE, v -> p, ArchiveResponsePayload.class, false);
    }

    /** Recover (KMIP 1.4 section 4.23, 2.1 section 6.1.42). */
    public static KmipRequest<RecoverResponsePayload> recover(String id) {
        RecoverRequestPayload p = new RecoverRequestPayload(Ids.of(id));
        return new KmipRequest<>(Operation.RECOVER, v -> p, RecoverResponsePayload.class, false);
    }

    /** Revoke with a reason code (KMIP 1.4 section 4.20); {@link RevokeCall} takes a message and compromise date too. */
    public static KmipRequest<RevokeResponsePayload> revoke(String id, RevocationReasonCode reason) {
        RevokeRequestPayload p = new RevokeRequestPayload(Ids.of(id), RevocationReason.of(reason), null);
        return new KmipRequest<>(Operation.REVOKE, v -> p, RevokeResponsePayload.class, false);
    }

    /** Get Attribute List (KMIP 1.4 section 4.13, 2.1 section 6.1.21): the names of an object's attributes. */
    public static KmipRequest<GetAttributeListResponsePayload> getAttributeList(String id) {
        GetAttributeListRequestPayload p = new GetAttributeListRequestPayload(Ids.of(id));
        return new KmipRequest<>(Operation.GET_ATTRIBUTE_LIST, v -> p, GetAttributeListResponsePayload.class, true);
    }

    /** Add Attribute (KMIP 1.4 section 4.14, 2.1 section 6.1.2): one more value. */
    public static KmipRequest<AddAttributeResponsePayload> addAttribute(String id, KmipAttribute attribute) {
        Objects.requireNonNull(attribute, "attribute");
        UniqueIdentifier uid = Ids.of(id);
        return new KmipRequest<>(Operation.ADD_ATTRIBUTE, v -> v.isV2()
                ? new AddAttributeRequestPayload(uid, null, new NewAttribute(List.of(attribute.item())))
                : new AddAttributeRequestPayload(uid, attribute.toAttribute(), null),
                AddAttributeResponsePayload.class, false);
    }

    /** Set Attribute (KMIP 2.1 section 6.1.51; 2.0 and later): sets a single-valued attribute. */
    public static KmipRequest<SetAttributeResponsePayload> setAttribute(String id, KmipAttribute attribute) {
        Objects.requireNonNull(attribute, "attribute");
        SetAttributeRequestPayload p = new SetAttributeRequestPayload(Ids.of(id), new NewAttribute(List.of(attribute.item())));
        return new KmipRequest<>(Operation.SET_ATTRIBUTE, v -> p, SetAttributeResponsePayload.class, false);
    }

    /**
     * Modify Attribute (KMIP 1.4 section 4.15, 2.1 section 6.1.34): replaces the value of the
     * attribute named like {@code newValue} (in 1.x, the instance its index names; the first when
     * it has none).
     */
    public static KmipRequest<ModifyAttributeResponsePayload> modifyAttribute(String id, KmipAttribute newValue) {
        return modifyAttribute(id, null, newValue);
    }

    /** Modify Attribute, replacing the instance equal to {@code current} (2.x) with {@code newValue}. */
    public static KmipRequest<ModifyAttributeResponsePayload> modifyAttribute(String id, KmipAttribute current, KmipAttribute newValue) {
        Objects.requireNonNull(newValue, "newValue");
        UniqueIdentifier uid = Ids.of(id);
        return new KmipRequest<>(Operation.MODIFY_ATTRIBUTE, v -> v.isV2()
                ? new ModifyAttributeRequestPayload(uid, null, current == null ? null : new CurrentAttribute(List.of(current.item())),
                        new NewAttribute(List.of(newValue.item())))
                : new ModifyAttributeRequestPayload(uid, newValue.toAttribute(), null, null),
                ModifyAttributeResponsePayload.class, false);
    }

    /** Delete Attribute (KMIP 1.4 section 4.16, 2.1 section 6.1.13): every instance named {@code name} in 2.x, the first in 1.x. */
    public static KmipRequest<DeleteAttributeResponsePayload> deleteAttribute(String id, String name) {
        Objects.requireNonNull(name, "name");
        UniqueIdentifier uid = Ids.of(id);
        var reference = GetAttributesCall.references(name);
        return new KmipRequest<>(Operation.DELETE_ATTRIBUTE, v -> v.isV2()
                ? new DeleteAttributeRequestPayload(uid, null, null, null, reference)
                : new DeleteAttributeRequestPayload(uid, name, null, null, null),
                DeleteAttributeResponsePayload.class, false);
    }

    /** Delete Attribute: the instance equal to {@code current} (2.x), or at its index (1.x). */
    public static KmipRequest<DeleteAttributeResponsePayload> deleteAttribute(String id, KmipAttribute current) {
        Objects.requireNonNull(current, "current");
        UniqueIdentifier uid = Ids.of(id);
        return new KmipRequest<>(Operation.DELETE_ATTRIBUTE, v -> v.isV2()
                ? new DeleteAttributeRequestPayload(uid, null, null, new CurrentAttribute(List.of(current.item())), null)
                : new DeleteAttributeRequestPayload(uid, current.name(), current.index(), null, null),
                DeleteAttributeResponsePayload.class, false);
    }

    /** Query (KMIP 1.4 section 4.25, 2.1 section 6.1.40), e.g. {@code query(QUERY_OPERATIONS, QUERY_OBJECTS)}. */
    public static KmipRequest<QueryResponsePayload> query(QueryFunction... functions) {
        if (functions.length == 0) {
            throw new IllegalArgumentException("query functions: none (expected: at least one, e.g. QUERY_OPERATIONS)");
        }
        QueryRequestPayload p = new QueryRequestPayload(List.of(functions), null);
        return new KmipRequest<>(Operation.QUERY, v -> p, QueryResponsePayload.class, true);
    }

    /**
     * Discover Versions (KMIP 1.4 section 4.26, 2.1 section 6.1.16; 1.1 and later): which of
     * {@code versions} the server supports; all it supports when none is given.
     */
    public static KmipRequest<DiscoverVersionsResponsePayload> discoverVersions(KmipVersion... versions) {
        List<ProtocolVersion> list = new ArrayList<>();
        for (KmipVersion v : versions) {
            list.add(new ProtocolVersion(v.major(), v.minor()));
        }
        DiscoverVersionsRequestPayload p = new DiscoverVersionsRequestPayload(list);
        return new KmipRequest<>(Operation.DISCOVER_VERSIONS, v -> p, DiscoverVersionsResponsePayload.class, true);
    }

    /** RNG Retrieve (KMIP 1.4 section 4.35, 2.1 section 6.1.49; 1.2 and later): {@code length} random bytes. */
    public static KmipRequest<RNGRetrieveResponsePayload> rngRetrieve(int length) {
        if (length < 1) {
            throw new IllegalArgumentException("data length: " + length + " (expected: >= 1)");
        }
        RNGRetrieveRequestPayload p = new RNGRetrieveRequestPayload(length);
        return new KmipRequest<>(Operation.RNG_RETRIEVE, v -> p, RNGRetrieveResponsePayload.class, true);
    }

    /** Log (KMIP 2.1 section 6.1.29; 2.0 and later): a message for the server's log. */
    public static KmipRequest<LogResponsePayload> log(String message) {
        LogRequestPayload p = new LogRequestPayload(Objects.requireNonNull(message, "message"));
        return new KmipRequest<>(Operation.LOG, v -> p, LogResponsePayload.class, false);
    }
}
