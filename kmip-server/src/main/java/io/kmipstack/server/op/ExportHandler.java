package io.kmipstack.server.op;

import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.model.ManagedObject;
import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.payload.ExportRequestPayload;
import io.kmipstack.codec.payload.ExportResponsePayload;
import io.kmipstack.codec.payload.RequestPayload;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.server.object.KmipObject;
import java.util.List;

/**
 * Export (KMIP 1.4 section 4.40, 2.1 section 6.1.18; since 1.4): the object as Get serves it,
 * together with all its attributes, so that another server can Import it. The same Sensitive and
 * Extractable rules apply; Fresh is left alone (an export is not a use).
 */
final class ExportHandler implements OperationHandler {

    private final KeyWrapping wrapping;

    ExportHandler(KeyWrapping wrapping) {
        this.wrapping = wrapping;
    }

    @Override
    public ResponsePayload handle(RequestContext ctx, RequestPayload request) {
        ExportRequestPayload p = (ExportRequestPayload) request;
        KmipObject o = ObjectAccess.loadOnline(ctx, p.uniqueIdentifier());
        ManagedObject served = GetHandler.serve(ctx, o, p.keyFormatType(), p.keyWrapType(), p.keyCompressionType(),
                p.keyWrappingSpecification(), wrapping);
        List<KmipAttribute> attrs = AttributeViews.presented(o.attributes().list(), ctx.version());
        UniqueIdentifier id = UniqueIdentifier.of(o.uniqueIdentifier());
        return ctx.version().isV2()
                ? new ExportResponsePayload(o.objectType(), id, List.of(), AttributeViews.v2(attrs), served)
                : new ExportResponsePayload(o.objectType(), id, AttributeViews.v1(attrs), null, served);
    }
}
