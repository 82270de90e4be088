package io.kmipstack.ckms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmipstack.certs.DevPki;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** URI parsing and validation: what opens, what is refused and with which message; no server involved. */
class KmsFactoryTest {

    @TempDir
    Path dir;

    private String kmip(String extra) throws Exception {
        DevPki.builder().build().writeTo(dir);
        return "kms://kmip?endpoint=127.0.0.1:1&kek=k&caCert=" + dir.resolve(DevPki.CA_PEM) + "&clientCert="
                + dir.resolve(DevPki.CLIENT_PEM) + "&clientKey=" + dir.resolve(DevPki.CLIENT_KEY) + extra;
    }

    @Test
    void kmipWithEveryStorageOpensWithoutConnecting() throws Exception {
        try (CloudKms kms = KmsFactory.open(kmip("&wrap=nistkw&createKek=true&rotate=move&kekCacheSeconds=5&version=1.4"),
                "storage://memory")) {
            assertThat(kms).isInstanceOf(WrappingKms.class);
            WrappingKms w = (WrappingKms) kms;
            assertThat(w.kekName()).isEqualTo("k");
            assertThat(w.wrapMethod()).isEqualTo(WrapMethod.NISTKW);
            assertThat(w.storage()).isInstanceOf(MemoryDekStorage.class);
        }
        try (WrappingKms kms = (WrappingKms) KmsFactory.open(kmip(""), "storage://file?dir=" + dir.resolve("blobs"))) {
            assertThat(kms.wrapMethod()).isEqualTo(WrapMethod.GCM);
            assertThat(kms.storage().toString()).isEqualTo("storage://file?dir=" + dir.resolve("blobs").toRealPath());
        }
        try (WrappingKms kms = (WrappingKms) KmsFactory.open(kmip(""), "storage://kmip?type=opaque&prefix=p/")) {
            assertThat(kms.storage().toString()).isEqualTo("storage://kmip?type=opaque&prefix=p/");
        }
    }

    @Test
    void percentEncodedPathsAndRepeatedEndpoints() throws Exception {
        Path spaced = Files.createDirectories(dir.resolve("with space"));
        String uri = kmip("&endpoint=127.0.0.1:2");
        try (WrappingKms kms = (WrappingKms) KmsFactory.open(uri, "storage://file?dir=" + spaced.toString().replace(" ", "%20"))) {
            assertThat(kms.storage().toString()).endsWith("with space");
        }
    }

    @Test
    void inlineSecretsAreRefused() throws Exception {
        assertThatThrownBy(() -> KmsFactory.open("kms://cluster-kms?key=AAAA&salt=BBBB", "storage://memory"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("kms://cluster-kms: parameter \"key\" would put a secret in the URI (expected: a file reference");
        assertThatThrownBy(() -> KmsFactory.open(kmip("&password=hunter2"), "storage://memory"))
                .hasMessageStartingWith("kms://kmip: parameter \"password\" would put a secret in the URI");
    }

    @Test
    void mistakesAreNamed() throws Exception {
        assertThatThrownBy(() -> KmsFactory.open("kms://aws?x=1", "storage://memory"))
                .hasMessage("kms uri: backend \"aws\" (expected: kms://kmip or kms://cluster-kms)");
        assertThatThrownBy(() -> KmsFactory.open("http://kmip", "storage://memory"))
                .hasMessageStartingWith("kms uri: scheme http in http://kmip (expected: kms://...)");
        assertThatThrownBy(() -> KmsFactory.open(kmip("&wrap=cbc"), "storage://memory"))
                .hasMessage("wrap: cbc (expected: gcm or nistkw)");
        assertThatThrownBy(() -> KmsFactory.open(kmip("&kekCache=1"), "storage://memory"))
                .hasMessageStartingWith("kms://kmip: unknown parameter \"kekCache\" (expected: one of [");
        assertThatThrownBy(() -> KmsFactory.open(kmip("&createKek=yes"), "storage://memory"))
                .hasMessage("kms://kmip: createKek=yes (expected: true or false)");
        assertThatThrownBy(() -> KmsFactory.open(kmip("&kek=other"), "storage://memory"))
                .hasMessage("kms://kmip: parameter \"kek\" given 2 times (expected: once)");
        assertThatThrownBy(() -> KmsFactory.open(kmip(""), "storage://s3?bucket=b"))
                .hasMessage("storage uri: backend \"s3\" (expected: storage://memory, storage://file or storage://kmip)");
        assertThatThrownBy(() -> KmsFactory.open(kmip(""), "storage://file"))
                .hasMessage("storage://file: parameter \"dir\" missing");
        assertThatThrownBy(() -> KmsFactory.open("kms://cluster-kms?keyFile=" + dir.resolve("none") + "&saltFile=x", "storage://memory"))
                .hasMessageStartingWith("kms://cluster-kms: keyFile " + dir.resolve("none") + ": cannot read");
        assertThatThrownBy(() -> KmsFactory.openStorage("storage://kmip"))
                .hasMessageStartingWith("storage://kmip: no endpoint");
        assertThatThrownBy(() -> KmsFactory.open("kms://kmip?kek=k", "storage://memory"))
                .hasMessage("kmip: parameter \"endpoint\" missing (expected: endpoint=HOST:PORT)");
    }

    @Test
    void missingTlsFilesFailAtOpen() throws Exception {
        String uri = kmip("").replace(dir.resolve(DevPki.CLIENT_KEY).toString(), dir.resolve("nope.key").toString());
        assertThatThrownBy(() -> KmsFactory.open(uri, "storage://memory")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("nope.key");
    }
}
