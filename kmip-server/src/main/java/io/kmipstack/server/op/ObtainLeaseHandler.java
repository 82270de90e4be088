package io.kmipstack.server.op;

import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.payload.ObtainLeaseRequestPayload;
import io.kmipstack.codec.payload.ObtainLeaseResponsePayload;
import io.kmipstack.codec.payload.RequestPayload;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.codec.registry.State;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.server.object.KmipObject;
import java.time.Instant;

/**
 * Obtain Lease (KMIP 1.4 section 4.17, 2.1 section 6.1.35): a new lease of the object's Lease
 * Time for an Active object, with the Last Change Date so the client can tell whether its cached
 * attributes are current. Objects in other states may not be used, so they get no lease
 * (Permission Denied; 2.x Wrong Key Lifecycle State).
 */
final class ObtainLeaseHandler implements OperationHandler {

    @Override
    public ResponsePayload handle(RequestContext ctx, RequestPayload request) {
        ObtainLeaseRequestPayload p = (ObtainLeaseRequestPayload) request;
        KmipObject o = ObjectAccess.loadOnline(ctx, p.uniqueIdentifier());
        if (!State.ACTIVE.equals(o.state())) {
            throw Failures.wrongState(ctx, o.uniqueIdentifier(), o.state(), "Active");
        }
        long lease = o.attributes().value(Tag.LEASE_TIME) != null ? o.attributes().value(Tag.LEASE_TIME).longValue()
                : NewObjects.LEASE_SECONDS;
        Instant changed = o.attributes().date(Tag.LAST_CHANGE_DATE);
        return new ObtainLeaseResponsePayload(UniqueIdentifier.of(o.uniqueIdentifier()), lease,
                changed != null ? changed : ObjectAccess.now(ctx));
    }
}
