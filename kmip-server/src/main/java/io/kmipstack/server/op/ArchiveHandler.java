package io.kmipstack.server.op;

import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.payload.ArchiveRequestPayload;
import io.kmipstack.codec.payload.ArchiveResponsePayload;
import io.kmipstack.codec.payload.RequestPayload;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.server.object.KmipObject;

/**
 * Archive (KMIP 1.4 section 4.22, 2.1 section 6.1.4): moves the object to archival storage,
 * which this server records as the Archive Date. Until Recover, the object answers Object
 * Archived and Locate finds it only when the Storage Status Mask asks for archived objects.
 */
final class ArchiveHandler implements OperationHandler {

    @Override
    public ResponsePayload handle(RequestContext ctx, RequestPayload request) {
        ArchiveRequestPayload p = (ArchiveRequestPayload) request;
        KmipObject o = ObjectAccess.loadOnline(ctx, p.uniqueIdentifier());
        o.attributes().set(Ttlv.dateTime(Tag.ARCHIVE_DATE, ObjectAccess.now(ctx)));
        ObjectAccess.update(ctx, o);
        return new ArchiveResponsePayload(UniqueIdentifier.of(o.uniqueIdentifier()));
    }
}
