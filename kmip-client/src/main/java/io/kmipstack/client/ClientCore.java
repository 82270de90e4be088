package io.kmipstack.client;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.model.Authentication;
import io.kmipstack.codec.model.ProtocolVersion;
import io.kmipstack.codec.model.RequestBatchItem;
import io.kmipstack.codec.model.RequestHeader;
import io.kmipstack.codec.model.RequestMessage;
import io.kmipstack.codec.model.ResponseBatchItem;
import io.kmipstack.codec.model.ResponseMessage;
import io.kmipstack.codec.netty.KmipPipeline;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvLimits;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The client behind {@link KmipClient}: the event loop, the TLS context, one {@link EndpointPool}
 * per endpoint, and the life of a call (failover, retries, the deadline, matching the response
 * items to the request items).
 */
final class ClientCore implements KmipClient {

    private static final Logger log = LoggerFactory.getLogger(ClientCore.class);

    static final String THREAD_PREFIX = "kmip-client";
    private static final Duration RETRY_BACKOFF = Duration.ofMillis(100);
    private static final long AWAIT_MARGIN_MILLIS = 1000;

    private final KmipClientOptions options;
    private final EventLoopGroup group;
    private final SslContext sslContext;
    private final Bootstrap bootstrap;
    private final TtlvLimits limits;
    private final List<EndpointPool> pools;
    private final Set<Channel> channels = ConcurrentHashMap.newKeySet();
    // Calls not yet complete, so that close() can fail them: one waiting in a retry backoff has no
    // channel and no timer that would survive the event loop's shutdown.
    private final Set<CompletableFuture<BatchResult>> calls = ConcurrentHashMap.newKeySet();
    private final AtomicInteger batchItemIds = new AtomicInteger();
    private final AsyncView async;
    private final SyncView sync;
    private volatile boolean closed;

