package io.kmipstack.server.op;

import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.payload.RequestPayload;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.codec.payload.SetAttributeRequestPayload;
import io.kmipstack.codec.payload.SetAttributeResponsePayload;
import io.kmipstack.server.object.AttributeKey;
import io.kmipstack.server.object.KmipObject;
import java.util.List;

/**
 * Set Attribute (KMIP 2.1 section 6.1.51; since 2.0): adds the attribute when the object has
 * none, replaces it when it has one instance, and refuses when it has several (Multi Valued
 * Attribute: which one is meant cannot be told).
 */
final class SetAttributeHandler implements OperationHandler {

    @Override
    public ResponsePayload handle(RequestContext ctx, RequestPayload request) {
        SetAttributeRequestPayload p = (SetAttributeRequestPayload) request;
        KmipObject o = ObjectAccess.loadOnline(ctx, p.uniqueIdentifier());
        KmipAttribute a = AttributeEdits.single(ctx, p.newAttribute().items(), "new attribute");
        AttributeKey key = AttributeKey.of(a);
        AttributeEdits.requireChangeable(ctx, o, key);
        List<KmipAttribute> have = o.attributes().all(key);
        if (have.size() > 1) {
            throw Failures.multiValued(ctx, key.specName(), have.size());
        }
        AttributeEdits.requireNewName(ctx, o, a, have.isEmpty() ? null : have.get(0));
        if (have.isEmpty()) {
            o.attributes().add(a.item());
        } else {
            o.attributes().replace(have.get(0), a.item());
        }
        AttributeEdits.afterChange(ctx, o, key);
        ObjectAccess.update(ctx, o);
        return new SetAttributeResponsePayload(UniqueIdentifier.of(o.uniqueIdentifier()));
    }
}
