package io.kmipstack.cli;

import io.kmipstack.certs.DevPki;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kmip certs init}: mints a {@link DevPki} and writes it. It never replaces a file without
 * {@code --force}, since the directory may hold certificates a running server or client uses.
 */
@Command(name = "init", description = "Mint a dev PKI: CA, server and client certificates, and some the server must refuse.")
final class CertsInitCommand implements Callable<Integer> {

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Where to write (default: certs/dev in the kmipstack checkout).")
    Path dir;

    @Option(names = "--cn", paramLabel = "NAME", description = "Common name of client.pem (default: ${DEFAULT-VALUE}).",
            defaultValue = DevPki.DEFAULT_CLIENT_CN)
    String cn;

    @Option(names = "--extra-client", paramLabel = "NAME",
            description = "Another client certificate, written as client-NAME.pem/.key (repeatable).")
    List<String> extraClients = new ArrayList<>();

    @Option(names = "--rsa", description = "RSA-2048 keys instead of EC P-256.")
    boolean rsa;

    @Option(names = "--force", description = "Replace existing files.")
    boolean force;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        Path target = dir != null ? dir : defaultDir();
        DevPki.Builder b = DevPki.builder().clientCn(cn).rsa(rsa);
        extraClients.forEach(b::addClientCn);
        DevPki pki = b.build();

        if (!force) {
            List<String> present = pki.fileNames().stream().filter(n -> Files.exists(target.resolve(n))).toList();
            if (DevPki.isComplete(target)) {
                throw new CliException(target + " already holds a dev PKI (use --force to replace it)");
            }
            if (!present.isEmpty()) {
                throw new CliException(target + " already holds " + String.join(", ", present) + " (use --force to replace)");
            }
        }
        List<Path> written = pki.writeTo(target);

        PrintWriter out = spec.commandLine().getOut();
        out.printf("Wrote a dev PKI (%s) to %s:%n", rsa ? "RSA-2048" : "EC P-256", target);
        row(out, "ca.pem", "CA, " + pki.ca().subject());
        row(out, "server.pem server.key", "server, CN=localhost, SAN localhost 127.0.0.1 ::1");
        for (String name : pki.clientCns()) {
            String files = name.equals(pki.clientCn()) ? "client.pem client.key" : "client-" + name + ".pem .key";
            row(out, files, "client, " + pki.client(name).subject());
        }
        row(out, "client-expired.pem .key", "refused: expired");
        row(out, "client-not-yet-valid.pem .key", "refused: not valid until tomorrow");
        row(out, "client-no-clientauth.pem .key", "refused: no clientAuth key usage");
        row(out, "other-ca.pem", "a second CA nothing trusts");
        row(out, "client-other-ca.pem .key", "refused: issued by other-ca.pem");
        out.printf("%d files; valid until %s; keys are readable by their owner only.%n", written.size(),
                pki.ca().certificate().getNotAfter().toInstant().atOffset(ZoneOffset.UTC).toLocalDate());
        out.flush();
        return 0;
    }

    private static void row(PrintWriter out, String files, String what) {
        out.printf("  %-31s %s%n", files, what);
    }

    /** {@code $kmipstack.home/certs/dev}, or {@code certs/dev} under the current directory without bin/kmip. */
    static Path defaultDir() {
        String home = System.getProperty(KmipCli.HOME_PROPERTY);
        return home == null || home.isEmpty() ? Path.of("certs", "dev") : Path.of(home, "certs", "dev");
    }
}
