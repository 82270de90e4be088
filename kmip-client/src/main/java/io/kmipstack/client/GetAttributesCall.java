package io.kmipstack.client;

import io.kmipstack.codec.model.AttributeReference;
import io.kmipstack.codec.payload.GetAttributesRequestPayload;
import io.kmipstack.codec.payload.GetAttributesResponsePayload;
import io.kmipstack.codec.registry.Operation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Get Attributes (KMIP 1.4 section 4.12, 2.1 section 6.1.20): some or all attributes of an object.
 * Names are the 1.x spec names ({@code "Cryptographic Length"}, {@code "x-owner"}), sent as
 * Attribute Names in 1.x and as Attribute References in 2.x. Read the answer with
 * {@link KmipAttributes#of(GetAttributesResponsePayload)}.
 */
public final class GetAttributesCall<R> extends KmipCall<GetAttributesCall<R>, GetAttributesResponsePayload, R> {

    private String id;
    private final List<String> names = new ArrayList<>();

    GetAttributesCall(ClientCore core, Function<CompletableFuture<GetAttributesResponsePayload>, R> finish) {
        super(core, finish);
    }

    public GetAttributesCall<R> id(String id) {
        this.id = id;
        return this;
    }

    /** Only these attributes; all of them when none is named. */
    public GetAttributesCall<R> names(String... specNames) {
        for (String n : specNames) {
            references(n); // fails early on a name that is neither a spec name nor custom
            names.add(n);
        }
        return this;
    }

    static AttributeReference references(String name) {
        int dash = name.indexOf('-');
        if (dash > 0 && io.kmipstack.codec.registry.Registry.tagBySpecName(name) == null) {
            return AttributeReference.vendor(name.substring(0, dash), name.substring(dash + 1));
        }
        return AttributeReference.of(KmipAttributes.tagOf(name));
    }

    @Override
    public KmipRequest<GetAttributesResponsePayload> request() {
        var uid = Ids.of(id);
        List<String> ns = List.copyOf(names);
        List<AttributeReference> refs = ns.stream().map(GetAttributesCall::references).toList();
        return new KmipRequest<>(Operation.GET_ATTRIBUTES,
                v -> v.isV2() ? new GetAttributesRequestPayload(uid, List.of(), refs) : new GetAttributesRequestPayload(uid, ns, List.of()),
                GetAttributesResponsePayload.class, true);
    }
}
