package io.kmipstack.client;

import io.kmipstack.codec.payload.SignRequestPayload;
import io.kmipstack.codec.payload.SignResponsePayload;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.ttlv.Bytes;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Sign (KMIP 1.4 section 4.31, 2.1 section 6.1.55): a signature over the data, or over a digest
 * the client computed (Digested Data, KMIP 1.4 and later).
 */
public final class SignCall<R> extends CryptoCall<SignCall<R>, SignResponsePayload, R> {

    private Bytes digestedData;

    SignCall(ClientCore core, Function<CompletableFuture<SignResponsePayload>, R> finish) {
        super(core, finish);
    }

    /** A digest to sign instead of data (KMIP 1.4 and later). */
    public SignCall<R> digestedData(Bytes digest) {
        this.digestedData = digest;
        return this;
    }

    @Override
    public KmipRequest<SignResponsePayload> request() {
        SignRequestPayload p = new SignRequestPayload(Ids.of(id), cryptographicParameters(), data, digestedData, correlationValue, initIndicator, finalIndicator);
        return new KmipRequest<>(Operation.SIGN, v -> p, SignResponsePayload.class, stateless());
    }
}
