package io.kmipstack.server;

import io.kmipstack.codec.netty.KmipPipeline;
import io.kmipstack.server.audit.AuditLog;
import io.kmipstack.server.message.MessageDispatcher;
import io.kmipstack.server.store.ObjectStore;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Netty implementation of {@link KmipServer}. One boss thread accepts on both ports, the
 * I/O threads run TLS and framing, and a separate worker pool runs the message layer (the store
 * may block). Pipelines:
 * <pre>
 * TTLV:  limiter | ssl | idle | kmip-frame-decoder | kmip-message-decoder | kmip-message-encoder | kmip
 * HTTPS: limiter | ssl | idle | http-codec | http-aggregator | kmip-http
 * </pre>
 */
final class NettyKmipServer implements KmipServer {

    private static final Logger log = LoggerFactory.getLogger(NettyKmipServer.class);

    private final String host;
    private final EventLoopGroup boss;
    private final EventLoopGroup io;
    private final ExecutorService workers;
    private final Connections connections;
    private final ObjectStore store;
    private final AuditLog audit;
    private final Duration shutdownTimeout;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch terminated = new CountDownLatch(1);
    private Channel ttlvChannel;
    private Channel httpsChannel;

    private NettyKmipServer(KmipServer.Builder b) {
        this.host = b.host;
        this.boss = new MultiThreadIoEventLoopGroup(1, threads("kmip-accept"), NioIoHandler.newFactory());
        this.io = new MultiThreadIoEventLoopGroup(0, threads("kmip-io"), NioIoHandler.newFactory());
        this.workers = Executors.newFixedThreadPool(b.workerThreads, threads("kmip-worker"));
        this.connections = new Connections(b.limits.maxConnections());
        this.store = b.store;
        this.audit = b.audit;
        this.shutdownTimeout = b.shutdownTimeout;
    }

    static KmipServer start(KmipServer.Builder b) {
        SslContext ssl = ServerTls.context(b.tls);
        MessageDispatcher dispatcher = b.dispatcher();
        NettyKmipServer server = new NettyKmipServer(b);
        try {
            server.ttlvChannel = server.bind(b.port, new ChannelInitializer<SocketChannel>() {
                @Override
                protected void initChannel(SocketChannel ch) {
                    ChannelPipeline p = ch.pipeline();
                    server.front(p, ssl, b);
                    KmipPipeline.addCodec(p, b.limits.ttlvLimits());
                    p.addLast("kmip", new KmipConnectionHandler(dispatcher, b.identitySource, server.connections,
                            server.workers));
                }
            });
            if (b.httpsPort >= 0) {
                server.httpsChannel = server.bind(b.httpsPort, new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ChannelPipeline p = ch.pipeline();
                        server.front(p, ssl, b);
                        p.addLast("http-codec", new HttpServerCodec());
                        p.addLast("http-aggregator", new HttpObjectAggregator(b.limits.maxMessageSize()));
                        p.addLast("kmip-http", new KmipHttpHandler(dispatcher, b.identitySource, server.connections,
                                server.workers, b.limits));
                    }
                });
            }
        } catch (RuntimeException e) {
            server.shutdownThreads();
            throw e;
        }
        log.info("KMIP server listening on {}:{} (TLS provider {}){}", b.host, server.port(), ServerTls.provider(),
                server.httpsChannel == null ? "" : ", HTTPS on port " + server.httpsPort());
        return server;
    }

    private void front(ChannelPipeline p, SslContext ssl, KmipServer.Builder b) {
        p.addLast("limiter", connections.limiter);
        p.addLast("ssl", ssl.newHandler(p.channel().alloc()));
        long idle = b.idleTimeout.toMillis();
        p.addLast("idle", new IdleStateHandler(0, 0, idle, TimeUnit.MILLISECONDS));
    }

    private Channel bind(int port, ChannelInitializer<SocketChannel> init) {
        ServerBootstrap sb = new ServerBootstrap()
                .group(boss, io)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 256)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(init);
        try {
            return sb.bind(host, port).syncUninterruptibly().channel();
        } catch (Exception e) {
            // syncUninterruptibly rethrows the bind failure (a checked exception, undeclared).
            BindException be = new BindException(host + ":" + port + ": cannot bind (" + e.getMessage() + ")");
            be.initCause(e);
            throw new UncheckedIOException(be);
        }
    }

    @Override
    public String host() {
        return host;
    }

    @Override
    public int port() {
        return ((InetSocketAddress) ttlvChannel.localAddress()).getPort();
    }

    @Override
    public int httpsPort() {
        return httpsChannel == null ? -1 : ((InetSocketAddress) httpsChannel.localAddress()).getPort();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        log.info("KMIP server on {}:{} closing", host, port());
        ttlvChannel.close().syncUninterruptibly();
        if (httpsChannel != null) {
            httpsChannel.close().syncUninterruptibly();
        }
        connections.stopReading();
        try {
            if (!connections.awaitIdle(shutdownTimeout)) {
                log.warn("closing with requests still in flight after {}", shutdownTimeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        connections.channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        shutdownThreads();
        try {
            store.close();
        } catch (RuntimeException e) {
            log.warn("closing the store failed", e);
        }
        try {
            audit.close();
        } catch (RuntimeException e) {
            log.warn("closing the audit log failed", e);
        }
        log.info("KMIP server closed");
        terminated.countDown();
    }

    @Override
    public void awaitClosed() throws InterruptedException {
        terminated.await();
    }

    private void shutdownThreads() {
        workers.shutdown();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        io.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        boss.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
        io.terminationFuture().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private static ThreadFactory threads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
