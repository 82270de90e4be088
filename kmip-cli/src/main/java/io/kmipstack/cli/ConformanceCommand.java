package io.kmipstack.cli;

import io.kmipstack.conformance.ConformanceRunner;
import io.kmipstack.conformance.Durations;
import io.kmipstack.conformance.Endpoint;
import io.kmipstack.conformance.FileResult;
import io.kmipstack.conformance.Reports;
import io.kmipstack.conformance.RunReport;
import io.kmipstack.conformance.TlsSettings;
import io.kmipstack.conformance.Transport;
import io.kmipstack.conformance.Transports;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kmip conformance}: runs OASIS KMIP XML test cases against a server with the
 * interop-tests runner ({@link ConformanceRunner}; comparison rules in
 * {@code interop-tests/README.md}). Prints one line per file, a progress bar while stdout is a
 * terminal, and {@code N passed, N failed, N skipped}; exits 0 only when nothing failed.
 */
@Command(
        name = "conformance",
        description = {
            "Run OASIS KMIP XML test cases (files or folders) against a KMIP server.",
            "MSGENC-HTTPS/XML/JSON files go over HTTPS (--https) and are skipped without it."
        },
        sortOptions = false)
final class ConformanceCommand implements Callable<Integer> {

    @Option(names = "--server", paramLabel = "HOST:PORT", description = "KMIP server, TTLV over TLS (default: 127.0.0.1:5696).")
    String server = "127.0.0.1:5696";

    @Option(names = "--ca", paramLabel = "FILE", description = "CA certificates for the server's certificate (default: the dev PKI's ca.pem).")
    Path ca;

    @Option(names = "--cert", paramLabel = "FILE", description = "Client certificate chain, PEM (default: the dev PKI's client.pem).")
    Path cert;

    @Option(names = "--key", paramLabel = "FILE", description = "Client private key, PEM (default: the dev PKI's client.key).")
    Path key;

    @Option(names = "--https", paramLabel = "HOST:PORT", description = "KMIP over HTTPS endpoint for the MSGENC files.")
    String https;

    @Option(names = "--https-path", paramLabel = "PATH", description = "HTTP request path (default: " + Transports.DEFAULT_HTTPS_PATH + ").")
    String httpsPath = Transports.DEFAULT_HTTPS_PATH;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write JUnit XML, one test case per file.")
    Path junit;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Also write a Markdown table.")
    Path markdown;

    @Option(names = "--skip-profile", paramLabel = "NAME", description = "Skip files whose name starts with NAME- (e.g. CS-AC). Repeatable.")
    List<String> skipProfiles = new ArrayList<>();

    @Option(names = "--timeout", paramLabel = "D", description = "Connect and response timeout, e.g. 30s, 500ms (default: 30s).")
    String timeout = "30s";

    @Option(names = "--clock-skew", paramLabel = "D", description = "How far the server's $NOW times may stray from this run's (default: 10m).")
    String clockSkew = "10m";

    @Option(names = "--tls-provider", paramLabel = "NAME", description = "auto, openssl or jdk (default: auto: OpenSSL when it loads).")
    String tlsProvider = "auto";

    @Option(names = "--no-verify-hostname", description = "Do not check the server's name against its certificate.")
    boolean noVerifyHostname;

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Test-case files or folders (searched for *.xml).")
    List<Path> paths;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Duration responseTimeout = Durations.parse(timeout);
        Duration skew = Durations.parse(clockSkew);
        TlsSettings.Provider provider;
        try {
            provider = TlsSettings.Provider.valueOf(tlsProvider.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new CliException("--tls-provider: " + tlsProvider + " (expected: auto, openssl or jdk)", KmipCli.EXIT_USAGE);
        }
        Path pki = CertsInitCommand.defaultDir();
        TlsSettings tls = new TlsSettings(ca != null ? ca : pki.resolve("ca.pem"), cert != null ? cert : pki.resolve("client.pem"),
                key != null ? key : pki.resolve("client.key"), provider, !noVerifyHostname);
        Endpoint ttlv = Endpoint.parse(server, 5696);
        Endpoint httpsEndpoint = https == null ? null : Endpoint.parse(https, 443);

        PrintWriter out = spec.commandLine().getOut();
        Progress progress = new Progress(out, System.console() != null);
        RunReport report;
        try (Transport transport = Transports.netty(ttlv, httpsEndpoint, httpsPath, tls)) {
            ConformanceRunner.Builder runner = ConformanceRunner.builder(transport)
                    .timeout(responseTimeout)
                    .clockSkew(skew)
                    .listener(progress);
            skipProfiles.forEach(runner::skipProfile);
            report = runner.build().run(paths);
        }
        progress.clear();
        out.println(report.summary());
        out.flush();
        if (junit != null) {
            Reports.writeJUnit(report, junit);
        }
        if (markdown != null) {
            Reports.writeMarkdown(report, markdown);
        }
        return report.failed() == 0 ? 0 : KmipCli.EXIT_FAILURE;
    }

    /** One line per file; on a terminal, a bar on the line below the results, redrawn in place. */
    private static final class Progress implements ConformanceRunner.Listener {
        private static final int WIDTH = 30;
        private final PrintWriter out;
        private final boolean terminal;
        private int total;
        private boolean drawn;

        Progress(PrintWriter out, boolean terminal) {
            this.out = out;
            this.terminal = terminal;
        }

        @Override
        public void started(int files) {
            total = files;
        }

        @Override
        public void starting(int index, String name) {
            if (terminal) {
                int filled = total == 0 ? WIDTH : index * WIDTH / total;
                out.print("\r\033[K[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + index + "/" + total + " " + name);
                out.flush();
                drawn = true;
            }
        }

        @Override
        public void finished(int index, FileResult r) {
            clear();
            String detail = r.detail();
            out.println(String.format(Locale.ROOT, "%-4s  %s%s", r.verdict(), r.name(), detail.isEmpty() ? "" : "  " + detail));
            out.flush();
        }

        void clear() {
            if (drawn) {
                out.print("\r\033[K");
                drawn = false;
            }
        }
    }
}
