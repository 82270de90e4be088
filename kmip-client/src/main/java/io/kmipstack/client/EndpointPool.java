package io.kmipstack.client;

import io.kmipstack.codec.registry.KmipVersion;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connections to one endpoint: at most {@link KmipClientOptions#poolSize()} of them, each
 * carrying one request at a time. A caller gets an idle connection, a new one while the pool is
 * below its size, or else waits in line for the next one released. The protocol version is
 * negotiated once per endpoint, by the first connection opened, and every later connection speaks
 * it; a failed negotiation is forgotten so that the next call tries again.
 *
 * <p>The endpoint is marked down for {@link KmipClientOptions#failbackDelay()} when a connection
 * to it cannot be opened; the client then prefers the other endpoints until the mark expires.
 */
final class EndpointPool {

    private static final Logger log = LoggerFactory.getLogger(EndpointPool.class);

    private final ClientCore core;
    private final KmipEndpoint endpoint;
    private final int maxSize;

    // Guarded by this.
    private final ArrayDeque<Connection> idle = new ArrayDeque<>();
    private final ArrayDeque<CompletableFuture<Connection>> waiters = new ArrayDeque<>();
    private final Set<Connection> open = new HashSet<>();
    private int opening;
    private CompletableFuture<KmipVersion> version;
    private boolean closed;

    private volatile long downUntilNanos;
    private volatile boolean down;

    EndpointPool(ClientCore core, KmipEndpoint endpoint, int maxSize) {
        this.core = core;
        this.endpoint = endpoint;
        this.maxSize = maxSize;
    }

    KmipEndpoint endpoint() {
        return endpoint;
    }

    /** True while this endpoint is marked down and its failback delay has not passed. */
    boolean isDown() {
        return down && System.nanoTime() - downUntilNanos < 0;
    }

    private void markDown() {
        downUntilNanos = System.nanoTime() + core.options().failbackDelay().toNanos();
        down = true;
    }

    /** The negotiated version, or null before the first successful negotiation. */
    synchronized KmipVersion negotiatedVersion() {
        return version != null && version.isDone() && !version.isCompletedExceptionally() ? version.join() : null;
    }

    /** A connection for one exchange; give it back with {@link #release}. */
    CompletableFuture<Connection> acquire() {
        synchronized (this) {
            if (closed) {
                return CompletableFuture.failedFuture(new KmipConnectionException("client closed"));
            }
            for (Connection c = idle.pollLast(); c != null; c = idle.pollLast()) {
                if (c.isActive()) {
                    return CompletableFuture.completedFuture(c);
                }
                open.remove(c);
            }
            if (open.size() + opening >= maxSize) {
                CompletableFuture<Connection> w = new CompletableFuture<>();
                waiters.add(w);
                return w;
            }
            opening++;
        }
        return openConnection();
    }

    /** Takes back a connection after a complete exchange, handing it to the first live waiter. */
    void release(Connection c) {
        synchronized (this) {
            if (closed || !c.isActive()) {
                open.remove(c);
            } else {
                for (CompletableFuture<Connection> w = waiters.poll(); w != null; w = waiters.poll()) {
                    if (w.complete(c)) {
                        return;
                    }
                }
                idle.add(c);
                return;
            }
        }
        c.close();
        replaceForWaiter();
    }

    /** Called from the connection when its channel closed. */
    void closed(Connection c) {
        synchronized (this) {
            open.remove(c);
            idle.remove(c);
        }
        replaceForWaiter();
    }

    // A waiter must not wait for a release that will never come: when a connection goes away and
    // someone is waiting, open a replacement for the first one.
    private void replaceForWaiter() {
        CompletableFuture<Connection> w;
        synchronized (this) {
            if (closed || waiters.isEmpty() || open.size() + opening >= maxSize) {
                return;
            }
            w = waiters.poll();
            opening++;
        }
        openConnection().whenComplete((c, e) -> {
            if (e != null) {
                w.completeExceptionally(e);
            } else if (!w.complete(c)) {
                release(c);
            }
        });
    }

    private CompletableFuture<Connection> openConnection() {
        CompletableFuture<KmipVersion> known;
        CompletableFuture<KmipVersion> mine = null;
        synchronized (this) {
            known = version;
            if (known == null) {
                mine = new CompletableFuture<>();
                version = mine;
            }
        }
        CompletableFuture<Connection> opened;
        if (mine == null) {
            opened = known.thenCompose(v -> core.connect(endpoint).thenApply(c -> c.version(v)));
        } else {
            CompletableFuture<KmipVersion> negotiation = mine;
            opened = VersionNegotiation.run(core, endpoint).whenComplete((c, e) -> {
                if (e != null) {
                    synchronized (this) {
                        if (version == negotiation) {
                            version = null;
                        }
                    }
                    negotiation.completeExceptionally(e);
                } else {
                    log.debug("{}: speaking KMIP {}", endpoint, c.version());
                    negotiation.complete(c.version());
                }
            });
        }
        return opened.handle((c, e) -> {
            boolean keep;
            synchronized (this) {
                opening--;
                keep = e == null && !closed;
                if (keep) {
                    open.add(c);
                }
            }
            if (e != null) {
                Throwable cause = ClientCore.unwrap(e);
                if (cause instanceof KmipConnectionException) {
                    log.debug("{}: marked down: {}", endpoint, cause.getMessage());
                    markDown();
                }
                throw ClientCore.asCompletion(cause);
            }
            if (!keep) {
                c.close();
                throw ClientCore.asCompletion(new KmipConnectionException("client closed"));
            }
            down = false;
            c.pool(this);
            if (!c.isActive()) {
                // Closed between the handshake and now: channelInactive ran before pool() was set.
                synchronized (this) {
                    open.remove(c);
                }
                throw ClientCore.asCompletion(new KmipConnectionException("connection to " + endpoint + " closed right after opening"));
            }
            return c;
        });
    }

    /** Closes every connection and fails every waiter. */
    void close() {
        List<Connection> all;
        List<CompletableFuture<Connection>> ws;
        synchronized (this) {
            closed = true;
            all = new ArrayList<>(open);
            open.clear();
            idle.clear();
            ws = new ArrayList<>(waiters);
            waiters.clear();
        }
        for (CompletableFuture<Connection> w : ws) {
            w.completeExceptionally(new KmipConnectionException("client closed"));
        }
        for (Connection c : all) {
            c.close();
        }
    }

    /** Open connections, idle or busy; for tests. */
    synchronized int size() {
        return open.size();
    }

    @Override
    public String toString() {
        return "EndpointPool[" + endpoint + "]";
    }
}