    ClientCore(KmipClientOptions options) {
        this.options = options;
        this.sslContext = TlsContexts.create(options.tls());
        this.limits = new TtlvLimits(options.maximumResponseSize(), TtlvLimits.DEFAULT_MAX_DEPTH);
        this.group = new MultiThreadIoEventLoopGroup(options.ioThreads(), new DefaultThreadFactory(THREAD_PREFIX, true),
                NioIoHandler.newFactory());
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true);
        List<EndpointPool> ps = new ArrayList<>();
        for (KmipEndpoint e : options.endpoints()) {
            ps.add(new EndpointPool(this, e, options.poolSize()));
        }
        this.pools = List.copyOf(ps);
        this.async = new AsyncView(this);
        this.sync = new SyncView(this);
    }

    @Override
    public KmipClientOptions options() {
        return options;
    }

    @Override
    public KmipAsync async() {
        return async;
    }

    @Override
    public KmipSync sync() {
        return sync;
    }

    @Override
    public KmipVersion negotiatedVersion() {
        for (EndpointPool p : pools) {
            KmipVersion v = p.negotiatedVersion();
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    List<EndpointPool> pools() {
        return pools;
    }

    // ---- connections

    /** A TLS connection to {@code endpoint}, handshake done, version not yet set. */
    CompletableFuture<Connection> connect(KmipEndpoint endpoint) {
        CompletableFuture<Connection> f = new CompletableFuture<>();
        if (closed) {
            f.completeExceptionally(new KmipConnectionException("client closed"));
            return f;
        }
        Connection conn = new Connection(endpoint);
        long handshakeMillis = options.connectTimeout().toMillis();
        // initChannel runs before the connect can complete, so the listener below always finds it set.
        // Not read back from the pipeline: a handshake that fails before the listener runs closes the
        // channel and empties its pipeline, and the connection would then never be reported.
        AtomicReference<SslHandler> tls = new AtomicReference<>();
        ChannelFuture cf;
        try {
            cf = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    SslHandler ssl = sslContext.newHandler(ch.alloc(), endpoint.host(), endpoint.port());
                    ssl.setHandshakeTimeoutMillis(handshakeMillis);
                    tls.set(ssl);
                    ch.pipeline().addLast("ssl", ssl);
                    KmipPipeline.addCodec(ch.pipeline(), limits);
                    ch.pipeline().addLast("kmip-client", conn);
                }
            }).connect(endpoint.host(), endpoint.port());
        } catch (RejectedExecutionException e) {
            f.completeExceptionally(new KmipConnectionException("client closed"));
            return f;
        }
        Channel ch = cf.channel();
        conn.bind(ch);
        channels.add(ch);
        ch.closeFuture().addListener(x -> channels.remove(ch));
        cf.addListener(c -> {
            if (!c.isSuccess()) {
                f.completeExceptionally(new KmipConnectionException("connect to " + endpoint + ": "
                        + Connection.describe(c.cause()), c.cause()));
                return;
            }
            tls.get().handshakeFuture().addListener(h -> {
                if (h.isSuccess()) {
                    f.complete(conn);
                } else {
                    ch.close();
                    f.completeExceptionally(new KmipConnectionException("TLS handshake with " + endpoint + ": "
                            + Connection.describe(h.cause()), h.cause()));
                }
            });
        });
        if (closed) {
            ch.close();
        }
        return f;
    }

    /** One exchange bounded by the request timeout; on timeout the connection is closed. */
    CompletableFuture<Ttlv> exchangeWithTimeout(Connection c, byte[] request) {
        CompletableFuture<Ttlv> f = c.exchange(request);
        Duration t = options.requestTimeout();
        try {
            var timer = c.channel().eventLoop().schedule(() -> {
                if (f.completeExceptionally(new KmipTimeoutException("no response from " + c.endpoint() + " within " + t))) {
                    c.close();
                }
            }, t.toNanos(), TimeUnit.NANOSECONDS);
            f.whenComplete((r, e) -> timer.cancel(false));
        } catch (RejectedExecutionException e) {
            f.completeExceptionally(new KmipConnectionException("client closed"));
        }
        return f;
    }

    // ---- messages

    /**
     * The request message for {@code items} in {@code version}, as TTLV bytes written straight from
     * the records (no tree in between); the codec refuses what that version lacks.
     */
    byte[] encode(KmipVersion version, List<RequestBatchItem> items, MessageOptions mo) {
        Authentication auth = options.credentials().isEmpty() ? null : new Authentication(options.credentials());
        RequestHeader header = new RequestHeader(new ProtocolVersion(version.major(), version.minor()),
                options.maximumResponseSize(), mo.clientCorrelationValue(), null, null, null, null, List.of(), auth,
                mo.batchErrorContinuationOption(), mo.batchOrderOption(), null, items.size());
        return new RequestMessage(header, items).toBytes(version);
    }

    // ---- calls

    /** Sends one request; the future completes with its typed payload or fails with its {@link KmipException}. */
    <T extends ResponsePayload> CompletableFuture<T> execute(KmipRequest<T> request, MessageOptions mo) {
        return send(List.of(request), mo).thenApply(b -> b.get(request));
    }

    /**
     * Waits for {@code future}, which completes by itself within the request timeout; the margin
     * only guards against a bug leaving it incomplete. Failures are rethrown as they are.
     */
    <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(options.requestTimeout().toMillis() + AWAIT_MARGIN_MILLIS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof RuntimeException r) {
                throw withCallerStack(r);
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new KmipException(ResultReason.GENERAL_FAILURE, cause.toString(), cause);
        } catch (java.util.concurrent.TimeoutException e) {
            future.cancel(false);
            throw new KmipTimeoutException("no result within " + options.requestTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            future.cancel(false);
            throw new KmipException(ResultReason.GENERAL_FAILURE, "interrupted while waiting for the response", e);
        }
    }

    /** Sends {@code requests} as one message and completes with one result per request, in order. */
    CompletableFuture<BatchResult> send(List<KmipRequest<?>> requests, MessageOptions mo) {
        if (requests.isEmpty()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("batch: empty (expected: at least one request)"));
        }
        Call call = new Call(List.copyOf(requests), mo);
        calls.add(call.result);
        call.result.whenComplete((r, e) -> calls.remove(call.result));
        if (closed) {
            call.result.completeExceptionally(new KmipConnectionException("client closed"));
            return call.result;
        }
        try {
            var timer = timerLoop().schedule(call::timeout, options.requestTimeout().toNanos(), TimeUnit.NANOSECONDS);
            call.result.whenComplete((r, e) -> timer.cancel(false));
        } catch (RejectedExecutionException e) {
            call.result.completeExceptionally(new KmipConnectionException("client closed"));
            return call.result;
        }
        attempt(call, 0);
        return call.result;
    }

    /**
     * Where a call's deadline is scheduled: the client's event loop running this thread if there is
     * one, else the next loop. A call made from a response callback (the usual asynchronous loop)
     * then schedules and, when its answer arrives on the same connection, cancels its deadline on
     * its own thread; on another loop each would be a cross-thread task and a wake-up, which on a
     * 2-core machine cost about half the client's throughput (docs/benchmarks.md).
     */
    private EventExecutor timerLoop() {
        for (EventExecutor loop : group) {
            if (loop.inEventLoop()) {
                return loop;
            }
        }
        return group.next();
    }

    /** Endpoints to try, in order: those not marked down in configured order, then the rest. */
    private List<EndpointPool> failoverOrder() {
        List<EndpointPool> up = new ArrayList<>();
        List<EndpointPool> down = new ArrayList<>();
        for (EndpointPool p : pools) {
            (p.isDown() ? down : up).add(p);
        }
        up.addAll(down);
        return up;
    }

    private void attempt(Call call, int retry) {
        tryEndpoint(call, failoverOrder(), 0, retry, null);
    }

    private void tryEndpoint(Call call, List<EndpointPool> order, int index, int retry, Throwable lastError) {
        if (call.result.isDone()) {
            return;
        }
        if (index == order.size()) {
            // No endpoint gave a connection. Nothing of this call was sent, so any call may try again.
            if (retry < options.retries() && !closed) {
                long delay = RETRY_BACKOFF.toNanos() << Math.min(retry, 6);
                try {
                    group.next().schedule(() -> attempt(call, retry + 1), delay, TimeUnit.NANOSECONDS);
                    return;
                } catch (RejectedExecutionException e) {
                    // closed meanwhile
                }
            }
            call.fail(lastError);
            return;
        }
        EndpointPool pool = order.get(index);
        pool.acquire().whenComplete((conn, e) -> {
            if (e != null) {
                Throwable cause = unwrap(e);
                log.debug("{}: no connection: {}", pool.endpoint(), cause.getMessage());
                if (closed) {
                    call.fail(cause);
                } else {
                    tryEndpoint(call, order, index + 1, retry, cause);
                }
            } else if (call.result.isDone()) {
                pool.release(conn);
            } else {
                exchange(call, pool, conn, retry);
            }
        });
    }

    private void exchange(Call call, EndpointPool pool, Connection conn, int retry) {
        byte[] message;
        try {
            message = call.encode(conn.version());
        } catch (RuntimeException e) {
            pool.release(conn);
            call.fail(e);
            return;
        }
        call.inFlight = conn;
        if (call.result.isDone()) {
            call.inFlight = null;
            pool.release(conn);
            return;
        }
        conn.exchange(message).whenComplete((response, e) -> {
            call.inFlight = null;
            if (e == null) {
                pool.release(conn);
                call.complete(response);
                return;
            }
            Throwable cause = unwrap(e);
            if (cause instanceof KmipConnectionException && !closed) {
                if (call.idempotent && retry < options.retries()) {
                    log.debug("{}: connection lost before the response; repeating {}", pool.endpoint(), call);
                    attempt(call, retry + 1);
                    return;
                }
            } else if (conn.isActive()) {
                pool.release(conn);
            }
            call.fail(cause);
        });
    }

    /** The state of one call: its requests, deadline, current connection and result. */
    private final class Call {
        final List<KmipRequest<?>> requests;
        final MessageOptions mo;
        final boolean idempotent;
        final CompletableFuture<BatchResult> result = new CompletableFuture<>();
        volatile Connection inFlight;
        List<Bytes> ids; // set by encode, read by complete on the same connection's thread

        Call(List<KmipRequest<?>> requests, MessageOptions mo) {
            this.requests = requests;
            this.mo = mo;
            boolean all = true;
            for (KmipRequest<?> r : requests) {
                all &= r.idempotent();
            }
            this.idempotent = all;
        }

        byte[] encode(KmipVersion version) {
            List<RequestBatchItem> items = new ArrayList<>(requests.size());
            List<Bytes> newIds = new ArrayList<>(requests.size());
            for (KmipRequest<?> r : requests) {
                // Unique Batch Item IDs only where there is something to match: a single item is its own answer.
                Bytes id = requests.size() > 1 ? Bytes.wrap(ByteBuffer.allocate(4).putInt(batchItemIds.incrementAndGet()).array()) : null;
                newIds.add(id);
                items.add(new RequestBatchItem(r.operation(), null, id, r.payload(version), List.of()));
            }
            byte[] t = ClientCore.this.encode(version, items, mo);
            ids = newIds;
            return t;
        }

        void complete(Ttlv response) {
            try {
                ResponseMessage m = ResponseMessage.decode(response);
                result.complete(new BatchResult(requests, match(m.batchItem())));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }

        private List<BatchItemResult> match(List<ResponseBatchItem> answers) {
            Map<Bytes, ResponseBatchItem> byId = new HashMap<>();
            boolean echoed = false;
            for (ResponseBatchItem a : answers) {
                if (a.uniqueBatchItemID() != null) {
                    byId.put(a.uniqueBatchItemID(), a);
                    echoed = true;
                }
            }
            List<BatchItemResult> out = new ArrayList<>(requests.size());
            for (int i = 0; i < requests.size(); i++) {
                ResponseBatchItem a;
                if (echoed && ids.get(i) != null) {
                    a = byId.get(ids.get(i));
                } else {
                    a = i < answers.size() ? answers.get(i) : null;
                }
                KmipRequest<?> r = requests.get(i);
                out.add(a == null
                        ? new BatchItemResult(r.operation(), ids.get(i), null, null, null, null)
                        : new BatchItemResult(r.operation(), ids.get(i), a.resultStatus(), a.resultReason(), a.resultMessage(),
                                a.responsePayload()));
            }
            return out;
        }

        void fail(Throwable cause) {
            result.completeExceptionally(cause != null ? cause : new KmipConnectionException("no endpoint available"));
        }

        void timeout() {
            String what = requests.size() == 1 ? requests.get(0).operation().toString() : "batch of " + requests.size();
            if (result.completeExceptionally(new KmipTimeoutException(what + ": no response within " + options.requestTimeout()))) {
                Connection c = inFlight;
                if (c != null) {
                    // A late response would otherwise be read as the answer to this connection's next request.
                    c.close();
                }
            }
        }

        @Override
        public String toString() {
            return requests.size() == 1 ? requests.get(0).operation().toString() : "batch of " + requests.size();
        }
    }

    // ---- closing

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (EndpointPool p : pools) {
            p.close();
        }
        for (Channel ch : channels) {
            ch.close();
        }
        for (CompletableFuture<BatchResult> c : calls) {
            c.completeExceptionally(new KmipConnectionException("client closed"));
        }
        var terminated = group.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        try {
            if (!terminated.await(5, TimeUnit.SECONDS)) {
                log.warn("KMIP client I/O threads did not stop within 5 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    boolean isClosed() {
        return closed;
    }

    // ---- helpers

    static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /**
     * {@code t}, raised on an I/O thread, with the stack of the thread that waited for it, so that
     * a failure in {@code sync()} points at the caller's code; the I/O thread's stack is kept as
     * a suppressed exception for debugging the client itself.
     */
    static <T extends Throwable> T withCallerStack(T t) {
        StackTraceElement[] original = t.getStackTrace();
        t.fillInStackTrace();
        Throwable origin = new Throwable("raised on a KMIP client I/O thread");
        origin.setStackTrace(original);
        t.addSuppressed(origin);
        return t;
    }

    static CompletionException asCompletion(Throwable t) {
        return t instanceof CompletionException c ? c : new CompletionException(t);
    }
}
