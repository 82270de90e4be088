package io.kmipstack.server;

import io.kmipstack.codec.json.KmipJson;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvDecoder;
import io.kmipstack.codec.ttlv.TtlvDecodingException;
import io.kmipstack.codec.ttlv.TtlvEncoder;
import io.kmipstack.codec.xml.KmipXml;
import io.kmipstack.server.message.MessageDispatcher;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * KMIP over HTTPS (KMIP Additional Message Encodings 1.0: the HTTPS, JSON and XML profiles): one
 * request message per {@code POST /kmip}, its encoding named by the Content-Type, answered with a
 * 200 response in the same encoding. {@code application/octet-stream} carries binary TTLV,
 * {@code text/xml} (or {@code application/xml}) the XML encoding, {@code application/json} the
 * JSON encoding, one message each. A body that does not decode is answered like a TTLV frame that
 * does not: a KMIP response with Invalid Message. HTTP-level mistakes get HTTP answers: 404 for
 * another path, 405 for another method, 415 for another content type (413 for a body over the
 * message size limit comes from the aggregator in front). The same mutual TLS, identity and
 * dispatcher as the TTLV port; requests on one connection are answered in order.
 */
final class KmipHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {

    static final String PATH = "/kmip";
    private static final Logger log = LoggerFactory.getLogger(KmipHttpHandler.class);

    private final MessageDispatcher dispatcher;
    private final IdentitySource identitySource;
    private final Connections connections;
    private final Executor workers;
    private final TtlvDecoder decoder;
    private InOrder inOrder;
    private String identity;

    KmipHttpHandler(MessageDispatcher dispatcher, IdentitySource identitySource, Connections connections,
            Executor workers, ServerLimits limits) {
        this.dispatcher = dispatcher;
        this.identitySource = identitySource;
        this.connections = connections;
        this.workers = workers;
        this.decoder = TtlvDecoder.create(limits.ttlvLimits());
    }

    /** The body encodings, by media type. */
    enum Encoding {
        TTLV("application/octet-stream"),
        XML("text/xml"),
        JSON("application/json");

        final String mediaType;

        Encoding(String mediaType) {
            this.mediaType = mediaType;
        }

        static Encoding of(String contentType) {
            if (contentType == null) {
                return null;
            }
            int semi = contentType.indexOf(';');
            String media = (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
            return switch (media) {
                case "application/octet-stream" -> TTLV;
                case "text/xml", "application/xml" -> XML;
                case "application/json" -> JSON;
                default -> null;
            };
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        inOrder = new InOrder(ctx, connections, workers);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent hs && hs.isSuccess()) {
            identity = KmipConnectionHandler.peerIdentity(ctx, identitySource);
        } else if (evt instanceof IdleStateEvent && inOrder.idle()) {
            ctx.close();
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (identity == null) {
            identity = KmipConnectionHandler.peerIdentity(ctx, identitySource);
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!request.decoderResult().isSuccess()) {
            respond(() -> status(HttpResponseStatus.BAD_REQUEST, false, "malformed HTTP request"), false);
            return;
        }
        if (!HttpMethod.POST.equals(request.method())) {
            String method = request.method().name();
            respond(() -> {
                FullHttpResponse r = status(HttpResponseStatus.METHOD_NOT_ALLOWED, keepAlive,
                        "method: " + method + " (expected: POST)");
                r.headers().set(HttpHeaderNames.ALLOW, HttpMethod.POST.name());
                return r;
            }, keepAlive);
            return;
        }
        if (!PATH.equals(new QueryStringDecoder(request.uri()).path())) {
            respond(() -> status(HttpResponseStatus.NOT_FOUND, keepAlive, "path: not found (expected: " + PATH + ")"),
                    keepAlive);
            return;
        }
        Encoding encoding = Encoding.of(request.headers().get(HttpHeaderNames.CONTENT_TYPE));
        if (encoding == null) {
            String contentType = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
            respond(() -> status(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, keepAlive, "content type: " + contentType
                    + " (expected: application/octet-stream, text/xml or application/json)"), keepAlive);
            return;
        }
        byte[] body = ByteBufUtil.getBytes(request.content());
        String who = identity;
        String address = String.valueOf(ctx.channel().remoteAddress());
        respond(() -> {
            byte[] answer = encode(encoding, answer(encoding, body, who, address));
            FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.wrappedBuffer(answer));
            r.headers().set(HttpHeaderNames.CONTENT_TYPE, encoding.mediaType);
            return finish(r, keepAlive);
        }, keepAlive);
    }

    private Ttlv answer(Encoding encoding, byte[] body, String who, String address) {
        Ttlv message;
        try {
            message = switch (encoding) {
                case TTLV -> decoder.decode(body);
                case XML -> KmipXml.read(new String(body, StandardCharsets.UTF_8));
                case JSON -> KmipJson.read(new String(body, StandardCharsets.UTF_8));
            };
        } catch (TtlvDecodingException e) {
            return dispatcher.handleUndecodable(Bytes.wrap(body), e.getMessage(), who, address);
        } catch (RuntimeException e) {
            // KmipXmlException, KmipJsonException: position and path, never values.
            log.debug("undecodable {} body from {}: {}", encoding, who, e.getMessage());
            return dispatcher.handleUndecodable(null, encoding + " body: " + e.getMessage(), who, address);
        }
        return dispatcher.handle(message, who, address);
    }

    private static byte[] encode(Encoding encoding, Ttlv response) {
        return switch (encoding) {
            case TTLV -> TtlvEncoder.encode(response);
            case XML -> KmipXml.write(response).getBytes(StandardCharsets.UTF_8);
            case JSON -> KmipJson.write(response).getBytes(StandardCharsets.UTF_8);
        };
    }

    /** Answers in order; without keep-alive the connection closes after the answer. */
    private void respond(Supplier<Object> answer, boolean keepAlive) {
        inOrder.submit(answer);
        if (!keepAlive) {
            inOrder.closeWhenDone();
        }
    }

    private static FullHttpResponse status(HttpResponseStatus s, boolean keepAlive, String text) {
        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, s,
                Unpooled.copiedBuffer(text + "\n", StandardCharsets.UTF_8));
        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
        return finish(r, keepAlive);
    }

    private static FullHttpResponse finish(FullHttpResponse r, boolean keepAlive) {
        HttpUtil.setContentLength(r, r.content().readableBytes());
        if (keepAlive) {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
        } else {
            r.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        return r;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof SSLException || cause.getCause() instanceof SSLException || cause instanceof IOException) {
            log.debug("closing HTTPS connection from {}: {}", ctx.channel().remoteAddress(), String.valueOf(cause));
        } else {
            log.warn("closing HTTPS connection from {}", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
