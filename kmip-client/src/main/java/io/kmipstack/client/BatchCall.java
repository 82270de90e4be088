package io.kmipstack.client;

import io.kmipstack.codec.registry.BatchErrorContinuationOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Several requests in one message (KMIP 1.4 section 7.2, 2.1 section 8.1), e.g.
 * {@code batch().add(create.request()).add(KmipRequests.activate(null)).execute()}. With more than
 * one item each gets a Unique Batch Item ID and the answers are matched by it (by position when
 * the server echoes none). The Batch Error Continuation Option says what the server does after a
 * failed item: Stop (the spec's default), Continue, or Undo. The batch is repeated after a lost
 * connection only when every item is safe to repeat.
 */
public final class BatchCall<R> {

    private final ClientCore core;
    private final Function<CompletableFuture<BatchResult>, R> finish;
    private final List<KmipRequest<?>> requests = new ArrayList<>();
    private BatchErrorContinuationOption continuation;
    private Boolean ordered;
    private String clientCorrelationValue;

    BatchCall(ClientCore core, Function<CompletableFuture<BatchResult>, R> finish) {
        this.core = core;
        this.finish = finish;
    }

    public BatchCall<R> add(KmipRequest<?> request) {
        requests.add(Objects.requireNonNull(request, "request"));
        return this;
    }

    public BatchCall<R> continuationOption(BatchErrorContinuationOption option) {
        this.continuation = option;
        return this;
    }

    /** Batch Order Option: true asks the server to process the items in order. */
    public BatchCall<R> ordered(boolean ordered) {
        this.ordered = ordered;
        return this;
    }

    public BatchCall<R> clientCorrelationValue(String value) {
        this.clientCorrelationValue = value;
        return this;
    }

    /**
     * Sends the batch. The result holds one outcome per item; a failed item does not fail the
     * batch (read it with {@link BatchResult#get}), a failed exchange does.
     */
    public R execute() {
        return finish.apply(core.send(List.copyOf(requests), new MessageOptions(clientCorrelationValue, continuation, ordered)));
    }
}
