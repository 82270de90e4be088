package io.kmipstack.client;

import io.kmipstack.codec.payload.MACRequestPayload;
import io.kmipstack.codec.payload.MACResponsePayload;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.ttlv.Bytes;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * MAC (KMIP 1.4 section 4.33, 2.1 section 6.1.32): a message authentication code over the data.
 */
public final class MacCall<R> extends CryptoCall<MacCall<R>, MACResponsePayload, R> {

    MacCall(ClientCore core, Function<CompletableFuture<MACResponsePayload>, R> finish) {
        super(core, finish);
    }

    @Override
    public KmipRequest<MACResponsePayload> request() {
        MACRequestPayload p = new MACRequestPayload(Ids.of(id), cryptographicParameters(), data, correlationValue, initIndicator, finalIndicator);
        return new KmipRequest<>(Operation.MAC, v -> p, MACResponsePayload.class, stateless());
    }
}
