package io.kmipstack.server.op;

import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.payload.ActivateRequestPayload;
import io.kmipstack.codec.payload.ActivateResponsePayload;
import io.kmipstack.codec.payload.RequestPayload;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.codec.registry.State;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.server.object.KmipObject;
import io.kmipstack.server.object.Lifecycle;

/**
 * Activate (KMIP 1.4 section 4.19, 2.1 section 6.1.1): Pre-Active to Active, with the Activation
 * Date set to the request time. Any other state is refused (Wrong Key Lifecycle State; 1.x
 * Permission Denied), as are objects without a lifecycle (1.x Templates).
 */
final class ActivateHandler implements OperationHandler {

    @Override
    public ResponsePayload handle(RequestContext ctx, RequestPayload request) {
        ActivateRequestPayload p = (ActivateRequestPayload) request;
        KmipObject o = ObjectAccess.loadOnline(ctx, p.uniqueIdentifier());
        State state = o.state();
        if (state == null) {
            throw Failures.invalidObjectType(ctx, "object " + o.uniqueIdentifier() + ": a " + o.objectType()
                    + " has no lifecycle (expected: a cryptographic object)");
        }
        if (!State.PRE_ACTIVE.equals(state)) {
            throw Failures.wrongState(ctx, o.uniqueIdentifier(), state, "PreActive");
        }
        o.attributes().set(Ttlv.dateTime(Tag.ACTIVATION_DATE, ObjectAccess.now(ctx)));
        Lifecycle.advance(o.attributes(), ObjectAccess.now(ctx));
        ObjectAccess.update(ctx, o);
        return new ActivateResponsePayload(UniqueIdentifier.of(o.uniqueIdentifier()));
    }
}
