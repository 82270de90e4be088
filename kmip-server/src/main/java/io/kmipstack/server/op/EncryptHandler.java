package io.kmipstack.server.op;

import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.payload.EncryptRequestPayload;
import io.kmipstack.codec.payload.EncryptResponsePayload;
import io.kmipstack.codec.payload.RequestPayload;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.server.crypto.CorrelationStates;

/**
 * Encrypt (KMIP 1.4 section 4.29, 2.1 section 6.1.17): {@link CipherCalls} does the work; the
 * answer carries the ciphertext, the IV when the server chose it, the Correlation Value while a
 * stream is open and the tag at the end of an authenticated encryption.
 */
final class EncryptHandler implements OperationHandler {

    private final CipherCalls calls;

    EncryptHandler(CorrelationStates streams) {
        this.calls = new CipherCalls(streams, true);
    }

    @Override
    public ResponsePayload handle(RequestContext ctx, RequestPayload request) {
        EncryptRequestPayload p = (EncryptRequestPayload) request;
        CipherCalls.Outcome r = calls.run(ctx, new CipherCalls.Call(p.uniqueIdentifier(), p.cryptographicParameters(), p.data(),
                p.ivCounterNonce(), p.correlationValue(), p.initIndicator(), p.finalIndicator(),
                p.authenticatedEncryptionAdditionalData(), null));
        return new EncryptResponsePayload(UniqueIdentifier.of(r.uniqueIdentifier()), r.data(), r.generatedIv(), r.correlationValue(),
                r.tag());
    }
}
