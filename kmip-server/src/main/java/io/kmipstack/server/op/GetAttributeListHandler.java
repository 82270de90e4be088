package io.kmipstack.server.op;

import io.kmipstack.codec.model.AttributeReference;
import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.payload.GetAttributeListRequestPayload;
import io.kmipstack.codec.payload.GetAttributeListResponsePayload;
import io.kmipstack.codec.payload.RequestPayload;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.server.object.AttributeKey;
import io.kmipstack.server.object.KmipObject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Get Attribute List (KMIP 1.4 section 4.13, 2.1 section 6.1.21): the names (1.x) or references
 * (2.x) of the attributes the object has, each once.
 */
final class GetAttributeListHandler implements OperationHandler {

    @Override
    public ResponsePayload handle(RequestContext ctx, RequestPayload request) {
        GetAttributeListRequestPayload p = (GetAttributeListRequestPayload) request;
        KmipObject o = ObjectAccess.loadOnline(ctx, p.uniqueIdentifier());
        Set<AttributeKey> keys = new LinkedHashSet<>();
        for (KmipAttribute a : AttributeViews.presented(o.attributes().list(), ctx.version())) {
            keys.add(AttributeKey.of(a));
        }
        UniqueIdentifier id = UniqueIdentifier.of(o.uniqueIdentifier());
        if (ctx.version().isV2()) {
            List<AttributeReference> refs = new ArrayList<>(keys.size());
            for (AttributeKey k : keys) {
                refs.add(k.reference());
            }
            return new GetAttributeListResponsePayload(id, List.of(), refs);
        }
        List<String> names = new ArrayList<>(keys.size());
        for (AttributeKey k : keys) {
            names.add(k.specName());
        }
        return new GetAttributeListResponsePayload(id, names, List.of());
    }
}
