package io.kmipstack.server.op;

import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.payload.MACRequestPayload;
import io.kmipstack.codec.payload.MACResponsePayload;
import io.kmipstack.codec.payload.RequestPayload;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.server.crypto.CorrelationStates;

/** MAC (KMIP 1.4 section 4.33, 2.1 section 6.1.32): HMAC or CMAC over the data; see {@link MacCalls}. */
final class MACHandler implements OperationHandler {

    private final MacCalls calls;

    MACHandler(CorrelationStates streams) {
        this.calls = new MacCalls(streams, false);
    }

    @Override
    public ResponsePayload handle(RequestContext ctx, RequestPayload request) {
        MACRequestPayload p = (MACRequestPayload) request;
        MacCalls.Outcome r = calls.run(ctx, new MacCalls.Call(p.uniqueIdentifier(), p.cryptographicParameters(), p.data(), null,
                p.correlationValue(), p.initIndicator(), p.finalIndicator()));
        return new MACResponsePayload(UniqueIdentifier.of(r.uniqueIdentifier()), r.mac(), r.correlationValue());
    }
}
