package io.kmipstack.client;

import io.kmipstack.certs.DevPki;
import io.kmipstack.codec.model.ProtocolVersion;
import io.kmipstack.codec.model.RequestBatchItem;
import io.kmipstack.codec.model.RequestMessage;
import io.kmipstack.codec.model.ResponseBatchItem;
import io.kmipstack.codec.model.ResponseHeader;
import io.kmipstack.codec.model.ResponseMessage;
import io.kmipstack.codec.netty.KmipPipeline;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.ResultStatus;
import io.kmipstack.codec.ttlv.Ttlv;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A KMIP server in a test: a Netty TLS listener on a loopback port, framed with the codec's
 * {@link KmipPipeline}, that hands each decoded request to a {@link Script} which answers, stays
 * silent or closes the connection. It records every request and counts connections, so tests can
 * assert what the client actually sent. Requires a client certificate from the same dev PKI.
 */
final class ScriptedPeer implements AutoCloseable {

    /** What the peer does with one request. */
    interface Script {
        void handle(Exchange exchange);
    }

    /** One request on one connection, and the ways to answer it. */
    static final class Exchange {
        final RequestMessage request;
        final int connection;
        private final ChannelHandlerContext ctx;

        Exchange(RequestMessage request, int connection, ChannelHandlerContext ctx) {
            this.request = request;
            this.connection = connection;
            this.ctx = ctx;
        }

        KmipVersion version() {
            ProtocolVersion pv = request.requestHeader().protocolVersion();
            return new KmipVersion(pv.protocolVersionMajor(), pv.protocolVersionMinor());
        }

        RequestBatchItem item(int i) {
            return request.batchItem().get(i);
        }

        void reply(List<ResponseBatchItem> items) {
            ctx.writeAndFlush(response(version(), items).encode(version()));
        }

        /** Success for every item, with the given payloads in item order. */
        void succeed(ResponsePayload... payloads) {
            List<ResponseBatchItem> items = new ArrayList<>();
            for (int i = 0; i < request.batchItem().size(); i++) {
                RequestBatchItem r = request.batchItem().get(i);
                items.add(new ResponseBatchItem(r.operation(), r.uniqueBatchItemID(), ResultStatus.SUCCESS, null, null, null,
                        i < payloads.length ? payloads[i] : null, List.of()));
            }
            reply(items);
        }

        /** Failure of the (first) item with a reason and message. */
        void fail(ResultReason reason, String message) {
            RequestBatchItem r = request.batchItem().get(0);
            reply(List.of(new ResponseBatchItem(r.operation(), r.uniqueBatchItemID(), ResultStatus.OPERATION_FAILED, reason, message,
                    null, null, List.of())));
        }

        void writeRaw(Ttlv message) {
            ctx.writeAndFlush(message);
        }

        void close() {
            ctx.close();
        }

        /** Answers nothing, leaving the client to time out. */
        void ignore() {
        }
    }

    static ResponseMessage response(KmipVersion v, List<ResponseBatchItem> items) {
        ResponseHeader h = new ResponseHeader(new ProtocolVersion(v.major(), v.minor()), Instant.ofEpochSecond(Instant.now().getEpochSecond()),
                null, null, List.of(), null, null, items.size());
        return new ResponseMessage(h, items);
    }

    private final EventLoopGroup group;
    private final Channel server;
    private final List<RequestMessage> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger closedConnections = new AtomicInteger();
    private volatile Script script;

    private ScriptedPeer(DevPki pki, String host, int port, Script script) throws Exception {
        this.script = script;
        SslContext ssl = SslContextBuilder.forServer(pki.server().privateKey(), pki.server().certificate())
                .sslProvider(SslProvider.JDK)
                .trustManager(pki.ca().certificate())
                .clientAuth(ClientAuth.REQUIRE)
                .protocols("TLSv1.3", "TLSv1.2")
                .build();
        group = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("scripted-peer", true), NioIoHandler.newFactory());
        server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        int n = connections.incrementAndGet();
                        ch.closeFuture().addListener(f -> closedConnections.incrementAndGet());
                        ch.pipeline().addLast(ssl.newHandler(ch.alloc()));
                        KmipPipeline.addCodec(ch.pipeline());
                        ch.pipeline().addLast(new SimpleChannelInboundHandler<Ttlv>() {
                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, Ttlv msg) {
                                RequestMessage m = RequestMessage.decode(msg);
                                requests.add(m);
                                ScriptedPeer.this.script.handle(new Exchange(m, n, ctx));
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                ctx.close();
                            }
                        });
                    }
                })
                .bind(host, port).sync().channel();
    }

    static ScriptedPeer start(DevPki pki, Script script) throws Exception {
        return new ScriptedPeer(pki, "127.0.0.1", 0, script);
    }

    static ScriptedPeer start(DevPki pki, String host, int port, Script script) throws Exception {
        return new ScriptedPeer(pki, host, port, script);
    }

    void script(Script script) {
        this.script = script;
    }

    int port() {
        return ((java.net.InetSocketAddress) server.localAddress()).getPort();
    }

    String endpoint() {
        return ((java.net.InetSocketAddress) server.localAddress()).getHostString() + ":" + port();
    }

    List<RequestMessage> requests() {
        return requests;
    }

    int connections() {
        return connections.get();
    }

    int closedConnections() {
        return closedConnections.get();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
