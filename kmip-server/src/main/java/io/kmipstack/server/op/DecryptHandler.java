package io.kmipstack.server.op;

import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.payload.DecryptRequestPayload;
import io.kmipstack.codec.payload.DecryptResponsePayload;
import io.kmipstack.codec.payload.RequestPayload;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.server.crypto.CorrelationStates;

/**
 * Decrypt (KMIP 1.4 section 4.30, 2.1 section 6.1.11): {@link CipherCalls} does the work; a
 * Deactivated or Compromised key still decrypts, as the spec allows for processing protected data.
 * A wrong tag or padding answers Cryptographic Failure and no data.
 */
final class DecryptHandler implements OperationHandler {

    private final CipherCalls calls;

    DecryptHandler(CorrelationStates streams) {
        this.calls = new CipherCalls(streams, false);
    }

    @Override
    public ResponsePayload handle(RequestContext ctx, RequestPayload request) {
        DecryptRequestPayload p = (DecryptRequestPayload) request;
        CipherCalls.Outcome r = calls.run(ctx, new CipherCalls.Call(p.uniqueIdentifier(), p.cryptographicParameters(), p.data(),
                p.ivCounterNonce(), p.correlationValue(), p.initIndicator(), p.finalIndicator(),
                p.authenticatedEncryptionAdditionalData(), p.authenticatedEncryptionTag()));
        return new DecryptResponsePayload(UniqueIdentifier.of(r.uniqueIdentifier()), r.data(), r.correlationValue());
    }
}
