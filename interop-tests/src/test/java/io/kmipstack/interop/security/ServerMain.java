package io.kmipstack.interop.security;

import io.kmipstack.certs.DevPki;
import io.kmipstack.server.KmipServer;
import io.kmipstack.server.ServerLimits;
import io.kmipstack.server.TlsMaterial;
import io.kmipstack.server.audit.AuditLog;
import io.kmipstack.server.store.MasterKey;
import io.kmipstack.server.store.ObjectStores;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A KMIP server in its own process for the tests that must kill it, read its files or measure its
 * memory: SQLite store and master key in {@code args[0]}, TLS material from the dev PKI files in
 * {@code args[1]}, an audit log at {@code args[2]}, an idle timeout in milliseconds ({@code args[3]})
 * and a connection limit ({@code args[4]}). Prints {@code test-server-port=PORT} once it serves.
 */
public final class ServerMain {

    private ServerMain() {
    }

    public static void main(String[] args) throws Exception {
        Path data = Path.of(args[0]);
        Path pki = Path.of(args[1]);
        KmipServer server = KmipServer.builder()
                .port(0)
                .tls(TlsMaterial.fromPem(pki.resolve(DevPki.SERVER_PEM), pki.resolve(DevPki.SERVER_KEY), pki.resolve(DevPki.CA_PEM)))
                .store(ObjectStores.sqlite(data, MasterKey.loadOrCreate(data.resolve(MasterKey.DEFAULT_FILE_NAME))))
                .audit(AuditLog.file(Path.of(args[2])))
                .idleTimeout(Duration.ofMillis(Long.parseLong(args[3])))
                .limits(ServerLimits.DEFAULT.withMaxConnections(Integer.parseInt(args[4])))
                .start();
        System.out.println("test-server-port=" + server.port());
        System.out.flush();
        server.awaitClosed();
    }
}
