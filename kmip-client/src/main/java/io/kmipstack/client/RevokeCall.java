package io.kmipstack.client;

import io.kmipstack.codec.model.RevocationReason;
import io.kmipstack.codec.payload.RevokeRequestPayload;
import io.kmipstack.codec.payload.RevokeResponsePayload;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.RevocationReasonCode;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Revoke (KMIP 1.4 section 4.20, 2.1 section 6.1.44), e.g. {@code revoke().id(uid)
 * .reason(CESSATION_OF_OPERATION).execute()}; a compromise also takes the Compromise Occurrence Date.
 */
public final class RevokeCall<R> extends KmipCall<RevokeCall<R>, RevokeResponsePayload, R> {

    private String id;
    private RevocationReasonCode reason = RevocationReasonCode.UNSPECIFIED;
    private String message;
    private Instant compromiseOccurrenceDate;

    RevokeCall(ClientCore core, Function<CompletableFuture<RevokeResponsePayload>, R> finish) {
        super(core, finish);
    }

    public RevokeCall<R> id(String id) {
        this.id = id;
        return this;
    }

    /** The Revocation Reason Code; Unspecified unless set. */
    public RevokeCall<R> reason(RevocationReasonCode reason) {
        this.reason = Objects.requireNonNull(reason, "reason");
        return this;
    }

    /** A Revocation Message for the server's records. */
    public RevokeCall<R> message(String message) {
        this.message = message;
        return this;
    }

    public RevokeCall<R> compromiseOccurrenceDate(Instant date) {
        this.compromiseOccurrenceDate = date;
        return this;
    }

    @Override
    public KmipRequest<RevokeResponsePayload> request() {
        RevokeRequestPayload p = new RevokeRequestPayload(Ids.of(id), new RevocationReason(reason, message), compromiseOccurrenceDate);
        return new KmipRequest<>(Operation.REVOKE, v -> p, RevokeResponsePayload.class, false);
    }
}
