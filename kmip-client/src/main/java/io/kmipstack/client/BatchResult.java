package io.kmipstack.client;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.payload.ResponsePayload;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of a batch: one {@link BatchItemResult} per request, in request order, whatever
 * order the server answered in. {@link #get(KmipRequest)} returns a request's typed payload or
 * throws its failure.
 */
public final class BatchResult {

    private final List<KmipRequest<?>> requests;
    private final List<BatchItemResult> items;

    BatchResult(List<KmipRequest<?>> requests, List<BatchItemResult> items) {
        this.requests = List.copyOf(requests);
        this.items = List.copyOf(items);
    }

    /** The item results in request order. */
    public List<BatchItemResult> items() {
        return items;
    }

    public BatchItemResult item(int index) {
        return items.get(index);
    }

    /**
     * The typed payload of {@code request}, an item of this batch.
     *
     * @throws KmipException with the item's status, reason and message when it failed
     * @throws IllegalArgumentException when {@code request} is not an item of this batch
     */
    public <T extends ResponsePayload> T get(KmipRequest<T> request) {
        Objects.requireNonNull(request, "request");
        for (int i = 0; i < requests.size(); i++) {
            if (requests.get(i) == request) {
                BatchItemResult r = items.get(i);
                if (!r.succeeded()) {
                    throw r.failure();
                }
                return request.response(r.payload());
            }
        }
        throw new IllegalArgumentException("request: " + request + " (expected: an item of this batch)");
    }

    /** True when every item succeeded. */
    public boolean allSucceeded() {
        return items.stream().allMatch(BatchItemResult::succeeded);
    }

    @Override
    public String toString() {
        return "BatchResult" + items.stream().map(i -> i.operation() + "=" + (i.answered() ? i.resultStatus() : "unanswered")).toList();
    }
}
