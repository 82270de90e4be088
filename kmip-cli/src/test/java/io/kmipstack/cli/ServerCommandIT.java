package io.kmipstack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.certs.CertifiedKey;
import io.kmipstack.certs.JdkTls;
import io.kmipstack.certs.Pem;
import io.kmipstack.codec.model.ProtocolVersion;
import io.kmipstack.codec.model.RequestBatchItem;
import io.kmipstack.codec.model.RequestHeader;
import io.kmipstack.codec.model.RequestMessage;
import io.kmipstack.codec.model.ResponseMessage;
import io.kmipstack.codec.payload.DiscoverVersionsRequestPayload;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.ResultStatus;
import io.kmipstack.codec.ttlv.TtlvDecoder;
import io.kmipstack.codec.ttlv.TtlvEncoder;
import io.kmipstack.server.KmipServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kmip server --dev} in-process: dev PKI minted, SQLite data folder, one "listening on" line, a real request. */
class ServerCommandIT {

    @Test
    void devServerMintsItsPkiListensAndAnswers(@TempDir Path home) throws Exception {
        String saved = System.getProperty(KmipCli.HOME_PROPERTY);
        System.setProperty(KmipCli.HOME_PROPERTY, home.toString());
        CompletableFuture<KmipServer> started = new CompletableFuture<>();
        ServerCommand.startedHook = started::complete;
        try {
            CompletableFuture<CliRun> run = CompletableFuture.supplyAsync(() -> CliRun.of("server", "--dev", "--port", "0"));
            KmipServer server = started.get(60, TimeUnit.SECONDS);

            Path certs = home.resolve("certs/dev");
            assertThat(certs.resolve("client.pem")).isRegularFile();
            assertThat(home.resolve("data/master.key")).isRegularFile();
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("data/master.key"))))
                    .isEqualTo("rw-------");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("data"))))
                    .isEqualTo("rwx------");
            assertThat(discoverVersions(server.port(), certs).batchItem().get(0).resultStatus())
                    .isEqualTo(ResultStatus.SUCCESS);

            // The client command the server's output suggests works against it.
            CliRun query = CliRun.of("query", "--server", "127.0.0.1:" + server.port(), "--ca",
                    certs.resolve("ca.pem").toString(), "--cert", certs.resolve("client.pem").toString(), "--key",
                    certs.resolve("client.key").toString());
            assertThat(query.code()).as(query.err()).isZero();
            assertThat(query.out()).contains("Create").contains("SymmetricKey");

            server.close();
            CliRun r = run.get(60, TimeUnit.SECONDS);
            assertThat(r.code()).as(r.err()).isZero();
            List<String> lines = r.out().lines().toList();
            assertThat(lines.get(0)).isEqualTo("listening on 127.0.0.1:" + server.port());
            assertThat(lines.stream().filter(l -> l.startsWith("listening on"))).hasSize(1);
            assertThat(r.out()).contains("bin/kmip query --server 127.0.0.1:" + server.port())
                    .contains("--ca " + certs.resolve("ca.pem")).contains("--cert " + certs.resolve("client.pem"));
            assertThat(r.err()).contains("minted a dev PKI in " + certs);
        } finally {
            ServerCommand.startedHook = null;
            if (saved == null) {
                System.clearProperty(KmipCli.HOME_PROPERTY);
            } else {
                System.setProperty(KmipCli.HOME_PROPERTY, saved);
            }
        }
    }

    private static ResponseMessage discoverVersions(int port, Path certs) throws Exception {
        SSLContext ctx = JdkTls.context(new CertifiedKey(Pem.readCertificate(certs.resolve("client.pem")),
                Pem.readPrivateKey(certs.resolve("client.key"))), Pem.readCertificate(certs.resolve("ca.pem")));

        RequestMessage request = new RequestMessage(RequestHeader.of(new ProtocolVersion(2, 1), 1),
                List.of(RequestBatchItem.of(Operation.DISCOVER_VERSIONS, DiscoverVersionsRequestPayload.of())));
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("localhost", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(TtlvEncoder.encode(request.encode(KmipVersion.V2_1)));
            return ResponseMessage.decode(TtlvDecoder.create().read(s.getInputStream()));
        }
    }
}
