package io.kmipstack.server.op;

import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.payload.RecoverRequestPayload;
import io.kmipstack.codec.payload.RecoverResponsePayload;
import io.kmipstack.codec.payload.RequestPayload;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.server.object.KmipObject;

/**
 * Recover (KMIP 1.4 section 4.23, 2.1 section 6.1.42): brings an archived object back on-line
 * (its Archive Date goes). Recovering an on-line object changes nothing.
 */
final class RecoverHandler implements OperationHandler {

    @Override
    public ResponsePayload handle(RequestContext ctx, RequestPayload request) {
        RecoverRequestPayload p = (RecoverRequestPayload) request;
        KmipObject o = ObjectAccess.load(ctx, p.uniqueIdentifier());
        if (ObjectAccess.isArchived(o)) {
            o.attributes().removeAll(Tag.ARCHIVE_DATE);
            ObjectAccess.update(ctx, o);
        }
        return new RecoverResponsePayload(UniqueIdentifier.of(o.uniqueIdentifier()));
    }
}
