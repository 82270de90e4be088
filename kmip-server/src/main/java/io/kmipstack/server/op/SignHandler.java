package io.kmipstack.server.op;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.payload.RequestPayload;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.codec.payload.SignRequestPayload;
import io.kmipstack.codec.payload.SignResponsePayload;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.server.crypto.CorrelationStates;

/**
 * Sign (KMIP 1.4 section 4.31, 2.1 section 6.1.55): a signature with an Active private key that
 * has the Sign usage bit, before its Protect Stop Date, over Data or over Digested Data (since
 * 1.4), in one request or streamed in parts (since 1.3). The scheme is the request's
 * Cryptographic Parameters over the key's ({@link io.kmipstack.server.crypto.Signatures}).
 */
final class SignHandler implements OperationHandler {

    private final CorrelationStates streams;

    SignHandler(CorrelationStates streams) {
        this.streams = streams;
    }

    @Override
    public ResponsePayload handle(RequestContext ctx, RequestPayload request) {
        SignRequestPayload p = (SignRequestPayload) request;
        try {
            SignatureOps.Part part = SignatureOps.part(ctx, streams, Operation.SIGN, p.uniqueIdentifier(),
                    p.cryptographicParameters(), p.data(), p.digestedData(), p.correlationValue(), p.initIndicator(),
                    p.finalIndicator());
            UniqueIdentifier id = UniqueIdentifier.of(part.keyId());
            if (!part.last()) {
                return new SignResponsePayload(id, null, part.correlation());
            }
            return new SignResponsePayload(id, part.engine().sign(), null);
        } catch (KmipException e) {
            throw CryptoReasons.adapt(ctx, e);
        }
    }
}
