package io.kmipstack.server.op;

import io.kmipstack.codec.model.AttributeReference;
import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.payload.GetAttributesRequestPayload;
import io.kmipstack.codec.payload.GetAttributesResponsePayload;
import io.kmipstack.codec.payload.RequestPayload;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.server.object.AttributeDef;
import io.kmipstack.server.object.AttributeKey;
import io.kmipstack.server.object.KmipObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Get Attributes (KMIP 1.4 section 4.12, 2.1 section 6.1.20): the named attributes in the order
 * asked (every instance of each; one not set is simply absent), or every attribute when none is
 * named. Destroyed objects still answer: their metadata outlives their material.
 */
final class GetAttributesHandler implements OperationHandler {

    @Override
    public ResponsePayload handle(RequestContext ctx, RequestPayload request) {
        GetAttributesRequestPayload p = (GetAttributesRequestPayload) request;
        KmipObject o = ObjectAccess.loadOnline(ctx, p.uniqueIdentifier());
        List<AttributeKey> asked = requested(ctx, p.attributeNames(), p.attributeReferences());
        List<KmipAttribute> out;
        if (asked.isEmpty()) {
            out = AttributeViews.presented(o.attributes().list(), ctx.version());
        } else {
            out = new ArrayList<>();
            for (AttributeKey key : asked) {
                out.addAll(o.attributes().all(key));
            }
        }
        UniqueIdentifier id = UniqueIdentifier.of(o.uniqueIdentifier());
        return ctx.version().isV2()
                ? new GetAttributesResponsePayload(id, List.of(), AttributeViews.v2(out))
                : new GetAttributesResponsePayload(id, AttributeViews.v1(out), null);
    }

    /**
     * The attributes a request names, in order (1.x names or 2.x references).
     *
     * @throws io.kmipstack.codec.KmipException Invalid Message for a name given twice (1.4 table
     *     339), Invalid Attribute (1.x Invalid Field) for one that is not an attribute of the version
     */
    static List<AttributeKey> requested(RequestContext ctx, List<String> names, List<AttributeReference> references) {
        List<AttributeKey> out = new ArrayList<>();
        Set<AttributeKey> seen = new HashSet<>();
        for (String name : names) {
            AttributeKey key = AttributeKey.ofName(name);
            add(ctx, out, seen, key, name);
        }
        for (AttributeReference ref : references) {
            add(ctx, out, seen, AttributeKey.of(ref), ref.toString());
        }
        return out;
    }

    private static void add(RequestContext ctx, List<AttributeKey> out, Set<AttributeKey> seen, AttributeKey key, String asked) {
        if (key == null) {
            throw Failures.invalidAttribute(ctx, "attribute name: " + asked + " (expected: a standard attribute name, or x-Name)");
        }
        if (!key.isVendor()) {
            AttributeDef def = key.def();
            if (def == null || !def.definedIn(ctx.version())) {
                throw Failures.invalidAttribute(ctx, "attribute " + asked + ": not an attribute in KMIP " + ctx.version());
            }
        }
        if (!seen.add(key)) {
            throw Failures.fail(ResultReason.INVALID_MESSAGE, "attribute " + asked + ": named twice");
        }
        out.add(key);
    }
}
