package io.kmipstack.server.op;

import io.kmipstack.codec.model.KeyBlock;
import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.model.SymmetricKey;
import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.payload.ReKeyRequestPayload;
import io.kmipstack.codec.payload.ReKeyResponsePayload;
import io.kmipstack.codec.payload.RequestPayload;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.codec.registry.LinkType;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.server.object.KmipObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-key (KMIP 1.4 section 4.4, 2.1 section 6.1.46): a new symmetric key replacing an existing
 * one, with the same algorithm and length unless the request says otherwise; see {@link ReKeys}
 * for what the replacement inherits.
 */
final class ReKeyHandler implements OperationHandler {

    @Override
    public ResponsePayload handle(RequestContext ctx, RequestPayload request) {
        ReKeyRequestPayload p = (ReKeyRequestPayload) request;
        KmipObject old = ObjectAccess.loadOnline(ctx, p.uniqueIdentifier());
        if (!ObjectType.SYMMETRIC_KEY.equals(old.objectType())) {
            throw Failures.invalidObjectType(ctx, "object " + old.uniqueIdentifier() + ": " + old.objectType()
                    + " (expected: SymmetricKey; use Re-key Key Pair for key pairs)");
        }
        if (!old.hasContent()) {
            throw Failures.fail(ResultReason.KEY_VALUE_NOT_PRESENT, "object " + old.uniqueIdentifier()
                    + ": no key value (state " + old.state() + ")");
        }
        NewObjects.requireStorage(p.protectionStorageMasks(), ResultReason.PROTECTION_STORAGE_UNAVAILABLE);
        List<KmipAttribute> requested = RequestAttributes.of(ctx, p.templateAttribute(), p.attributes());
        ReKeys.checkOffset(p.offset(), requested);
        List<KmipAttribute> attrs = new ArrayList<>(ReKeys.inherited(ctx, old, p.offset()));
        attrs.add(KmipAttribute.of(Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, old.attributes().integer(Tag.CRYPTOGRAPHIC_ALGORITHM))));
        attrs.add(KmipAttribute.of(Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, old.attributes().integer(Tag.CRYPTOGRAPHIC_LENGTH))));
        attrs = ReKeys.overlay(attrs, requested);

        String id = ctx.store().newUniqueIdentifier();
        ReKeys.retire(ctx, old, id);
        attrs.add(KmipAttribute.of(ReKeys.link(LinkType.REPLACED_OBJECT_LINK, old.uniqueIdentifier())));
        KeyBlock block = CreateHandler.generate(ctx, attrs);
        KmipObject replacement = NewObjects.build(ctx, id, ObjectType.SYMMETRIC_KEY, new SymmetricKey(block), attrs, true);
        ObjectAccess.insert(ctx, replacement);
        ctx.idPlaceholder(id);
        return new ReKeyResponsePayload(UniqueIdentifier.of(id), null);
    }
}
