package io.kmipstack.client;

import io.kmipstack.codec.payload.ReKeyKeyPairRequestPayload;
import io.kmipstack.codec.payload.ReKeyKeyPairResponsePayload;
import io.kmipstack.codec.registry.Operation;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Re-key Key Pair (KMIP 1.4 section 4.5, 2.1 section 6.1.47; since 1.1): a new key pair replacing the given private key's. */
public final class ReKeyKeyPairCall<R> extends KeyPairCall<ReKeyKeyPairCall<R>, ReKeyKeyPairResponsePayload, R> {

    private String id;
    private Long offset;

    ReKeyKeyPairCall(ClientCore core, Function<CompletableFuture<ReKeyKeyPairResponsePayload>, R> finish) {
        super(core, finish);
    }

    /** The private key to replace; without it, the server uses the ID Placeholder. */
    public ReKeyKeyPairCall<R> id(String privateKeyId) {
        this.id = privateKeyId;
        return this;
    }

    /** The Offset between the old keys' and the new keys' activation dates. */
    public ReKeyKeyPairCall<R> offset(Duration offset) {
        this.offset = offset.getSeconds();
        return this;
    }

    @Override
    public KmipRequest<ReKeyKeyPairResponsePayload> request() {
        String i = id;
        Long o = offset;
        AttributeList c = copy(common);
        AttributeList pr = copy(privateKey);
        AttributeList pu = copy(publicKey);
        return new KmipRequest<>(Operation.RE_KEY_KEY_PAIR, v -> new ReKeyKeyPairRequestPayload(i, o,
                c.template(v, false), pr.template(v, false), pu.template(v, false),
                c.attributes(v, false), pr.attributes(v, false), pu.attributes(v, false), null, null, null),
                ReKeyKeyPairResponsePayload.class, false);
    }
}
