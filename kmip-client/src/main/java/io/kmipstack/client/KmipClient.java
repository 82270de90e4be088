package io.kmipstack.client;

import io.kmipstack.codec.registry.KmipVersion;

/**
 * A KMIP client over mutual TLS: thread-safe, one per application and set of servers, closed
 * when done. {@link #async()} gives {@code CompletableFuture}s, {@link #sync()} blocks on the same
 * futures; both offer a typed, fluent call per operation:
 *
 * <pre>{@code
 * try (KmipClient client = KmipClient.create(options)) {
 *     String id = client.sync().create().aes(256).name("k1").usage(ENCRYPT, DECRYPT).execute()
 *             .uniqueIdentifier().toString();
 *     client.sync().activate(id);
 * }
 * }</pre>
 *
 * <p><b>Matching responses to requests.</b> Before KMIP 1.4 a message carries nothing that ties a
 * response to its request, and even from 1.4 the correlation values are optional for the server
 * to echo. The client therefore keeps exactly one request in flight per connection: a connection
 * receives only the answer to the request it last sent, so matching cannot go wrong whatever the
 * version or the server. Concurrency comes from a pool of connections per endpoint
 * ({@link KmipClientOptions#poolSize()}); callers beyond it wait in line for a free connection.
 * Pipelining several requests on one connection (FIFO) would save connections, but one slow or
 * lost answer would then hold up or mis-assign every request behind it, and after a timeout the
 * connection could not be reused safely; with one in flight, a timed-out connection is simply
 * closed. Within a batch, items are matched by Unique Batch Item ID.
 *
 * <p><b>Version.</b> On the first connection to each endpoint the client negotiates the protocol
 * version with Discover Versions and falls back version by version when the server refuses or
 * closes (see {@link KmipClientOptions}); every request is then encoded for that version, and a
 * request that uses something the version lacks fails before it is sent.
 *
 * <p><b>Failures.</b> A failed result raises {@link io.kmipstack.codec.KmipException} with the
 * server's Result Status, Result Reason and Result Message. Connection failures fail over to the
 * next endpoint; a request whose connection dropped before the answer is repeated only if it is
 * safe to repeat ({@link KmipRequest#idempotent()}).
 */
public interface KmipClient extends AutoCloseable {

    /**
     * A client for {@code options}. No connection is opened until the first call.
     *
     * @throws IllegalStateException if the TLS context cannot be built from the options
     */
    static KmipClient create(KmipClientOptions options) {
        return new ClientCore(options);
    }

    KmipAsync async();

    KmipSync sync();

    KmipClientOptions options();

    /** The version negotiated with the first endpoint that has answered, or null before any has. */
    KmipVersion negotiatedVersion();

    /**
     * Closes every connection, fails calls still in progress with {@link KmipConnectionException},
     * and stops the I/O threads (waiting a few seconds at most). Idempotent.
     */
    @Override
    void close();
}
