package io.kmipstack.junit;

import io.kmipstack.certs.DevPki;
import io.kmipstack.client.KmipClient;
import io.kmipstack.client.KmipClientOptions;
import io.kmipstack.client.TlsOptions;
import io.kmipstack.server.KmipServer;
import io.kmipstack.server.TlsMaterial;
import io.kmipstack.server.store.ObjectStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension behind {@link KmipServerTest}: starts a {@link KmipServer} on
 * {@code 127.0.0.1} and a random port, with an in-memory object store and a {@link DevPki} minted
 * for it (its PEM files in a temporary folder, deleted afterwards), and injects into test
 * parameters a ready {@link KmipClient} (connected as the test client certificate, closed with the
 * server), {@link KmipConnectionSettings} for anything else, and the {@link KmipServer} itself.
 *
 * <p>Registered through the annotation, or as a static field to configure the server further:
 * <pre>{@code
 * @RegisterExtension
 * static KmipServerExtension kmip = KmipServerExtension.builder()
 *         .clientCn("alice").admins("ops")
 *         .configure(b -> b.handler(Operation.LOG, myLogHandler))
 *         .build();
 * }</pre>
 * A static registration (or the annotation) gives one server per test class, shared by its tests
 * and its {@code @Nested} classes; an instance-field registration gives one per test method.
 */
public final class KmipServerExtension implements BeforeAllCallback, ParameterResolver {

    static final String DEFAULT_CLIENT_CN = "kmip-test";
    private static final Namespace NAMESPACE = Namespace.create(KmipServerExtension.class);
    private static final String KEY = "server";

    private final Options options;
    private volatile Running running;

    /** The extension as {@link KmipServerTest} registers it: settings from the annotation. */
    public KmipServerExtension() {
        this(null);
    }

    private KmipServerExtension(Options options) {
        this.options = options;
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        running(context);
    }

    /** The settings of the server started for the current test class (after it started). */
    public KmipConnectionSettings settings() {
        return started().settings;
    }

    /** The server started for the current test class (after it started). */
    public KmipServer server() {
        return started().server;
    }

    /** The client connected to the server started for the current test class (after it started). */
    public KmipClient client() {
        return started().client;
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == KmipConnectionSettings.class || type == KmipServer.class || type == KmipClient.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Running r = running(context);
        Class<?> type = parameter.getParameter().getType();
        if (type == KmipConnectionSettings.class) {
            return r.settings;
        }
        if (type == KmipServer.class) {
            return r.server;
        }
        if (type == KmipClient.class) {
            return r.client;
        }
        throw new ParameterResolutionException("cannot inject " + type.getName());
    }

    private Running started() {
        Running r = running;
        if (r == null) {
            throw new IllegalStateException("the KMIP test server has not started (it starts before the test class's first test)");
        }
        return r;
    }

    private Running running(ExtensionContext context) {
        // getOrComputeIfAbsent searches the enclosing contexts' stores first, so @Nested classes share one server.
        Running r = context.getStore(NAMESPACE).getOrComputeIfAbsent(KEY, k -> start(optionsFor(context)), Running.class);
        running = r;
        return r;
    }

    private Options optionsFor(ExtensionContext context) {
        if (options != null) {
            return options;
        }
        KmipServerTest annotation = context.getTestClass()
                .map(c -> findAnnotation(c))
                .orElse(null);
        if (annotation == null) {
            return new Builder().options();
        }
        return new Options(annotation.clientCn(), List.of(annotation.admins()), annotation.https(), b -> { }, c -> { });
    }

    private static KmipServerTest findAnnotation(Class<?> c) {
        for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
            KmipServerTest a = k.getAnnotation(KmipServerTest.class);
            if (a != null) {
                return a;
            }
        }
        return null;
    }

    private static Running start(Options o) {
        DevPki pki = DevPki.builder().clientCn(o.clientCn).build();
        Path dir;
        try {
            dir = Files.createTempDirectory("kmip-junit-");
            pki.writeTo(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("KMIP test PKI: " + e.getMessage(), e);
        }
        KmipServer.Builder b = KmipServer.builder()
                .host("127.0.0.1")
                .port(0)
                .tls(TlsMaterial.of(pki.server().certificate(), pki.server().privateKey(), pki.ca().certificate()))
                .store(ObjectStores.memory())
                .admins(o.admins);
        if (o.https) {
            b.httpsPort(0);
        }
        o.configure.accept(b);
        KmipServer server;
        try {
            server = b.start();
        } catch (RuntimeException e) {
            delete(dir);
            throw e;
        }
        KmipConnectionSettings settings = new KmipConnectionSettings("127.0.0.1", server.port(), server.httpsPort(),
                dir.resolve(DevPki.CA_PEM), dir.resolve(DevPki.CLIENT_PEM), dir.resolve(DevPki.CLIENT_KEY),
                pki.ca().certificate(), pki.client().certificate(), pki.client().privateKey());
        KmipClient client;
        try {
            KmipClientOptions.Builder cb = KmipClientOptions.builder()
                    .endpoint(settings.host(), settings.port())
                    .tls(TlsOptions.builder()
                            .trust(settings.caCertificate())
                            .key(settings.clientKey(), settings.clientCertificate())
                            .build());
            o.client.accept(cb);
            client = KmipClient.create(cb.build());
        } catch (RuntimeException e) {
            server.close();
            delete(dir);
            throw e;
        }
        return new Running(server, client, settings, dir);
    }

    private static void delete(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // A leftover temporary folder is not worth failing a test run for.
        }
    }

    /** A started server, closed (and its PKI folder deleted) when its extension context closes. */
    private record Running(KmipServer server, KmipClient client, KmipConnectionSettings settings, Path dir)
            implements ExtensionContext.Store.CloseableResource {

        @Override
        public void close() {
            try {
                client.close();
            } finally {
                try {
                    server.close();
                } finally {
                    delete(dir);
                }
            }
        }
    }

    private record Options(String clientCn, List<String> admins, boolean https, Consumer<KmipServer.Builder> configure,
            Consumer<KmipClientOptions.Builder> client) {
    }

    /** Configures a {@link KmipServerExtension} for {@code @RegisterExtension}. */
    public static final class Builder {
        private String clientCn = DEFAULT_CLIENT_CN;
        private final List<String> admins = new ArrayList<>();
        private boolean https;
        private Consumer<KmipServer.Builder> configure = b -> { };
        private Consumer<KmipClientOptions.Builder> client = c -> { };

        private Builder() {
        }

        /** Common name of the client certificate in the settings ({@value KmipServerExtension#DEFAULT_CLIENT_CN} by default). */
        public Builder clientCn(String cn) {
            this.clientCn = Objects.requireNonNull(cn, "clientCn");
            return this;
        }

        public Builder admins(String... identities) {
            admins.addAll(List.of(identities));
            return this;
        }

        public Builder https(boolean on) {
            this.https = on;
            return this;
        }

        /**
         * Anything else, applied to the server builder after the extension's own settings
         * (handlers, middleware, users, limits, audit log, another store ...).
         */
        public Builder configure(Consumer<KmipServer.Builder> more) {
            this.configure = Objects.requireNonNull(more, "configure");
            return this;
        }

        /**
         * Client options beyond the endpoint and TLS material the extension sets (version,
         * timeouts, credentials, pool size ...).
         */
        public Builder client(Consumer<KmipClientOptions.Builder> more) {
            this.client = Objects.requireNonNull(more, "client");
            return this;
        }

        public KmipServerExtension build() {
            return new KmipServerExtension(options());
        }

        Options options() {
            return new Options(clientCn, List.copyOf(admins), https, configure, client);
        }
    }
}
