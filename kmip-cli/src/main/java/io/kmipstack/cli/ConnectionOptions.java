package io.kmipstack.cli;

import io.kmipstack.certs.DevPki;
import io.kmipstack.client.KmipClientOptions;
import io.kmipstack.client.KmipEndpoint;
import io.kmipstack.client.TlsOptions;
import io.kmipstack.codec.registry.KmipVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The options every client command shares: where the servers are, the TLS material (by default
 * the dev PKI that {@code kmip certs init} writes to {@code certs/dev}), the protocol version, the
 * timeout and the output format.
 */
final class ConnectionOptions {

    static final String DEFAULT_SERVER = "127.0.0.1:5696";

    @Option(names = "--server", paramLabel = "HOST:PORT",
            description = "A KMIP server; repeat for failover, tried in order (default: " + DEFAULT_SERVER + ").")
    List<String> servers = new ArrayList<>();

    @Option(names = "--ca", paramLabel = "FILE", description = "CA certificates to trust, PEM (default: certs/dev/ca.pem).")
    Path ca;

    @Option(names = "--cert", paramLabel = "FILE", description = "Client certificate chain, PEM (default: certs/dev/client.pem).")
    Path cert;

    @Option(names = "--key", paramLabel = "FILE", description = "Client private key, PEM (default: certs/dev/client.key).")
    Path key;

    @Option(names = "--kmip-version", paramLabel = "M.N",
            description = "Speak exactly this KMIP version (default: negotiate with Discover Versions).")
    String version;

    @Option(names = "--timeout", paramLabel = "DURATION",
            description = "Time limit per request: 30s, 500ms, 2m or seconds (default: 30s).")
    String timeout;

    @Option(names = "--json", description = "Print the response as JSON.")
    boolean json;

    KmipClientOptions clientOptions() {
        KmipClientOptions.Builder b = KmipClientOptions.builder();
        for (String s : servers.isEmpty() ? List.of(DEFAULT_SERVER) : servers) {
            try {
                b.endpoint(KmipEndpoint.parse(s));
            } catch (IllegalArgumentException e) {
                throw new CliException("--server " + s + ": " + e.getMessage(), KmipCli.EXIT_USAGE);
            }
        }
        Path caFile = file(ca, DevPki.CA_PEM, "--ca");
        Path certFile = file(cert, DevPki.CLIENT_PEM, "--cert");
        Path keyFile = file(key, DevPki.CLIENT_KEY, "--key");
        b.tls(TlsOptions.builder().trustPem(caFile).keyPem(certFile, keyFile).build());
        if (version != null) {
            try {
                b.version(KmipVersion.parse(version));
            } catch (IllegalArgumentException e) {
                throw new CliException("--kmip-version " + version + ": " + e.getMessage(), KmipCli.EXIT_USAGE);
            }
        }
        if (timeout != null) {
            b.requestTimeout(duration(timeout, "--timeout"));
        }
        // One process, one or two requests: a single I/O thread and no idle pool are enough.
        return b.ioThreads(1).poolSize(1).build();
    }

    private static Path file(Path given, String devName, String option) {
        if (given != null) {
            return given;
        }
        Path dev = CertsInitCommand.defaultDir().resolve(devName);
        if (!Files.exists(dev)) {
            throw new CliException(dev + ": no such file (give " + option + ", or create a dev PKI with 'kmip certs init')");
        }
        return dev;
    }

    /** {@code 30s}, {@code 500ms}, {@code 2m}, {@code PT30S} or a number of seconds. */
    static Duration duration(String text, String option) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (t.startsWith("pt")) {
                d = Duration.parse(t.toUpperCase(Locale.ROOT));
            } else if (t.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(t.substring(0, t.length() - 2)));
            } else if (t.endsWith("s")) {
                d = Duration.ofSeconds(Long.parseLong(t.substring(0, t.length() - 1)));
            } else if (t.endsWith("m")) {
                d = Duration.ofMinutes(Long.parseLong(t.substring(0, t.length() - 1)));
            } else {
                d = Duration.ofSeconds(Long.parseLong(t));
            }
            if (d.isZero() || d.isNegative()) {
                throw new CliException(option + " " + text + " (expected: > 0)", KmipCli.EXIT_USAGE);
            }
            return d;
        } catch (RuntimeException e) {
            if (e instanceof CliException c) {
                throw c;
            }
            throw new CliException(option + " " + text + " (expected: 30s, 500ms, 2m or a number of seconds)", KmipCli.EXIT_USAGE);
        }
    }
}
