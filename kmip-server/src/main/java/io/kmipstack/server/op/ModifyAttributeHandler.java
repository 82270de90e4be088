package io.kmipstack.server.op;

import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.payload.ModifyAttributeRequestPayload;
import io.kmipstack.codec.payload.ModifyAttributeResponsePayload;
import io.kmipstack.codec.payload.RequestPayload;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.server.object.AttributeKey;
import io.kmipstack.server.object.KmipObject;
import java.util.List;

/**
 * Modify Attribute (KMIP 1.4 section 4.15, 2.1 section 6.1.34): a new value for an existing
 * instance. 1.x names the instance by Attribute Index (0 when absent); 2.x by the Current
 * Attribute value, or not at all when the attribute has a single instance. The index of the
 * modified instance does not change.
 */
final class ModifyAttributeHandler implements OperationHandler {

    @Override
    public ResponsePayload handle(RequestContext ctx, RequestPayload request) {
        ModifyAttributeRequestPayload p = (ModifyAttributeRequestPayload) request;
        KmipObject o = ObjectAccess.loadOnline(ctx, p.uniqueIdentifier());
        KmipAttribute a;
        KmipAttribute instance;
        if (ctx.version().isV2()) {
            if (p.newAttribute() == null) {
                throw Failures.invalidField("modify attribute: no New Attribute");
            }
            a = AttributeEdits.single(ctx, p.newAttribute().items(), "new attribute");
            AttributeKey key = AttributeKey.of(a);
            AttributeEdits.requireChangeable(ctx, o, key);
            List<KmipAttribute> have = o.attributes().all(key);
            if (have.isEmpty()) {
                throw Failures.attributeNotFound(ctx, key.specName(), true);
            }
            if (p.currentAttribute() != null) {
                KmipAttribute current = AttributeEdits.single(ctx, p.currentAttribute().items(), "current attribute");
                if (!AttributeKey.of(current).equals(key)) {
                    throw Failures.invalidField("current attribute " + AttributeKey.of(current) + ": not the attribute "
                            + key + " of the New Attribute");
                }
                instance = o.attributes().instance(key, current.item());
                if (instance == null) {
                    throw Failures.instanceNotFound(ctx, key.specName(), "with the Current Attribute's value");
                }
            } else if (have.size() > 1) {
                throw Failures.multiValued(ctx, key.specName(), have.size());
            } else {
                instance = have.get(0);
            }
        } else {
            if (p.attribute() == null) {
                throw Failures.invalidField("modify attribute: no Attribute");
            }
            a = RequestAttributes.of(ctx, p.attribute());
            AttributeKey key = AttributeKey.of(a);
            AttributeEdits.requireChangeable(ctx, o, key);
            int index = p.attribute().attributeIndex() == null ? 0 : p.attribute().attributeIndex();
            if (!o.attributes().has(key)) {
                throw Failures.attributeNotFound(ctx, key.specName(), true);
            }
            instance = o.attributes().instance(key, index);
            if (instance == null) {
                throw Failures.instanceNotFound(ctx, key.specName(), "with index " + index);
            }
        }
        AttributeKey key = AttributeKey.of(a);
        AttributeEdits.requireNewName(ctx, o, a, instance);
        KmipAttribute modified = o.attributes().replace(instance, a.item());
        AttributeEdits.afterChange(ctx, o, key);
        ObjectAccess.update(ctx, o);
        UniqueIdentifier id = UniqueIdentifier.of(o.uniqueIdentifier());
        return new ModifyAttributeResponsePayload(id, ctx.version().isV2() ? null : AttributeViews.v1(modified));
    }
}
