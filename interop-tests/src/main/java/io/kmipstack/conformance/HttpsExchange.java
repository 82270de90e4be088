package io.kmipstack.conformance;

import io.kmipstack.codec.json.KmipJson;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvDecoder;
import io.kmipstack.codec.ttlv.TtlvEncoder;
import io.kmipstack.codec.ttlv.TtlvLimits;
import io.kmipstack.codec.xml.KmipXml;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * KMIP over HTTPS (KMIP Additional Message Encodings 1.0, section 2): each request is an HTTP/1.1
 * POST to the server's KMIP path with the message as the body, in TTLV, XML or JSON as the
 * {@link Wire} says and with that Content-Type; the response body must come back in the same
 * encoding and Content-Type with status 200. The connection is kept while the server keeps it
 * alive and reopened when it does not.
 */
final class HttpsExchange implements Exchange {

    // An XML or JSON message is several times the size of its TTLV form.
    private static final int MAX_BODY = 8 * TtlvLimits.DEFAULT_MAX_MESSAGE_SIZE;

    private final NettyTransport transport;
    private final Endpoint endpoint;
    private final String path;
    private final Wire wire;
    private final Duration connectTimeout;
    private Channel channel;
    private volatile CompletableFuture<FullHttpResponse> pending;

    HttpsExchange(NettyTransport transport, Endpoint endpoint, String path, Wire wire, Duration connectTimeout) throws IOException {
        this.transport = transport;
        this.endpoint = endpoint;
        this.path = path;
        this.wire = wire;
        this.connectTimeout = connectTimeout;
        connect();
    }

    private void connect() throws IOException {
        channel = transport.connect(endpoint, connectTimeout, ch -> ch.pipeline()
                .addLast("http", new HttpClientCodec())
                .addLast("aggregate", new HttpObjectAggregator(MAX_BODY))
                .addLast("conformance", new SimpleChannelInboundHandler<FullHttpResponse>() {
                    @Override
                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse msg) {
                        CompletableFuture<FullHttpResponse> p = pending;
                        if (p == null || !p.complete(msg.retain())) {
                            msg.release();
                        }
                    }

                    @Override
                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                        failPending(new IOException(Durations.describe(cause), cause));
                        ctx.close();
                    }

                    @Override
                    public void channelInactive(ChannelHandlerContext ctx) {
                        failPending(new IOException("connection closed by the server"));
                    }
                }));
    }

    private void failPending(IOException e) {
        CompletableFuture<FullHttpResponse> p = pending;
        if (p != null) {
            p.completeExceptionally(e);
        }
    }

    @Override
    public Ttlv exchange(Ttlv request, Duration timeout) throws IOException {
        if (!channel.isActive()) {
            connect();
        }
        byte[] body = encode(request);
        FullHttpRequest post = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, path, Unpooled.wrappedBuffer(body));
        post.headers()
                .set(HttpHeaderNames.HOST, endpoint.toString())
                .set(HttpHeaderNames.CONTENT_TYPE, wire.contentType())
                .set(HttpHeaderNames.ACCEPT, wire.contentType())
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        HttpUtil.setContentLength(post, body.length);
        CompletableFuture<FullHttpResponse> response = new CompletableFuture<>();
        pending = response;
        channel.writeAndFlush(post).addListener(f -> {
            if (!f.isSuccess()) {
                response.completeExceptionally(f.cause());
            }
        });
        FullHttpResponse r;
        try {
            r = response.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the response");
        } catch (TimeoutException e) {
            channel.close();
            throw new IOException("no response within " + Durations.format(timeout));
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            throw c instanceof IOException io ? io : new IOException(Durations.describe(c), c);
        } finally {
            pending = null;
        }
        try {
            if (!r.status().equals(HttpResponseStatus.OK)) {
                throw new IOException("HTTP status " + r.status() + " (expected: 200 OK)");
            }
            String type = r.headers().get(HttpHeaderNames.CONTENT_TYPE);
            String mediaType = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (!mediaType.equals(wire.contentType())) {
                throw new IOException("response Content-Type: " + type + " (expected: " + wire.contentType() + ")");
            }
            byte[] bytes = ByteBufUtil.getBytes(r.content());
            if (!HttpUtil.isKeepAlive(r)) {
                channel.close();
            }
            return decode(bytes);
        } finally {
            r.release();
        }
    }

    private byte[] encode(Ttlv request) {
        return switch (wire) {
            case HTTPS_XML -> KmipXml.write(request).getBytes(StandardCharsets.UTF_8);
            case HTTPS_JSON -> KmipJson.write(request).getBytes(StandardCharsets.UTF_8);
            default -> TtlvEncoder.encode(request);
        };
    }

    private Ttlv decode(byte[] body) throws IOException {
        try {
            return switch (wire) {
                case HTTPS_XML -> KmipXml.read(new String(body, StandardCharsets.UTF_8));
                case HTTPS_JSON -> KmipJson.read(new String(body, StandardCharsets.UTF_8));
                default -> TtlvDecoder.create().decode(body);
            };
        } catch (RuntimeException e) {
            throw new IOException("response body is not a well-formed " + wire + " message: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        }
    }
}
