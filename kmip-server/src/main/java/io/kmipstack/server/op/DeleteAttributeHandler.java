package io.kmipstack.server.op;

import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.payload.DeleteAttributeRequestPayload;
import io.kmipstack.codec.payload.DeleteAttributeResponsePayload;
import io.kmipstack.codec.payload.RequestPayload;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.server.object.AttributeKey;
import io.kmipstack.server.object.KmipObject;
import java.util.List;

/**
 * Delete Attribute (KMIP 1.4 section 4.16, 2.1 section 6.1.13). 1.x deletes the instance with
 * the given Attribute Index (0 when absent) and answers with it; 2.x deletes the instance equal
 * to the Current Attribute, or every instance of the referenced attribute. Attributes that must
 * always have a value, and read-only ones, are refused.
 */
final class DeleteAttributeHandler implements OperationHandler {

    @Override
    public ResponsePayload handle(RequestContext ctx, RequestPayload request) {
        DeleteAttributeRequestPayload p = (DeleteAttributeRequestPayload) request;
        KmipObject o = ObjectAccess.loadOnline(ctx, p.uniqueIdentifier());
        UniqueIdentifier id = UniqueIdentifier.of(o.uniqueIdentifier());
        if (ctx.version().isV2()) {
            if (p.currentAttribute() != null) {
                KmipAttribute current = AttributeEdits.single(ctx, p.currentAttribute().items(), "current attribute");
                AttributeKey key = AttributeKey.of(current);
                AttributeEdits.requireDeletable(ctx, o, key);
                if (!o.attributes().has(key)) {
                    throw Failures.attributeNotFound(ctx, key.specName(), false);
                }
                KmipAttribute instance = o.attributes().instance(key, current.item());
                if (instance == null) {
                    throw Failures.instanceNotFound(ctx, key.specName(), "with the Current Attribute's value");
                }
                o.attributes().remove(instance);
            } else if (p.attributeReference() != null) {
                AttributeKey key = AttributeKey.of(p.attributeReference());
                AttributeEdits.requireDeletable(ctx, o, key);
                if (o.attributes().removeAll(key) < 0) {
                    throw Failures.attributeNotFound(ctx, key.specName(), false);
                }
            } else {
                throw Failures.invalidField("delete attribute: neither Current Attribute nor Attribute Reference");
            }
            ObjectAccess.update(ctx, o);
            return new DeleteAttributeResponsePayload(id, null);
        }
        if (p.attributeName() == null) {
            throw Failures.invalidField("delete attribute: no Attribute Name");
        }
        AttributeKey key = AttributeKey.ofName(p.attributeName());
        if (key == null) {
            throw Failures.invalidAttribute(ctx, "attribute name: " + p.attributeName() + " (expected: a standard attribute name, or x-Name)");
        }
        AttributeEdits.requireDeletable(ctx, o, key);
        List<KmipAttribute> have = o.attributes().all(key);
        if (have.isEmpty()) {
            throw Failures.attributeNotFound(ctx, key.specName(), false);
        }
        int index = p.attributeIndex() == null ? 0 : p.attributeIndex();
        KmipAttribute instance = o.attributes().instance(key, index);
        if (instance == null) {
            throw Failures.instanceNotFound(ctx, key.specName(), "with index " + index);
        }
        o.attributes().remove(instance);
        ObjectAccess.update(ctx, o);
        return new DeleteAttributeResponsePayload(id, AttributeViews.v1(instance));
    }
}
