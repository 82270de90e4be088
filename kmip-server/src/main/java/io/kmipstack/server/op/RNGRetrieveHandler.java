package io.kmipstack.server.op;

import io.kmipstack.codec.payload.RNGRetrieveRequestPayload;
import io.kmipstack.codec.payload.RNGRetrieveResponsePayload;
import io.kmipstack.codec.payload.RequestPayload;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.server.crypto.Rngs;

/** RNG Retrieve (KMIP 1.4 section 4.35, 2.1 section 6.1.49): Data Length bytes from the server's DRBG ({@link Rngs}). */
final class RNGRetrieveHandler implements OperationHandler {

    @Override
    public ResponsePayload handle(RequestContext ctx, RequestPayload request) {
        RNGRetrieveRequestPayload p = (RNGRetrieveRequestPayload) request;
        return new RNGRetrieveResponsePayload(Bytes.wrap(Rngs.retrieve(p.dataLength(), ctx.version())));
    }
}
