package io.kmipstack.client;

import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.payload.LocateRequestPayload;
import io.kmipstack.codec.payload.LocateResponsePayload;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.ObjectGroupMember;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.State;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Locate (KMIP 1.4 section 4.9, 2.1 section 6.1.28): the identifiers of the objects matching every
 * given attribute, e.g. {@code locate().name("k1").objectType(SYMMETRIC_KEY).execute()}, paged
 * with Maximum Items and Offset Items (1.3 and later).
 */
public final class LocateCall<R> extends KmipCall<LocateCall<R>, LocateResponsePayload, R> {

    private final AttributeList filters = new AttributeList();
    private Integer maximumItems;
    private Integer offsetItems;
    private Integer storageStatusMask;
    private ObjectGroupMember objectGroupMember;

    LocateCall(ClientCore core, Function<CompletableFuture<LocateResponsePayload>, R> finish) {
        super(core, finish);
    }

    public LocateCall<R> name(String name) {
        filters.add(KmipAttributes.name(name));
        return this;
    }

    public LocateCall<R> objectType(ObjectType type) {
        filters.set(KmipAttributes.objectType(type));
        return this;
    }

    public LocateCall<R> algorithm(CryptographicAlgorithm algorithm) {
        filters.set(KmipAttributes.cryptographicAlgorithm(algorithm));
        return this;
    }

    public LocateCall<R> length(int bits) {
        filters.set(KmipAttributes.cryptographicLength(bits));
        return this;
    }

    public LocateCall<R> state(State state) {
        filters.set(KmipAttributes.state(state));
        return this;
    }

    /** Any attribute the objects must have. */
    public LocateCall<R> attribute(KmipAttribute attribute) {
        filters.add(attribute);
        return this;
    }

    public LocateCall<R> maximumItems(int n) {
        this.maximumItems = n;
        return this;
    }

    /** Skips the first {@code n} matches (KMIP 1.3 and later). */
    public LocateCall<R> offsetItems(int n) {
        this.offsetItems = n;
        return this;
    }

    /** Storage Status Mask bits ({@code io.kmipstack.codec.registry.StorageStatusMask}). */
    public LocateCall<R> storageStatusMask(int mask) {
        this.storageStatusMask = mask;
        return this;
    }

    public LocateCall<R> objectGroupMember(ObjectGroupMember member) {
        this.objectGroupMember = member;
        return this;
    }

    @Override
    public KmipRequest<LocateResponsePayload> request() {
        List<KmipAttribute> attrs = filters.items();
        AttributeList copy = new AttributeList();
        attrs.forEach(copy::add);
        Integer max = maximumItems;
        Integer offset = offsetItems;
        Integer storage = storageStatusMask;
        ObjectGroupMember member = objectGroupMember;
        return new KmipRequest<>(Operation.LOCATE, v -> new LocateRequestPayload(max, offset, storage, member,
                v.isV2() ? List.of() : KmipAttribute.toAttributeList(attrs), copy.attributes(v, true)),
                LocateResponsePayload.class, true);
    }
}
