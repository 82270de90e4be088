package io.kmipstack.server;

import io.kmipstack.codec.netty.InvalidKmipMessage;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.server.message.MessageDispatcher;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a TTLV connection's pipeline: takes the peer's identity from its certificate once the
 * handshake completes, hands each request ({@link Ttlv}, or {@link InvalidKmipMessage} for a frame
 * that is not TTLV, answered Invalid Message) to the {@link MessageDispatcher} in order through
 * {@link InOrder} (reads that need no write are answered on the event loop, see
 * {@link MessageDispatcher#handleWithoutWriting}), and closes the connection deliberately when
 * framing is lost (a declared length over the limit, or a first item that is not a Structure: KMIP
 * has no way to find the next message), after answering the requests read before. An idle connection with nothing in flight is closed.
 */
final class KmipConnectionHandler extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(KmipConnectionHandler.class);

    private final MessageDispatcher dispatcher;
    private final IdentitySource identitySource;
    private final Connections connections;
    private final Executor workers;
    private InOrder inOrder;
    private String identity;

    KmipConnectionHandler(MessageDispatcher dispatcher, IdentitySource identitySource, Connections connections,
            Executor workers) {
        this.dispatcher = dispatcher;
        this.identitySource = identitySource;
        this.connections = connections;
        this.workers = workers;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        inOrder = new InOrder(ctx, connections, workers);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SslHandshakeCompletionEvent hs) {
            if (hs.isSuccess()) {
                identity = peerIdentity(ctx, identitySource);
                log.debug("connection from {} as {}", ctx.channel().remoteAddress(), identity);
            } else {
                log.debug("TLS handshake with {} failed: {}", ctx.channel().remoteAddress(), String.valueOf(hs.cause()));
            }
        } else if (evt instanceof IdleStateEvent) {
            if (inOrder.idle()) {
                log.debug("closing idle connection from {}", ctx.channel().remoteAddress());
                ctx.close();
            }
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (identity == null) {
            identity = peerIdentity(ctx, identitySource);
        }
        String who = identity;
        String address = String.valueOf(ctx.channel().remoteAddress());
        if (msg instanceof Ttlv request) {
            // A read that needs no write transaction is answered here, on the event loop, when
            // nothing of this connection's is in flight; anything else goes to the workers.
            Ttlv answer = inOrder.idle() && !connections.closing() ? dispatcher.handleWithoutWriting(request, who, address) : null;
            if (answer != null) {
                inOrder.answerNow(answer);
            } else {
                inOrder.submit(() -> dispatcher.handle(request, who, address));
            }
        } else if (msg instanceof InvalidKmipMessage invalid) {
            log.debug("undecodable message from {}: {}", who, invalid.cause().getMessage());
            inOrder.submit(() -> dispatcher.handleUndecodable(invalid.frame(), invalid.cause().getMessage(), who, address));
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof TooLongFrameException || cause instanceof CorruptedFrameException) {
            log.info("closing connection from {}: framing lost ({})", ctx.channel().remoteAddress(), cause.getMessage());
            inOrder.closeWhenDone();
        } else if (cause instanceof SSLException || cause.getCause() instanceof SSLException || cause instanceof IOException) {
            log.debug("closing connection from {}: {}", ctx.channel().remoteAddress(), String.valueOf(cause));
            ctx.close();
        } else {
            log.warn("closing connection from {}", ctx.channel().remoteAddress(), cause);
            ctx.close();
        }
    }

    /** The identity of the verified client certificate on {@code ctx}'s channel. */
    static String peerIdentity(ChannelHandlerContext ctx, IdentitySource source) {
        SslHandler ssl = ctx.pipeline().get(SslHandler.class);
        try {
            Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
            return source.identityOf((X509Certificate) chain[0]);
        } catch (SSLPeerUnverifiedException e) {
            // Unreachable with ClientAuth.REQUIRE: no data flows before a verified handshake.
            throw new IllegalStateException("no verified client certificate", e);
        }
    }
}
