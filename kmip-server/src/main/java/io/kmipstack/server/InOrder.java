package io.kmipstack.server;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one connection's requests on the worker pool, one after the other, and writes the answers
 * in request order: KMIP before 1.4 has no request identifier, so a client pairs responses with
 * requests by order alone (FIFO per connection). Work that may wait for the store never runs on the
 * event loop (reads that need no write may: {@link #answerNow}). A client
 * that pipelines more than {@value #MAX_PENDING} requests stops being read until answers catch up.
 *
 * <p>Confined to the channel's event loop, except the work itself.
 */
final class InOrder {

    static final int MAX_PENDING = 16;
    private static final Logger log = LoggerFactory.getLogger(InOrder.class);

    private final ChannelHandlerContext ctx;
    private final Connections connections;
    private final Executor workers;
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
    private int pending;
    private boolean closeWhenDone;

    InOrder(ChannelHandlerContext ctx, Connections connections, Executor workers) {
        this.ctx = ctx;
        this.connections = connections;
        this.workers = workers;
    }

    /** Computes an answer (never throwing) off the event loop, after every earlier one was written. */
    void submit(Supplier<Object> work) {
        pending++;
        connections.begin();
        if (pending >= MAX_PENDING) {
            ctx.channel().config().setAutoRead(false);
        }
        tail = tail.thenRunAsync(() -> {
            Object answer;
            try {
                answer = work.get();
            } catch (RuntimeException | Error e) {
                log.error("request on {} failed unexpectedly", ctx.channel().remoteAddress(), e);
                ctx.channel().eventLoop().execute(() -> {
                    ctx.close();
                    finished();
                });
                return;
            }
            ctx.writeAndFlush(answer).addListener((ChannelFuture f) -> {
                if (!f.isSuccess()) {
                    log.debug("writing to {} failed: {}", ctx.channel().remoteAddress(), String.valueOf(f.cause()));
                    ctx.close();
                }
                finished();
            });
        }, workers).exceptionally(e -> {
            // The worker pool refused the task: the server is going away.
            ctx.channel().eventLoop().execute(() -> {
                ctx.close();
                finished();
            });
            return null;
        });
    }

    /**
     * Writes an answer computed on the event loop. Only when {@link #idle}: with nothing in flight
     * there is nothing it could overtake.
     */
    void answerNow(Object answer) {
        pending++;
        connections.begin();
        ctx.writeAndFlush(answer).addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                log.debug("writing to {} failed: {}", ctx.channel().remoteAddress(), String.valueOf(f.cause()));
                ctx.close();
            }
            finished();
        });
    }

    /** Closes the connection once every request read so far has been answered. */
    void closeWhenDone() {
        closeWhenDone = true;
        ctx.channel().config().setAutoRead(false);
        if (pending == 0) {
            ctx.close();
        }
    }

    boolean idle() {
        return pending == 0;
    }

    private void finished() {
        pending--;
        connections.end();
        if (closeWhenDone && pending == 0) {
            ctx.close();
        } else if (pending < MAX_PENDING / 2 && !closeWhenDone && !connections.closing()
                && !ctx.channel().config().isAutoRead()) {
            ctx.channel().config().setAutoRead(true);
        }
    }
}
