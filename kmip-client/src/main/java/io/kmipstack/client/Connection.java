package io.kmipstack.client;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.netty.InvalidKmipMessage;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.ttlv.Ttlv;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TLS connection to one endpoint, with at most one request in flight: KMIP before 1.4 has no
 * field that ties a response to its request, so the only response this connection can receive is
 * the answer to the one request it has sent. A response that arrives with nothing in flight is a
 * protocol violation and closes the connection. All state is touched on the channel's event loop
 * only.
 */
final class Connection extends ChannelInboundHandlerAdapter {

    private static final Logger log = LoggerFactory.getLogger(Connection.class);

    private final KmipEndpoint endpoint;
    private Channel channel;
    private CompletableFuture<Ttlv> pending; // event loop only
    private volatile KmipVersion version;
    private volatile EndpointPool pool;

    Connection(KmipEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    void bind(Channel channel) {
        this.channel = channel;
    }

    KmipEndpoint endpoint() {
        return endpoint;
    }

    Channel channel() {
        return channel;
    }

    /** The protocol version this connection speaks, once negotiated. */
    KmipVersion version() {
        return version;
    }

    Connection version(KmipVersion v) {
        this.version = v;
        return this;
    }

    void pool(EndpointPool pool) {
        this.pool = pool;
    }

    boolean isActive() {
        return channel.isActive();
    }

    void close() {
        channel.close();
    }

    /**
     * Sends {@code request} and completes with the next message received. Fails with
     * {@link KmipConnectionException} when the connection closes first, with the codec's
     * {@link KmipException} (Invalid Message) when the response is not well-formed TTLV, and with
     * Response Too Large when it exceeds the frame limit.
     */
    CompletableFuture<Ttlv> exchange(byte[] request) {
        CompletableFuture<Ttlv> f = new CompletableFuture<>();
        try {
            channel.eventLoop().execute(() -> send(f, request));
        } catch (java.util.concurrent.RejectedExecutionException e) {
            f.completeExceptionally(new KmipConnectionException("client closed"));
        }
        return f;
    }

    // On the event loop.
    private void send(CompletableFuture<Ttlv> f, byte[] request) {
        if (pending != null) {
            f.completeExceptionally(new IllegalStateException("connection to " + endpoint + ": a request is already in flight"));
            return;
        }
        if (!channel.isActive()) {
            f.completeExceptionally(new KmipConnectionException("connection to " + endpoint + " closed before the request was sent"));
            return;
        }
        pending = f;
        channel.writeAndFlush(Unpooled.wrappedBuffer(request)).addListener(w -> {
            if (!w.isSuccess()) {
                fail(new KmipConnectionException("write to " + endpoint + ": " + describe(w.cause()), w.cause()));
                channel.close();
            }
        });
    }

    private void fail(Throwable cause) {
        CompletableFuture<Ttlv> p = pending;
        pending = null;
        if (p != null) {
            p.completeExceptionally(cause);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            CompletableFuture<Ttlv> p = pending;
            pending = null;
            if (p == null) {
                log.warn("{}: message received with no request in flight; closing the connection", endpoint);
                ctx.close();
                return;
            }
            if (msg instanceof Ttlv t) {
                p.complete(t);
            } else if (msg instanceof InvalidKmipMessage invalid) {
                p.completeExceptionally(invalid.cause());
            } else {
                p.completeExceptionally(new IllegalStateException("unexpected message type " + msg.getClass().getName()));
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable c = cause instanceof DecoderException && cause.getCause() instanceof TooLongFrameException t ? t : cause;
        if (c instanceof TooLongFrameException) {
            fail(new KmipException(ResultReason.RESPONSE_TOO_LARGE, "response from " + endpoint + ": " + c.getMessage()));
        } else if (c instanceof CorruptedFrameException || c instanceof DecoderException) {
            fail(new KmipException(ResultReason.INVALID_MESSAGE, "response from " + endpoint + ": " + describe(c)));
        } else {
            fail(new KmipConnectionException("connection to " + endpoint + ": " + describe(c), c));
        }
        // The stream cannot be trusted after any of these.
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        fail(new KmipConnectionException("connection to " + endpoint + " closed before the response arrived"));
        EndpointPool p = pool;
        if (p != null) {
            p.closed(this);
        }
        super.channelInactive(ctx);
    }

    static String describe(Throwable t) {
        Throwable c = t;
        while ((c.getMessage() == null || c instanceof DecoderException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c.getMessage() != null ? c.getMessage() : c.getClass().getSimpleName();
    }

    @Override
    public String toString() {
        return "Connection[" + endpoint + ", " + (channel == null ? "unbound" : channel.id().asShortText()) + ", " + version + "]";
    }
}
