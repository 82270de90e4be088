package io.kmipstack.server;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's open connections on both ports and the requests in flight on them. Counts
 * connections against {@link ServerLimits#maxConnections()} (a connection beyond the limit, or one
 * accepted while the server closes, is closed at once, before the TLS handshake costs anything),
 * and lets {@link NettyKmipServer#close} wait until every request read so far has been answered.
 */
final class Connections {

    private static final Logger log = LoggerFactory.getLogger(Connections.class);

    final ChannelGroup channels = new DefaultChannelGroup("kmip-connections", GlobalEventExecutor.INSTANCE);
    private final AtomicInteger open = new AtomicInteger();
    private final int maxConnections;
    private final Object lock = new Object();
    private int inFlight;
    private volatile boolean closing;

    Connections(int maxConnections) {
        this.maxConnections = maxConnections;
    }

    /** The first handler of every accepted channel. */
    final Limiter limiter = new Limiter();

    boolean closing() {
        return closing;
    }

    /** Stops reading new requests on every connection; requests already read still complete. */
    void stopReading() {
        closing = true;
        for (Channel ch : channels) {
            ch.eventLoop().execute(() -> ch.config().setAutoRead(false));
        }
    }

    void begin() {
        synchronized (lock) {
            inFlight++;
        }
    }

    void end() {
        synchronized (lock) {
            if (--inFlight == 0) {
                lock.notifyAll();
            }
        }
    }

    /** Waits until no request is in flight; false when {@code timeout} passed first. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (inFlight > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                lock.wait(Math.max(1, left / 1_000_000));
            }
            return true;
        }
    }

    @Sharable
    final class Limiter extends ChannelInboundHandlerAdapter {

        @Override
        public void channelActive(ChannelHandlerContext ctx) throws Exception {
            int now = open.incrementAndGet();
            if (closing || now > maxConnections) {
                log.warn("refusing connection from {}: {}", ctx.channel().remoteAddress(),
                        closing ? "server closing" : "connections: " + now + " (expected: <= " + maxConnections + ")");
                ctx.close();
                return;
            }
            channels.add(ctx.channel());
            super.channelActive(ctx);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            open.decrementAndGet();
            super.channelInactive(ctx);
        }
    }
}
