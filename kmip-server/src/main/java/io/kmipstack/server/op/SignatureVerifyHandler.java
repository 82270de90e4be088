package io.kmipstack.server.op;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.payload.RequestPayload;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.codec.payload.SignatureVerifyRequestPayload;
import io.kmipstack.codec.payload.SignatureVerifyResponsePayload;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.ValidityIndicator;
import io.kmipstack.server.crypto.CorrelationStates;

/**
 * Signature Verify (KMIP 1.4 section 4.32, 2.1 section 6.1.56): checks a signature with a public
 * key or certificate that has the Verify usage bit, Active, Deactivated or Compromised (processing
 * protected data is allowed after protection has stopped), from its Process Start Date. A
 * signature that does not verify, or does not even parse, is a successful operation with Validity
 * Indicator Invalid; Parameters that differ from the signer's simply make it Invalid. Non-final
 * parts of a stream answer without a Validity Indicator, as the spec requires.
 */
final class SignatureVerifyHandler implements OperationHandler {

    private final CorrelationStates streams;

    SignatureVerifyHandler(CorrelationStates streams) {
        this.streams = streams;
    }

    @Override
    public ResponsePayload handle(RequestContext ctx, RequestPayload request) {
        SignatureVerifyRequestPayload p = (SignatureVerifyRequestPayload) request;
        try {
            boolean streamStart = Boolean.TRUE.equals(p.initIndicator()) && !Boolean.TRUE.equals(p.finalIndicator());
            boolean single = p.correlationValue() == null && !streamStart;
            if (single && p.signatureData() == null) {
                throw Failures.invalidField("signature data: missing (expected: the signature to verify)");
            }
            SignatureOps.Part part = SignatureOps.part(ctx, streams, Operation.SIGNATURE_VERIFY, p.uniqueIdentifier(),
                    p.cryptographicParameters(), p.data(), p.digestedData(), p.correlationValue(), p.initIndicator(),
                    p.finalIndicator());
            UniqueIdentifier id = UniqueIdentifier.of(part.keyId());
            if (!part.last()) {
                return new SignatureVerifyResponsePayload(id, null, null, part.correlation());
            }
            if (p.signatureData() == null) {
                throw Failures.invalidField("signature data: missing in the final part (expected: the signature to verify)");
            }
            boolean valid = part.engine().verify(p.signatureData());
            return new SignatureVerifyResponsePayload(id, valid ? ValidityIndicator.VALID : ValidityIndicator.INVALID, null, null);
        } catch (KmipException e) {
            throw CryptoReasons.adapt(ctx, e);
        }
    }
}
