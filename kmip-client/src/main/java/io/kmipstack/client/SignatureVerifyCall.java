package io.kmipstack.client;

import io.kmipstack.codec.payload.SignatureVerifyRequestPayload;
import io.kmipstack.codec.payload.SignatureVerifyResponsePayload;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.ttlv.Bytes;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Signature Verify (KMIP 1.4 section 4.32, 2.1 section 6.1.56): the Validity Indicator of a
 * signature over the data (or digest).
 */
public final class SignatureVerifyCall<R> extends CryptoCall<SignatureVerifyCall<R>, SignatureVerifyResponsePayload, R> {

    private Bytes digestedData;
    private Bytes signature;

    SignatureVerifyCall(ClientCore core, Function<CompletableFuture<SignatureVerifyResponsePayload>, R> finish) {
        super(core, finish);
    }

    public SignatureVerifyCall<R> digestedData(Bytes digest) {
        this.digestedData = digest;
        return this;
    }

    public SignatureVerifyCall<R> signature(Bytes signature) {
        this.signature = signature;
        return this;
    }

    @Override
    public KmipRequest<SignatureVerifyResponsePayload> request() {
        SignatureVerifyRequestPayload p = new SignatureVerifyRequestPayload(Ids.of(id), cryptographicParameters(), data, digestedData, signature, correlationValue, initIndicator, finalIndicator);
        return new KmipRequest<>(Operation.SIGNATURE_VERIFY, v -> p, SignatureVerifyResponsePayload.class, stateless());
    }
}
