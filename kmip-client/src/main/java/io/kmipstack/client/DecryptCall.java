package io.kmipstack.client;

import io.kmipstack.codec.payload.DecryptRequestPayload;
import io.kmipstack.codec.payload.DecryptResponsePayload;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.ttlv.Bytes;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Decrypt (KMIP 1.4 section 4.30, 2.1 section 6.1.11), with the IV the encryption used and, for
 * AEAD modes, the tag.
 */
public final class DecryptCall<R> extends CryptoCall<DecryptCall<R>, DecryptResponsePayload, R> {

    private Bytes iv;
    private Bytes aad;
    private Bytes tag;

    DecryptCall(ClientCore core, Function<CompletableFuture<DecryptResponsePayload>, R> finish) {
        super(core, finish);
    }

    /** The IV, counter or nonce; without it, the server generates one (returned in the response) or uses none. */
    public DecryptCall<R> iv(Bytes iv) {
        this.iv = iv;
        return this;
    }

    /** Additional authenticated data for AEAD modes such as GCM (KMIP 1.4 and later). */
    public DecryptCall<R> aad(Bytes aad) {
        this.aad = aad;
        return this;
    }

    /** The authenticated-encryption tag (KMIP 1.4 and later). */
    public DecryptCall<R> tag(Bytes tag) {
        this.tag = tag;
        return this;
    }

    @Override
    public KmipRequest<DecryptResponsePayload> request() {
        DecryptRequestPayload p = new DecryptRequestPayload(Ids.of(id), cryptographicParameters(), data, iv, correlationValue, initIndicator, finalIndicator, aad, tag);
        return new KmipRequest<>(Operation.DECRYPT, v -> p, DecryptResponsePayload.class, stateless());
    }
}
