package io.kmipstack.benchmarks.load;

import io.kmipstack.client.KmipEndpoint;
import io.kmipstack.codec.netty.KmipFrameDecoder;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
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
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Mutual-TLS connections below the KMIP client, on the client's transport (NIO, TCP_NODELAY, the
 * same TLS settings through {@link BenchTls#client}): for the echo ceiling, one KMIP frame in
 * flight per connection, cut by the codec's {@link KmipFrameDecoder}; for the connection
 * benchmark, a connect and handshake and nothing else.
 */
final class RawConnections implements AutoCloseable {

    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final SslContext ssl;
    private final KmipEndpoint endpoint;
    private final Duration timeout;

    RawConnections(SslContext ssl, KmipEndpoint endpoint, int ioThreads, Duration timeout) {
        this.ssl = ssl;
        this.endpoint = endpoint;
        this.timeout = timeout;
        this.group = new MultiThreadIoEventLoopGroup(ioThreads, new DefaultThreadFactory("bench-raw", true),
                NioIoHandler.newFactory());
        this.bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .option(ChannelOption.TCP_NODELAY, true);
    }

    /** A connection whose TLS handshake has completed; {@code frames} reads KMIP frames on it. */
    CompletableFuture<FrameChannel> open(boolean frames) {
        FrameChannel fc = new FrameChannel();
        CompletableFuture<FrameChannel> opened = new CompletableFuture<>();
        // Kept here, not read back from the pipeline: a handshake that fails before the connect
        // listener runs closes the channel and empties its pipeline.
        AtomicReference<SslHandler> tls = new AtomicReference<>();
        bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                SslHandler h = ssl.newHandler(ch.alloc(), endpoint.host(), endpoint.port());
                h.setHandshakeTimeoutMillis(timeout.toMillis());
                tls.set(h);
                ch.pipeline().addLast("ssl", h);
                if (frames) {
                    ch.pipeline().addLast("kmip-frame-decoder", KmipFrameDecoder.create());
                }
                ch.pipeline().addLast("bench", fc);
            }
        }).connect(endpoint.host(), endpoint.port()).addListener(c -> {
            if (!c.isSuccess()) {
                opened.completeExceptionally(new IllegalStateException("connect to " + endpoint + ": " + c.cause().getMessage(), c.cause()));
                return;
            }
            Channel ch = ((io.netty.channel.ChannelFuture) c).channel();
            fc.channel = ch;
            tls.get().handshakeFuture().addListener(hs -> {
                if (hs.isSuccess()) {
                    opened.complete(fc);
                } else {
                    ch.close();
                    opened.completeExceptionally(new IllegalStateException("TLS handshake with " + endpoint + ": "
                            + hs.cause().getMessage(), hs.cause()));
                }
            });
        });
        return opened;
    }

    /** Connects, completes the handshake and closes; completes once the connection is closed. */
    CompletableFuture<Void> handshake() {
        return open(false).thenCompose(fc -> {
            CompletableFuture<Void> closed = new CompletableFuture<>();
            fc.channel.close().addListener(x -> closed.complete(null));
            return closed;
        });
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    /** One connection with at most one frame in flight; state is touched on its event loop only. */
    static final class FrameChannel extends ChannelInboundHandlerAdapter {
        private Channel channel;
        private CompletableFuture<byte[]> pending;

        /** Writes {@code frame} and completes with the next frame received. */
        CompletableFuture<byte[]> exchange(byte[] frame) {
            CompletableFuture<byte[]> f = new CompletableFuture<>();
            channel.eventLoop().execute(() -> {
                if (pending != null) {
                    f.completeExceptionally(new IllegalStateException("a frame is already in flight"));
                    return;
                }
                if (!channel.isActive()) {
                    f.completeExceptionally(new IllegalStateException("connection closed"));
                    return;
                }
                pending = f;
                channel.writeAndFlush(Unpooled.wrappedBuffer(frame)).addListener(w -> {
                    if (!w.isSuccess()) {
                        fail(w.cause());
                        channel.close();
                    }
                });
            });
            return f;
        }

        void close() {
            if (channel != null) {
                channel.close();
            }
        }

        private void fail(Throwable cause) {
            CompletableFuture<byte[]> p = pending;
            pending = null;
            if (p != null) {
                p.completeExceptionally(cause);
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            CompletableFuture<byte[]> p = pending;
            pending = null;
            if (p == null || !(msg instanceof byte[] frame)) {
                io.netty.util.ReferenceCountUtil.release(msg);
                ctx.close();
                return;
            }
            p.complete(frame);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(cause);
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) throws Exception {
            fail(new IllegalStateException("connection closed before the answer"));
            super.channelInactive(ctx);
        }
    }
}
