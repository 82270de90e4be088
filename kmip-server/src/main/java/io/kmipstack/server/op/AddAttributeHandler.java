package io.kmipstack.server.op;

import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.payload.AddAttributeRequestPayload;
import io.kmipstack.codec.payload.AddAttributeResponsePayload;
import io.kmipstack.codec.payload.RequestPayload;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.server.object.AttributeKey;
import io.kmipstack.server.object.KmipObject;

/**
 * Add Attribute (KMIP 1.4 section 4.14, 2.1 section 6.1.2): a new instance of an attribute. A
 * single-valued attribute that already has its value is refused (Attribute Single Valued; 1.x
 * Illegal Operation), as is a read-only one. 1.x answers with the added Attribute and its new
 * index.
 */
final class AddAttributeHandler implements OperationHandler {

    @Override
    public ResponsePayload handle(RequestContext ctx, RequestPayload request) {
        AddAttributeRequestPayload p = (AddAttributeRequestPayload) request;
        KmipObject o = ObjectAccess.loadOnline(ctx, p.uniqueIdentifier());
        KmipAttribute a;
        if (ctx.version().isV2()) {
            if (p.newAttribute() == null) {
                throw Failures.invalidField("add attribute: no New Attribute");
            }
            a = AttributeEdits.single(ctx, p.newAttribute().items(), "new attribute");
        } else {
            if (p.attribute() == null) {
                throw Failures.invalidField("add attribute: no Attribute");
            }
            if (p.attribute().attributeIndex() != null) {
                throw Failures.invalidField("attribute " + p.attribute().attributeName()
                        + ": Attribute Index given (expected: none; the server assigns it)");
            }
            a = RequestAttributes.of(ctx, p.attribute());
        }
        AttributeKey key = AttributeKey.of(a);
        AttributeEdits.requireChangeable(ctx, o, key);
        if (!AttributeEdits.multiValued(key) && o.attributes().has(key)) {
            throw Failures.singleValued(ctx, key.specName());
        }
        AttributeEdits.requireNewName(ctx, o, a, null);
        KmipAttribute added = o.attributes().add(a.item());
        AttributeEdits.afterChange(ctx, o, key);
        ObjectAccess.update(ctx, o);
        UniqueIdentifier id = UniqueIdentifier.of(o.uniqueIdentifier());
        return new AddAttributeResponsePayload(id, ctx.version().isV2() ? null : AttributeViews.v1(added));
    }
}
