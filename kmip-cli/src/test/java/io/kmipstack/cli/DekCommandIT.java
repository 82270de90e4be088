package io.kmipstack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.certs.DevPki;
import io.kmipstack.client.testing.PyKmipServer;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kmip dek} against PyKMIP, each command a fresh process-like run (its own client and KEK
 * lookup): the same DEK from every run, a rotation, a rewrap that keeps every DEK, retiring and
 * destroying the previous KEK, and the retryable failure of an unreachable KMS.
 */
class DekCommandIT {

    @TempDir
    static Path dir;

    private static PyKmipServer server;

    @BeforeAll
    static void startServer() throws Exception {
        Assumptions.assumeTrue(PyKmipServer.installed(), "PyKMIP is not installed (bin/test installs Debian python3-pykmip)");
        server = PyKmipServer.start(dir, DevPki.builder().build());
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    static String kms(String kek, String wrap, int port) {
        return "kms://kmip?endpoint=127.0.0.1:" + port + "&kek=" + kek + "&wrap=" + wrap + "&createKek=true"
                + "&caCert=" + dir.resolve(DevPki.CA_PEM) + "&clientCert=" + dir.resolve(DevPki.CLIENT_PEM)
                + "&clientKey=" + dir.resolve(DevPki.CLIENT_KEY);
    }

    static CliRun dek(String kms, String storage, String... args) {
        List<String> all = new java.util.ArrayList<>(List.of("dek"));
        all.addAll(List.of(args));
        all.addAll(List.of("--kms", kms, "--storage", storage));
        CliRun r = CliRun.of(all.toArray(String[]::new));
        return r;
    }

    @Test
    void getRotateRewrapRetireKeepEveryDek() {
        for (String wrap : List.of("gcm", "nistkw")) {
            String kms = kms("cli-" + UUID.randomUUID(), wrap, server.port());
            String storage = "storage://file?dir=" + dir.resolve("deks-" + wrap);

            CliRun first = dek(kms, storage, "get", "--id", "disk-1");
            assertThat(first.code()).as(first.err()).isZero();
            String hex = first.out().strip();
            assertThat(hex).matches("[0-9a-f]{64}");
            assertThat(dek(kms, storage, "get", "--id", "disk-1").out().strip()).isEqualTo(hex);
            assertThat(dek(kms, storage, "get", "--id", "disk-2").out().strip()).isNotEqualTo(hex);

            CliRun rotate = dek(kms, storage, "rotate-kek");
            assertThat(rotate.code()).as(rotate.err()).isZero();
            Matcher m = Pattern.compile("rotated kek \"[^\"]+\": (\\S+) -> (\\S+) \\(create and move the name\\)").matcher(rotate.out());
            assertThat(m.find()).as(rotate.out()).isTrue();
            String old = m.group(1);
            String fresh = m.group(2);
            assertThat(rotate.out()).contains("next: kmip dek rewrap, then kmip dek retire-kek --kek-id " + old);

            CliRun early = dek(kms, storage, "retire-kek", "--kek-id", old);
            assertThat(early.code()).isEqualTo(1);
            assertThat(early.err().strip()).isEqualTo("kmip: dek retire-kek: kek " + old
                    + ": still wraps 2 blob(s) (expected: none; rewrap first)");

            CliRun rewrap = dek(kms, storage, "rewrap", "--checkpoint", dir.resolve("cp-" + wrap).toString());
            assertThat(rewrap.code()).as(rewrap.err()).isZero();
            assertThat(rewrap.out()).startsWith("rewrap under kek " + fresh + ": 2 examined, 2 rewrapped, 0 already current, 0 gone, 0 failed")
                    .contains("kek " + fresh + ": 2 blob(s) (current)").doesNotContain("kek " + old + ":");
            assertThat(dek(kms, storage, "get", "--id", "disk-1").out().strip()).isEqualTo(hex);

            assertThat(dek(kms, storage, "retire-kek", "--kek-id", old).out().strip()).isEqualTo("revoked kek " + old);
            assertThat(dek(kms, storage, "retire-kek", "--kek-id", old, "--destroy").out().strip()).isEqualTo("destroyed kek " + old);
            assertThat(dek(kms, storage, "get", "--id", "disk-1").out().strip()).isEqualTo(hex);
        }
    }

    @Test
    void anUnreachableKmsIsARetryableOneLineFailure() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        CliRun r = dek(kms("k", "gcm", closed), "storage://file?dir=" + dir.resolve("unreached"), "get", "--id", "x");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().lines()).hasSize(1).first().asString()
                .startsWith("kmip: KmsUnavailable: locate kek \"k\": ").endsWith("(retryable)");
    }
}
