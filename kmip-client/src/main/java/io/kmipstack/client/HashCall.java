package io.kmipstack.client;

import io.kmipstack.codec.payload.HashRequestPayload;
import io.kmipstack.codec.payload.HashResponsePayload;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.ttlv.Bytes;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Hash (KMIP 1.4 section 4.37, 2.1 section 6.1.24): a digest computed by the server, with the
 * algorithm given by {@link #hashing}; no key is involved, so {@link #id} is not sent.
 */
public final class HashCall<R> extends CryptoCall<HashCall<R>, HashResponsePayload, R> {

    HashCall(ClientCore core, Function<CompletableFuture<HashResponsePayload>, R> finish) {
        super(core, finish);
    }

    @Override
    public KmipRequest<HashResponsePayload> request() {
        if (cryptographicParameters() == null) {
            throw new IllegalStateException("hash: no algorithm (expected: hashing(...) or parameters(...))");
        }
        HashRequestPayload p = new HashRequestPayload(cryptographicParameters(), data, correlationValue, initIndicator, finalIndicator);
        return new KmipRequest<>(Operation.HASH, v -> p, HashResponsePayload.class, stateless());
    }
}
