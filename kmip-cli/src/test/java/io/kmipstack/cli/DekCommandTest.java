package io.kmipstack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kmip dek} without a KMIP server: cluster-kms derivation (Constellation's HKDFZero vector:
 * master secret and salt of 32 zero bytes, id "key-" + the zero UUID), the fingerprint, and the
 * one-line failures.
 */
class DekCommandTest {

    static final String ZERO_ID = "key-00000000-0000-0000-0000-000000000000";
    static final String ZERO_DEK = "2b5c829f691bfd4232f8aac464bccc07e605c7c8e82cbca09837e86d0b6d0665";

    @TempDir
    Path dir;

    String kms;

    @BeforeEach
    void secrets() throws Exception {
        Files.write(dir.resolve("key"), new byte[32]);
        Files.write(dir.resolve("salt"), new byte[32]);
        kms = "kms://cluster-kms?keyFile=" + dir.resolve("key") + "&saltFile=" + dir.resolve("salt");
    }

    @Test
    void getPrintsTheDekInHex() {
        CliRun r = CliRun.of("dek", "get", "--kms", kms, "--id", ZERO_ID);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo(ZERO_DEK + System.lineSeparator());
        assertThat(r.err()).isEmpty();
        CliRun shorter = CliRun.of("dek", "get", "--kms", kms, "--storage", "storage://memory", "--id", ZERO_ID, "--size", "16");
        assertThat(shorter.out().strip()).isEqualTo(ZERO_DEK.substring(0, 32));
    }

    @Test
    void fingerprintShowsAgreementWithoutTheKey() throws Exception {
        CliRun r = CliRun.of("dek", "get", "--kms", kms, "--id", ZERO_ID, "--fingerprint");
        assertThat(r.code()).as(r.err()).isZero();
        String expected = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(HexFormat.of().parseHex(ZERO_DEK)));
        assertThat(r.out().strip()).isEqualTo(expected).doesNotContain(ZERO_DEK);
    }

    @Test
    void failuresAreOneLine() {
        CliRun inline = CliRun.of("dek", "get", "--kms", "kms://cluster-kms?key=AAAA&salt=AAAA", "--id", "x");
        assertThat(inline.code()).isEqualTo(1);
        assertThat(inline.err().lines()).containsExactly("kmip: kms://cluster-kms: parameter \"key\" would put a secret in the URI"
                + " (expected: a file reference, keyFile=PATH, saltFile=PATH, clientKey=PATH or clientKeyPasswordFile=PATH)");

        CliRun noKek = CliRun.of("dek", "rotate-kek", "--kms", kms);
        assertThat(noKek.code()).isEqualTo(2);
        assertThat(noKek.err().lines()).containsExactly("kmip: dek rotate-kek: kms://cluster-kms has no KEK (expected: kms://kmip)");

        CliRun usage = CliRun.of("dek", "get", "--id", "x");
        assertThat(usage.code()).isEqualTo(2);
        assertThat(usage.err()).startsWith("kmip: Missing required option: '--kms=URI'");

        CliRun memory = CliRun.of("dek", "get", "--kms", "kms://kmip?endpoint=127.0.0.1:1&kek=k", "--id", "x");
        assertThat(memory.code()).isEqualTo(2);
        assertThat(memory.err().lines()).containsExactly("kmip: dek: storage://memory keeps nothing between runs"
                + " (expected: --storage storage://file?dir=... or storage://kmip with kms://kmip)");

        CliRun unreachable = CliRun.of("dek", "get", "--kms", "kms://kmip?endpoint=127.0.0.1:1&kek=k&caCert=" + dir.resolve("none.pem")
                + "&clientCert=x&clientKey=y", "--storage", "storage://file?dir=" + dir.resolve("deks"), "--id", "x");
        assertThat(unreachable.code()).isEqualTo(1);
        assertThat(unreachable.err().lines()).hasSize(1).first().asString().startsWith("kmip: ").contains("none.pem");
    }
}
