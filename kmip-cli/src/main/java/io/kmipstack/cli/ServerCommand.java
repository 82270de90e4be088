package io.kmipstack.cli;

import io.kmipstack.certs.DevPki;
import io.kmipstack.server.KmipServer;
import io.kmipstack.server.KmipServerConfig;
import io.kmipstack.server.TlsMaterial;
import io.kmipstack.server.store.MasterKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kmip server}: runs the embedded KMIP server until SIGINT or SIGTERM, then stops it
 * gracefully (requests in flight are answered). Settings come from {@code --config FILE} (YAML, see
 * {@link KmipServerConfig}), then the flags, which win. {@code --dev} fills in what a developer has
 * not configured: the dev PKI in {@code certs/dev} of the checkout (minted on first use, as
 * {@code kmip certs init} would) and the data folder {@code data/} (SQLite store, and its master
 * key created on first start with mode 0600). Standard output gets exactly one line
 * {@code listening on HOST:PORT} once the server accepts connections, then how to connect; logs go
 * to standard error.
 */
@Command(name = "server", description = "Run the KMIP server: TTLV over mutual TLS (and KMIP over HTTPS with --https-port).")
final class ServerCommand implements Callable<Integer> {

    /** Tests observe the started server through this; null otherwise. */
    static volatile Consumer<KmipServer> startedHook;

    @Option(names = "--dev", description = "Development mode: dev PKI in certs/dev (minted when missing), data in data/.")
    boolean dev;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file (flags override it).")
    Path config;

    @Option(names = "--host", paramLabel = "HOST", description = "Address to bind (default: 127.0.0.1).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = "KMIP TTLV port (default: 5696; 0 = any free port).")
    Integer port;

    @Option(names = "--https-port", paramLabel = "PORT", description = "Also serve KMIP over HTTPS (TTLV, XML, JSON bodies) on this port.")
    Integer httpsPort;

    @Option(names = "--data", paramLabel = "DIR", description = "Data folder: the SQLite store and its master key (default: data/ in the checkout).")
    Path data;

    @Option(names = "--store", paramLabel = "KIND", description = "Object store: sqlite (default) or memory.")
    String store;

    @Option(names = "--log", paramLabel = "LEVEL", defaultValue = "warn",
            description = "Server log level on standard error: error, warn, info, debug (default: ${DEFAULT-VALUE}).")
    String logLevel;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        // Before the first logger exists: slf4j-simple reads its level once.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", logLevel);
        }
        KmipServerConfig file = config == null ? KmipServerConfig.empty() : KmipServerConfig.load(config);
        Path base = config == null ? Path.of("") : config.toAbsolutePath().getParent();
        if (!dev && file.tls() == null) {
            throw new CliException("no TLS material: use --dev (dev PKI in certs/dev) or --config with a tls: section",
                    KmipCli.EXIT_USAGE);
        }
        KmipServer.Builder b = KmipServer.builder();
        file.applyTo(b, base);

        Path certDir = null;
        if (file.tls() == null) {
            certDir = CertsInitCommand.defaultDir();
            ensureDevPki(certDir);
            b.tls(TlsMaterial.fromPem(certDir.resolve(DevPki.SERVER_PEM), certDir.resolve(DevPki.SERVER_KEY),
                    certDir.resolve(DevPki.CA_PEM)));
        }
        if (host != null) {
            b.host(host);
        }
        if (port != null) {
            b.port(port);
        }
        if (httpsPort != null) {
            b.httpsPort(httpsPort);
        }
        Path dataDir = data != null ? data
                : file.dataDir() != null ? base.resolve(file.dataDir())
                : home().resolve("data");
        Path masterKey = file.masterKey() != null ? base.resolve(file.masterKey()) : dataDir.resolve(MasterKey.DEFAULT_FILE_NAME);
        KmipServerConfig withStore = store == null ? file : withStore(file, store);
        String storeKind = withStore.storeKind();
        b.store(withStore.openStore(dataDir, masterKey));

        KmipServer server = b.start();
        Thread hook = new Thread(server::close, "kmip-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);

        PrintWriter out = spec.commandLine().getOut();
        out.println("listening on " + server.host() + ":" + server.port());
        if (server.httpsPort() >= 0) {
            out.println("  KMIP over HTTPS: POST https://" + server.host() + ":" + server.httpsPort()
                    + "/kmip (application/octet-stream, text/xml or application/json)");
        }
        if (certDir != null) {
            Path ca = certDir.resolve(DevPki.CA_PEM);
            Path cert = certDir.resolve(DevPki.CLIENT_PEM);
            Path key = certDir.resolve(DevPki.CLIENT_KEY);
            out.println("  connect with the dev client certificate (CN=" + DevPki.DEFAULT_CLIENT_CN + "):");
            out.println("    bin/kmip query --server " + server.host() + ":" + server.port() + " --ca " + ca
                    + " --cert " + cert + " --key " + key);
        } else {
            out.println("  connect with a client certificate issued by the configured client CA");
        }
        out.println("  store: " + (storeKind.equals("memory") ? "in memory (nothing is kept after exit)"
                : "SQLite in " + dataDir + " (master key " + masterKey + ")"));
        out.println("  stop with Ctrl-C (requests in flight are answered first)");
        out.flush();

        Consumer<KmipServer> started = startedHook;
        if (started != null) {
            started.accept(server);
        }
        server.awaitClosed();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is shutting down: the hook is what closed the server.
        }
        return 0;
    }

    /** Mints the dev PKI into {@code dir} unless it is complete there; refuses to mix with stray files. */
    private void ensureDevPki(Path dir) throws IOException {
        if (DevPki.isComplete(dir)) {
            return;
        }
        DevPki pki = DevPki.builder().build();
        List<String> present = pki.fileNames().stream().filter(n -> Files.exists(dir.resolve(n))).toList();
        if (!present.isEmpty()) {
            throw new CliException(dir + " holds an incomplete dev PKI (" + String.join(", ", present)
                    + "); replace it with 'kmip certs init --force'");
        }
        pki.writeTo(dir);
        PrintWriter err = spec.commandLine().getErr();
        err.println("kmip: minted a dev PKI in " + dir);
        err.flush();
    }

    private static KmipServerConfig withStore(KmipServerConfig c, String kind) {
        return new KmipServerConfig(c.host(), c.port(), c.httpsPort(), c.tls(), c.identity(), kind, c.dataDir(),
                c.masterKey(), c.auditLog(), c.admins(), c.users(), c.devices(), c.credentialNamesRequester(), c.limits(),
                c.idleTimeout(), c.shutdownTimeout(), c.workerThreads());
    }

    private static Path home() {
        String home = System.getProperty(KmipCli.HOME_PROPERTY);
        return home == null || home.isEmpty() ? Path.of("") : Path.of(home);
    }
}
