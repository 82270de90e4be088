package io.kmipstack.client;

import io.kmipstack.codec.payload.CheckRequestPayload;
import io.kmipstack.codec.payload.CheckResponsePayload;
import io.kmipstack.codec.registry.Operation;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Check (KMIP 1.4 section 4.10, 2.1 section 6.1.7): asks whether the object could be used as
 * described (usage limits, usage mask, lease time); a failed check is a failed result.
 */
public final class CheckCall<R> extends KmipCall<CheckCall<R>, CheckResponsePayload, R> {

    private String id;
    private Long usageLimitsCount;
    private Integer usageMask;
    private Long leaseTime;

    CheckCall(ClientCore core, Function<CompletableFuture<CheckResponsePayload>, R> finish) {
        super(core, finish);
    }

    public CheckCall<R> id(String id) {
        this.id = id;
        return this;
    }

    public CheckCall<R> usageLimitsCount(long count) {
        this.usageLimitsCount = count;
        return this;
    }

    public CheckCall<R> usage(int... masks) {
        this.usageMask = KeyPairCall.or(masks);
        return this;
    }

    public CheckCall<R> leaseTime(Duration lease) {
        this.leaseTime = lease.getSeconds();
        return this;
    }

    @Override
    public KmipRequest<CheckResponsePayload> request() {
        CheckRequestPayload p = new CheckRequestPayload(Ids.of(id), usageLimitsCount, usageMask, leaseTime);
        return new KmipRequest<>(Operation.CHECK, v -> p, CheckResponsePayload.class, true);
    }
}
