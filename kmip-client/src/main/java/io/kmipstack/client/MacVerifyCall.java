package io.kmipstack.client;

import io.kmipstack.codec.payload.MACVerifyRequestPayload;
import io.kmipstack.codec.payload.MACVerifyResponsePayload;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.ttlv.Bytes;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * MAC Verify (KMIP 1.4 section 4.34, 2.1 section 6.1.33): the Validity Indicator of a MAC over the data.
 */
public final class MacVerifyCall<R> extends CryptoCall<MacVerifyCall<R>, MACVerifyResponsePayload, R> {

    private Bytes mac;

    MacVerifyCall(ClientCore core, Function<CompletableFuture<MACVerifyResponsePayload>, R> finish) {
        super(core, finish);
    }

    public MacVerifyCall<R> mac(Bytes mac) {
        this.mac = mac;
        return this;
    }

    @Override
    public KmipRequest<MACVerifyResponsePayload> request() {
        MACVerifyRequestPayload p = new MACVerifyRequestPayload(Ids.of(id), cryptographicParameters(), data, mac, correlationValue, initIndicator, finalIndicator);
        return new KmipRequest<>(Operation.MAC_VERIFY, v -> p, MACVerifyResponsePayload.class, stateless());
    }
}
