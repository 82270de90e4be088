package io.kmipstack.server;

import io.kmipstack.codec.registry.Operation;
import io.kmipstack.server.audit.AuditLog;
import io.kmipstack.server.message.Authenticator;
import io.kmipstack.server.message.MessageDispatcher;
import io.kmipstack.server.message.Middleware;
import io.kmipstack.server.op.Handlers;
import io.kmipstack.server.op.OperationHandler;
import io.kmipstack.server.store.ObjectStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A running KMIP server: TTLV over mutual TLS on {@link #port()} (KMIP's registered port 5696 by
 * default), and optionally KMIP over HTTPS on {@link #httpsPort()} (KMIP Additional Message
 * Encodings: TTLV, XML or JSON bodies), both answered by one message layer. Start one with
 * {@link #builder()}; {@link #close()} stops it gracefully: no new connections, no new requests,
 * the requests already read are answered (within the shutdown timeout), then the connections and
 * the store are closed.
 *
 * <pre>{@code
 * try (KmipServer server = KmipServer.builder()
 *         .port(0)                                   // ephemeral
 *         .tls(TlsMaterial.fromPem(serverPem, serverKey, caPem))
 *         .store(store)
 *         .admins("ops")
 *         .start()) {
 *     connect to "localhost", server.port() ...
 * }
 * }</pre>
 */
public interface KmipServer extends AutoCloseable {

    /** KMIP's IANA-registered port. */
    int DEFAULT_PORT = 5696;

    static Builder builder() {
        return new Builder();
    }

    /** The host or address the ports are bound to. */
    String host();

    /** The TTLV port actually bound (the ephemeral one when the builder said 0). */
    int port();

    /** The HTTPS port actually bound, or -1 when HTTPS is off. */
    int httpsPort();

    /** Closes gracefully within the builder's shutdown timeout; idempotent. */
    @Override
    void close();

    /** Blocks until {@link #close()} has finished (called from another thread, or a shutdown hook). */
    void awaitClosed() throws InterruptedException;

    /** Configures and starts a {@link KmipServer}. Every setting has a default except TLS material and the store. */
    final class Builder {

        /** Default for {@link #idleTimeout(Duration)}. */
        public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofMinutes(5);
        /** Default for {@link #shutdownTimeout(Duration)}. */
        public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);
        /** Default for {@link #host(String)}: loopback only, until asked for more. */
        public static final String DEFAULT_HOST = "127.0.0.1";

        String host = DEFAULT_HOST;
        int port = DEFAULT_PORT;
        int httpsPort = -1;
        TlsMaterial tls;
        IdentitySource identitySource = IdentitySource.COMMON_NAME;
        ObjectStore store;
        AuditLog audit = AuditLog.noop();
        Map<Operation, OperationHandler> handlers = Handlers.standard();
        final List<Middleware> middleware = new ArrayList<>();
        final Set<String> admins = new LinkedHashSet<>();
        final List<UserAccount> users = new ArrayList<>();
        final List<DeviceAccount> devices = new ArrayList<>();
        boolean credentialNamesRequester;
        ServerLimits limits = ServerLimits.DEFAULT;
        Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
        Clock clock = Clock.systemUTC();
        int workerThreads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());

        Builder() {
        }

        /** The address to bind ({@value #DEFAULT_HOST} by default; {@code 0.0.0.0} for every interface). */
        public Builder host(String h) {
            this.host = Objects.requireNonNull(h, "host");
            return this;
        }

        /** The TTLV port; 0 picks a free one ({@link KmipServer#port()} says which). */
        public Builder port(int p) {
            this.port = checkPort(p, "port");
            return this;
        }

        /** Turns on KMIP over HTTPS on this port (0 picks a free one); off by default. */
        public Builder httpsPort(int p) {
            this.httpsPort = checkPort(p, "httpsPort");
            return this;
        }

        public Builder tls(TlsMaterial material) {
            this.tls = Objects.requireNonNull(material, "tls");
            return this;
        }

        /** Which part of the client certificate names the requester (Common Name by default). */
        public Builder identity(IdentitySource source) {
            this.identitySource = Objects.requireNonNull(source, "identity");
            return this;
        }

        /** Where objects live; the server closes it when it closes. */
        public Builder store(ObjectStore s) {
            this.store = Objects.requireNonNull(s, "store");
            return this;
        }

        /** Where every answered batch item is recorded (nowhere by default); the server closes it when it closes. */
        public Builder audit(AuditLog log) {
            this.audit = Objects.requireNonNull(log, "audit");
            return this;
        }

        /**
         * Replaces the dispatch table ({@link Handlers#standard()} by default: object management,
         * attributes, lifecycle, Query, Interop, Log). The map is used as given, not copied, because
         * the standard Query handler reports the operations of the table it was created in; fill it
         * before {@link #start()}. Discover Versions is the message layer's own and is never taken
         * from the table.
         */
        public Builder handlers(Map<Operation, OperationHandler> table) {
            this.handlers = Objects.requireNonNull(table, "handlers");
            return this;
        }

        /**
         * Adds or replaces one handler in the dispatch table (which must then be mutable, as the
         * default is); Query reports it like the others.
         */
        public Builder handler(Operation operation, OperationHandler handler) {
            handlers.put(Objects.requireNonNull(operation, "operation"), Objects.requireNonNull(handler, "handler"));
            return this;
        }

        /** Appends middleware around every batch item (the first added is the outermost). */
        public Builder middleware(Middleware m) {
            middleware.add(Objects.requireNonNull(m, "middleware"));
            return this;
        }

        /** Identities that see and may use every object. */
        public Builder admins(String... identities) {
            return admins(Arrays.asList(identities));
        }

        public Builder admins(Iterable<String> identities) {
            identities.forEach(i -> admins.add(Objects.requireNonNull(i, "admin identity")));
            return this;
        }

        /**
         * Users whose Username and Password credential a request must carry (with devices, see
         * {@link #devices}). With no users and no devices, credentials in requests are ignored and
         * the certificate alone identifies the requester.
         */
        public Builder users(UserAccount... accounts) {
            users.addAll(Arrays.asList(accounts));
            return this;
        }

        public Builder users(Iterable<UserAccount> accounts) {
            accounts.forEach(users::add);
            return this;
        }

        /** Devices whose Device credential a request may carry instead of a user's. */
        public Builder devices(DeviceAccount... accounts) {
            devices.addAll(Arrays.asList(accounts));
            return this;
        }

        public Builder devices(Iterable<DeviceAccount> accounts) {
            accounts.forEach(devices::add);
            return this;
        }

        /**
         * When true, a request's satisfied credential (its username, or the device's name) is the
         * requester instead of the certificate's identity; false by default.
         */
        public Builder credentialNamesRequester(boolean yes) {
            this.credentialNamesRequester = yes;
            return this;
        }

        public Builder limits(ServerLimits l) {
            this.limits = Objects.requireNonNull(l, "limits");
            return this;
        }

        /** Closes a connection that has neither read nor written for this long with nothing in flight. */
        public Builder idleTimeout(Duration timeout) {
            this.idleTimeout = checkPositive(timeout, "idleTimeout");
            return this;
        }

        /** How long {@link KmipServer#close()} waits for requests in flight. */
        public Builder shutdownTimeout(Duration timeout) {
            this.shutdownTimeout = checkPositive(timeout, "shutdownTimeout");
            return this;
        }

        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /** Threads that run requests (store and crypto work stays off the network threads). */
        public Builder workerThreads(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("workerThreads: " + n + " (expected: >= 1)");
            }
            this.workerThreads = n;
            return this;
        }

        /**
         * Binds the ports and starts serving.
         *
         * @throws IllegalStateException when TLS material or the store is missing
         * @throws java.io.UncheckedIOException when a port cannot be bound
         */
        public KmipServer start() {
            if (tls == null) {
                throw new IllegalStateException("tls: not set (the server needs its certificate, key and the client CA)");
            }
            if (store == null) {
                throw new IllegalStateException("store: not set");
            }
            return NettyKmipServer.start(this);
        }

        MessageDispatcher dispatcher() {
            Authenticator authenticator = users.isEmpty() && devices.isEmpty()
                    ? Authenticator.tlsOnly()
                    : new AccountAuthenticator(users, devices, credentialNamesRequester);
            MessageDispatcher.Builder b = MessageDispatcher.builder()
                    .handlers(handlers)
                    .store(store)
                    .authenticator(authenticator)
                    .admins(admins)
                    .maxBatchItems(limits.maxBatchItems())
                    .maxAttributes(limits.maxAttributes())
                    .clock(clock)
                    .audit(audit);
            middleware.forEach(b::middleware);
            return b.build();
        }

        private static int checkPort(int p, String name) {
            if (p < 0 || p > 65535) {
                throw new IllegalArgumentException(name + ": " + p + " (expected: 0 to 65535)");
            }
            return p;
        }

        private static Duration checkPositive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + ": " + d + " (expected: > 0)");
            }
            return d;
        }
    }
}
