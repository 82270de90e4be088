package io.kmipstack.server.op;

import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.payload.DestroyRequestPayload;
import io.kmipstack.codec.payload.DestroyResponsePayload;
import io.kmipstack.codec.payload.RequestPayload;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.codec.registry.State;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.server.object.KmipObject;
import io.kmipstack.server.object.Lifecycle;

/**
 * Destroy (KMIP 1.4 section 4.21, 2.1 section 6.1.15): removes the content and keeps the
 * metadata. Permitted from Pre-Active and Deactivated (to Destroyed) and from Compromised (to
 * Destroyed Compromised); an Active object must be revoked first (1.4 table 348: Permission
 * Denied; 2.x Wrong Key Lifecycle State). A 1.x Template, which has no lifecycle, is removed
 * altogether.
 */
final class DestroyHandler implements OperationHandler {

    @Override
    public ResponsePayload handle(RequestContext ctx, RequestPayload request) {
        DestroyRequestPayload p = (DestroyRequestPayload) request;
        KmipObject o = ObjectAccess.loadOnline(ctx, p.uniqueIdentifier());
        State state = o.state();
        UniqueIdentifier id = UniqueIdentifier.of(o.uniqueIdentifier());
        if (state == null) {
            ctx.store().delete(o.uniqueIdentifier());
            return new DestroyResponsePayload(id);
        }
        if (Lifecycle.isDestroyed(state)) {
            throw Failures.alreadyDestroyed(ctx, o.uniqueIdentifier(), state);
        }
        State next = Lifecycle.afterDestroy(state);
        if (next == null) {
            throw Failures.wrongState(ctx, o.uniqueIdentifier(), state, "PreActive, Deactivated or Compromised");
        }
        o.content(null);
        o.attributes().set(Ttlv.enumeration(Tag.STATE, next.value()));
        o.attributes().set(Ttlv.dateTime(Tag.DESTROY_DATE, ObjectAccess.now(ctx)));
        ObjectAccess.update(ctx, o);
        return new DestroyResponsePayload(id);
    }
}
