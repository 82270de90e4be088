package io.kmipstack.server.op;

import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.payload.MACVerifyRequestPayload;
import io.kmipstack.codec.payload.MACVerifyResponsePayload;
import io.kmipstack.codec.payload.RequestPayload;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.server.crypto.CorrelationStates;

/**
 * MAC Verify (KMIP 1.4 section 4.34, 2.1 section 6.1.33): Valid or Invalid, compared in constant
 * time; see {@link MacCalls}.
 */
final class MACVerifyHandler implements OperationHandler {

    private final MacCalls calls;

    MACVerifyHandler(CorrelationStates streams) {
        this.calls = new MacCalls(streams, true);
    }

    @Override
    public ResponsePayload handle(RequestContext ctx, RequestPayload request) {
        MACVerifyRequestPayload p = (MACVerifyRequestPayload) request;
        MacCalls.Outcome r = calls.run(ctx, new MacCalls.Call(p.uniqueIdentifier(), p.cryptographicParameters(), p.data(),
                p.macData(), p.correlationValue(), p.initIndicator(), p.finalIndicator()));
        return new MACVerifyResponsePayload(UniqueIdentifier.of(r.uniqueIdentifier()), r.validity(), r.correlationValue());
    }
}
