package io.kmipstack.conformance;

import io.kmipstack.codec.netty.InvalidKmipMessage;
import io.kmipstack.codec.netty.KmipPipeline;
import io.kmipstack.codec.ttlv.Ttlv;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Binary TTLV over one TLS connection, framed by the codec's {@link KmipPipeline}. KMIP before
 * 1.4 has no request identifier on the wire, so responses are matched by keeping one request in
 * flight: a response that arrives with none pending is an error reported by the next exchange.
 */
final class TtlvExchange extends ChannelInboundHandlerAdapter implements Exchange {

    private volatile Channel channel;
    // The response being waited for; replaced per request. Completed on the I/O thread.
    private volatile CompletableFuture<Ttlv> pending = new CompletableFuture<>();
    private volatile IOException broken;

    void initialize(Channel ch) {
        KmipPipeline.addCodec(ch.pipeline());
        ch.pipeline().addLast("conformance", this);
    }

    void attach(Channel ch) {
        this.channel = ch;
    }

    @Override
    public Ttlv exchange(Ttlv request, Duration timeout) throws IOException {
        if (broken != null) {
            throw broken;
        }
        CompletableFuture<Ttlv> response = new CompletableFuture<>();
        pending = response;
        channel.writeAndFlush(request).addListener(f -> {
            if (!f.isSuccess()) {
                response.completeExceptionally(f.cause());
            }
        });
        try {
            return response.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the response");
        } catch (TimeoutException e) {
            // The late response would be read as the next one's: this connection is done.
            broken = new IOException("connection abandoned after a timeout");
            channel.close();
            throw new IOException("no response within " + Durations.format(timeout));
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof IOException io ? io : new IOException(Durations.describe(c), c);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            CompletableFuture<Ttlv> p = pending;
            if (msg instanceof Ttlv t) {
                if (!p.complete(t)) {
                    fail(new IOException("a response arrived with no request pending"));
                }
            } else if (msg instanceof InvalidKmipMessage invalid) {
                p.completeExceptionally(new IOException("response is not well-formed TTLV: " + invalid.cause().getMessage()));
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(new IOException(Durations.describe(cause), cause));
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(new IOException("connection closed by the server"));
    }

    private void fail(IOException e) {
        if (broken == null) {
            broken = e;
        }
        pending.completeExceptionally(e);
    }

    @Override
    public void close() {
        Channel ch = channel;
        if (ch != null) {
            ch.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
    }
}
