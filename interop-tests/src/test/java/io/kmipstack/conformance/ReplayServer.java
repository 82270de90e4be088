package io.kmipstack.conformance;

import io.kmipstack.codec.json.KmipJson;
import io.kmipstack.codec.netty.KmipPipeline;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvDecoder;
import io.kmipstack.codec.ttlv.TtlvEncoder;
import io.kmipstack.codec.xml.KmipXml;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A mutual-TLS server on a loopback port that hands each connection to a fresh {@link Replayer}:
 * binary TTLV on one port, KMIP over HTTPS on another (bodies decoded and answered in the encoding
 * the Content-Type names). It records the HTTP requests it saw, for the tests to check the
 * runner's method, path and content types.
 */
final class ReplayServer implements AutoCloseable {

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final Channel ttlv;
    private final Channel https;
    private final List<String> httpRequests = new CopyOnWriteArrayList<>();
    private final List<Replayer> replayers = new CopyOnWriteArrayList<>();
    private volatile Supplier<Replayer> factory;
    private volatile boolean silent;

    ReplayServer(Path pki) throws InterruptedException, javax.net.ssl.SSLException {
        SslContext ssl = SslContextBuilder.forServer(pki.resolve("server.pem").toFile(), pki.resolve("server.key").toFile())
                .trustManager(pki.resolve("ca.pem").toFile())
                .clientAuth(ClientAuth.REQUIRE)
                .build();
        ttlv = bind(ssl, ch -> {
            KmipPipeline.addCodec(ch.pipeline());
            Replayer r = next();
            ch.pipeline().addLast(new SimpleChannelInboundHandler<Ttlv>() {
                @Override
                protected void channelRead0(ChannelHandlerContext ctx, Ttlv msg) {
                    if (!silent) {
                        ctx.writeAndFlush(r.exchange(msg, Duration.ofSeconds(1)));
                    }
                }
            });
        });
        https = bind(ssl, ch -> {
            Replayer r = next();
            ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 22), new SimpleChannelInboundHandler<FullHttpRequest>() {
                @Override
                protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
                    String type = req.headers().get(HttpHeaderNames.CONTENT_TYPE);
                    httpRequests.add(req.method() + " " + req.uri() + " " + type);
                    byte[] body = ByteBufUtil.getBytes(req.content());
                    String text = new String(body, StandardCharsets.UTF_8);
                    Ttlv request = switch (type) {
                        case "text/xml" -> KmipXml.read(text);
                        case "application/json" -> KmipJson.read(text);
                        default -> TtlvDecoder.create().decode(body);
                    };
                    Ttlv response = r.exchange(request, Duration.ofSeconds(1));
                    byte[] out = switch (type) {
                        case "text/xml" -> KmipXml.write(response).getBytes(StandardCharsets.UTF_8);
                        case "application/json" -> KmipJson.write(response).getBytes(StandardCharsets.UTF_8);
                        default -> TtlvEncoder.encode(response);
                    };
                    FullHttpResponse resp = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, Unpooled.wrappedBuffer(out));
                    resp.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
                    HttpUtil.setContentLength(resp, out.length);
                    HttpUtil.setKeepAlive(resp, true);
                    ctx.writeAndFlush(resp);
                }
            });
        });
    }

    private Channel bind(SslContext ssl, java.util.function.Consumer<SocketChannel> init) throws InterruptedException {
        return new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(ssl.newHandler(ch.alloc()));
                        init.accept(ch);
                        // Refused handshakes are what some tests are about: close, do not log.
                        ch.pipeline().addLast(new io.netty.channel.ChannelInboundHandlerAdapter() {
                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                ctx.close();
                            }
                        });
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    private Replayer next() {
        Replayer r = factory.get();
        replayers.add(r);
        return r;
    }

    /** Each new connection gets a replayer from {@code factory}. */
    void serve(Supplier<Replayer> factory) {
        this.factory = factory;
    }

    /** When true, TTLV requests get no answer at all (for timeouts). */
    void silent(boolean silent) {
        this.silent = silent;
    }

    List<Replayer> replayers() {
        return replayers;
    }

    List<String> httpRequests() {
        return httpRequests;
    }

    Endpoint ttlvEndpoint() {
        return new Endpoint("127.0.0.1", ((InetSocketAddress) ttlv.localAddress()).getPort());
    }

    Endpoint httpsEndpoint() {
        return new Endpoint("127.0.0.1", ((InetSocketAddress) https.localAddress()).getPort());
    }

    @Override
    public void close() {
        ttlv.close();
        https.close();
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
