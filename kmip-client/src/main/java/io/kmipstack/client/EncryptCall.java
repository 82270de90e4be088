package io.kmipstack.client;

import io.kmipstack.codec.payload.EncryptRequestPayload;
import io.kmipstack.codec.payload.EncryptResponsePayload;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.ttlv.Bytes;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Encrypt (KMIP 1.4 section 4.29, 2.1 section 6.1.17), e.g. {@code encrypt().id(uid).mode(CBC)
 * .padding(PKCS5).data(plaintext).execute()}; the response carries the server-generated IV if any.
 */
public final class EncryptCall<R> extends CryptoCall<EncryptCall<R>, EncryptResponsePayload, R> {

    private Bytes iv;
    private Bytes aad;

    EncryptCall(ClientCore core, Function<CompletableFuture<EncryptResponsePayload>, R> finish) {
        super(core, finish);
    }

    /** The IV, counter or nonce; without it, the server generates one (returned in the response) or uses none. */
    public EncryptCall<R> iv(Bytes iv) {
        this.iv = iv;
        return this;
    }

    /** Additional authenticated data for AEAD modes such as GCM (KMIP 1.4 and later). */
    public EncryptCall<R> aad(Bytes aad) {
        this.aad = aad;
        return this;
    }

    @Override
    public KmipRequest<EncryptResponsePayload> request() {
        EncryptRequestPayload p = new EncryptRequestPayload(Ids.of(id), cryptographicParameters(), data, iv, correlationValue, initIndicator, finalIndicator, aad);
        return new KmipRequest<>(Operation.ENCRYPT, v -> p, EncryptResponsePayload.class, stateless());
    }
}
