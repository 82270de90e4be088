package io.kmipstack.client;

import io.kmipstack.codec.payload.ResponsePayload;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * The common part of the fluent calls: {@link #execute()} sends the request and gives the typed
 * response payload in the view's form ({@code CompletableFuture<T>} from {@link KmipClient#async()},
 * {@code T} from {@link KmipClient#sync()}); {@link #request()} gives the request itself, for a
 * batch. A call object is a builder: not thread-safe, reusable, each {@code execute()} sends anew.
 *
 * @param <S> the concrete call, returned by the chained setters
 * @param <T> the response payload
 * @param <R> what {@code execute()} returns in this view
 */
public abstract class KmipCall<S extends KmipCall<S, T, R>, T extends ResponsePayload, R> {

    private final ClientCore core;
    private final Function<CompletableFuture<T>, R> finish;
    private String clientCorrelationValue;

    KmipCall(ClientCore core, Function<CompletableFuture<T>, R> finish) {
        this.core = core;
        this.finish = finish;
    }

    /** Sends a Client Correlation Value in the request header (KMIP 1.4 and later), for the server's logs. */
    public S clientCorrelationValue(String value) {
        this.clientCorrelationValue = value;
        return self();
    }

    /** The request as built so far; an item for {@link KmipAsync#batch()}. */
    public abstract KmipRequest<T> request();

    /**
     * Sends the request. A failed result raises {@link io.kmipstack.codec.KmipException} with the
     * server's status, reason and message ({@link KmipTimeoutException} and
     * {@link KmipConnectionException} for the client's own failures); asynchronously, the future
     * completes exceptionally with it.
     */
    public R execute() {
        return finish.apply(core.execute(request(), new MessageOptions(clientCorrelationValue, null, null)));
    }

    @SuppressWarnings("unchecked")
    final S self() {
        return (S) this;
    }
}
