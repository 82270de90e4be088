package io.kmipstack.client;

import io.kmipstack.codec.payload.ReKeyRequestPayload;
import io.kmipstack.codec.payload.ReKeyResponsePayload;
import io.kmipstack.codec.registry.Operation;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/** Re-key (KMIP 1.4 section 4.4, 2.1 section 6.1.46): a new symmetric key replacing the given one. */
public final class ReKeyCall<R> extends AttributeCall<ReKeyCall<R>, ReKeyResponsePayload, R> {

    private String id;
    private Long offset;

    ReKeyCall(ClientCore core, Function<CompletableFuture<ReKeyResponsePayload>, R> finish) {
        super(core, finish);
    }

    /** The key to replace; without it, the server uses the ID Placeholder. */
    public ReKeyCall<R> id(String id) {
        this.id = id;
        return this;
    }

    /** The Offset between the old key's and the new key's activation dates. */
    public ReKeyCall<R> offset(Duration offset) {
        this.offset = offset.getSeconds();
        return this;
    }

    @Override
    public KmipRequest<ReKeyResponsePayload> request() {
        var uid = Ids.of(id);
        Long o = offset;
        AttributeList attrs = snapshot();
        return new KmipRequest<>(Operation.RE_KEY,
                v -> new ReKeyRequestPayload(uid, o, attrs.template(v, false), attrs.attributes(v, false), null),
                ReKeyResponsePayload.class, false);
    }
}
