package io.kmipstack.server.op;

import io.kmipstack.codec.payload.PingResponsePayload;
import io.kmipstack.codec.payload.RequestPayload;
import io.kmipstack.codec.payload.ResponsePayload;

/** Ping (KMIP 2.1 section 6.1.36; since 2.1): answers, to show the server is there. */
final class PingHandler implements OperationHandler {

    @Override
    public ResponsePayload handle(RequestContext ctx, RequestPayload request) {
        return new PingResponsePayload();
    }
}
