package io.kmipstack.conformance;

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
import io.netty.util.concurrent.Future;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/** {@link Transports#netty}: one I/O thread, one TLS context, a new connection per file. */
final class NettyTransport implements Transport {

    private final Endpoint ttlv;
    private final Endpoint https;
    private final String httpsPath;
    private final SslContext ssl;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

    NettyTransport(Endpoint ttlv, Endpoint https, String httpsPath, TlsSettings tls) throws IOException {
        this.ttlv = ttlv;
        this.https = https;
        this.httpsPath = httpsPath;
        try {
            this.ssl = tls.clientContext();
        } catch (IOException | RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    @Override
    public String unsupported(Wire wire) {
        if (wire == Wire.TTLV) {
            return ttlv == null ? "needs --server" : null;
        }
        return https == null ? "needs --https" : null;
    }

    @Override
    public Exchange open(Wire wire, Duration timeout) throws IOException {
        String reason = unsupported(wire);
        if (reason != null) {
            throw new IOException(wire + ": " + reason);
        }
        if (wire == Wire.TTLV) {
            TtlvExchange ex = new TtlvExchange();
            ex.attach(connect(ttlv, timeout, ex::initialize));
            return ex;
        }
        return new HttpsExchange(this, https, httpsPath, wire, timeout);
    }

    /** A connected channel whose TLS handshake has finished, with the pipeline from {@code init}. */
    Channel connect(Endpoint endpoint, Duration timeout, Consumer<Channel> init) throws IOException {
        Bootstrap b = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("tls", ssl.newHandler(ch.alloc(), endpoint.host(), endpoint.port()));
                        init.accept(ch);
                    }
                });
        ChannelFuture connected = b.connect(endpoint.host(), endpoint.port());
        await(connected, timeout, "connect to " + endpoint);
        Channel ch = connected.channel();
        try {
            await(ch.pipeline().get(SslHandler.class).handshakeFuture(), timeout, "TLS handshake with " + endpoint);
        } catch (IOException e) {
            ch.close();
            throw e;
        }
        return ch;
    }

    static void await(Future<?> f, Duration timeout, String what) throws IOException {
        try {
            f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(what + ": interrupted");
        } catch (TimeoutException e) {
            f.cancel(false);
            throw new IOException(what + ": no answer within " + Durations.format(timeout));
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw new IOException(what + ": " + Durations.describe(c), c);
        }
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
