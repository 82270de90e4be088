package io.kmipstack.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kmipstack.server.audit.AuditLog;
import io.kmipstack.server.store.MasterKey;
import io.kmipstack.server.store.ObjectStore;
import io.kmipstack.server.store.ObjectStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's configuration file (YAML), mapped onto {@link KmipServer.Builder}. Every field is
 * optional; relative paths are resolved against the file's folder. Unknown fields are an error, so
 * that a misspelt setting does not silently fall back to its default.
 *
 * <pre>
 * host: 0.0.0.0                 # default 127.0.0.1
 * port: 5696                    # 0 = any free port
 * httpsPort: 5697               # KMIP over HTTPS; off when absent
 * tls:
 *   certificate: server.pem     # chain, leaf first
 *   key: server.key             # PKCS#8 or traditional PEM, unencrypted
 *   clientCa: ca.pem            # CA(s) client certificates must chain to
 * identity: cn                  # cn (subject Common Name) or dn (whole subject)
 * store: sqlite                 # sqlite (default) or memory
 * dataDir: data                 # the SQLite database, and the master key unless masterKey says otherwise
 * masterKey: data/master.key    # 32 bytes; created (mode 0600) when missing
 * auditLog: data/audit.log      # one JSON line per operation; none when absent
 * admins: [ops]
 * users:                        # with users or devices, requests must carry credentials
 *   - {username: carol, password: "..."}
 * devices:
 *   - {name: tape-7, serialNumber: SN-7, password: "..."}
 * credentialNamesRequester: false
 * limits: {maxMessageSize: 1048576, maxBatchItems: 1000, maxConnections: 1024}
 * idleTimeout: 5m               # 90s, 5m, 1h, or ISO-8601 (PT5M)
 * shutdownTimeout: 30s
 * workerThreads: 8
 * </pre>
 */
public record KmipServerConfig(
        String host,
        Integer port,
        Integer httpsPort,
        Tls tls,
        String identity,
        String store,
        String dataDir,
        String masterKey,
        String auditLog,
        List<String> admins,
        List<User> users,
        List<Device> devices,
        Boolean credentialNamesRequester,
        Limits limits,
        String idleTimeout,
        String shutdownTimeout,
        Integer workerThreads) {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    /** PEM files of the server's TLS material. */
    public record Tls(String certificate, String key, String clientCa) {
    }

    public record User(String username, String password) {
        @Override
        public String toString() {
            return "User[" + username + ", password redacted]";
        }
    }

    public record Device(String name, String serialNumber, String deviceIdentifier, String networkIdentifier,
            String machineIdentifier, String mediaIdentifier, String password) {
        @Override
        public String toString() {
            return "Device[" + name + ", password redacted]";
        }
    }

    public record Limits(Integer maxMessageSize, Integer maxBatchItems, Integer maxConnections) {
    }

    /** An empty configuration: every default. */
    public static KmipServerConfig empty() {
        return new KmipServerConfig(null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }

    /**
     * Reads a YAML file.
     *
     * @throws IOException when it cannot be read, is not YAML, or has a field this record lacks
     */
    public static KmipServerConfig load(Path file) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try {
            KmipServerConfig c = yaml.readValue(file.toFile(), KmipServerConfig.class);
            return c == null ? empty() : c;
        } catch (UnrecognizedPropertyException e) {
            throw new IOException(file + ": unknown setting '" + e.getPropertyName() + "' (expected one of "
                    + e.getKnownPropertyIds() + ")", e);
        } catch (JsonProcessingException e) {
            throw new IOException(file + ": " + e.getOriginalMessage(), e);
        }
    }

    /** The store setting, lower case: {@code sqlite} (default) or {@code memory}. */
    public String storeKind() {
        String kind = store == null ? "sqlite" : store.toLowerCase(Locale.ROOT);
        if (!kind.equals("sqlite") && !kind.equals("memory")) {
            throw new IllegalArgumentException("store: " + store + " (expected: sqlite or memory)");
        }
        return kind;
    }

    /**
     * Applies every setting present to {@code b}, opening the store and the audit log it names.
     * Paths are resolved against {@code base}. TLS is applied only when {@code tls} is present.
     *
     * @throws IOException when TLS files cannot be read
     */
    public KmipServer.Builder applyTo(KmipServer.Builder b, Path base) throws IOException {
        if (host != null) {
            b.host(host);
        }
        if (port != null) {
            b.port(port);
        }
        if (httpsPort != null) {
            b.httpsPort(httpsPort);
        }
        if (tls != null) {
            if (tls.certificate == null || tls.key == null || tls.clientCa == null) {
                throw new IllegalArgumentException("tls: certificate, key and clientCa are all required");
            }
            b.tls(TlsMaterial.fromPem(base.resolve(tls.certificate), base.resolve(tls.key), base.resolve(tls.clientCa)));
        }
        if (identity != null) {
            b.identity(switch (identity.toLowerCase(Locale.ROOT)) {
                case "cn" -> IdentitySource.COMMON_NAME;
                case "dn" -> IdentitySource.SUBJECT_DN;
                default -> throw new IllegalArgumentException("identity: " + identity + " (expected: cn or dn)");
            });
        }
        if (admins != null) {
            b.admins(admins);
        }
        if (users != null) {
            for (User u : users) {
                b.users(new UserAccount(u.username, u.password));
            }
        }
        if (devices != null) {
            for (Device d : devices) {
                b.devices(new DeviceAccount(d.name, d.serialNumber, d.deviceIdentifier, d.networkIdentifier,
                        d.machineIdentifier, d.mediaIdentifier, d.password));
            }
        }
        if (credentialNamesRequester != null) {
            b.credentialNamesRequester(credentialNamesRequester);
        }
        if (limits != null) {
            ServerLimits l = ServerLimits.DEFAULT;
            if (limits.maxMessageSize != null) {
                l = l.withMaxMessageSize(limits.maxMessageSize);
            }
            if (limits.maxBatchItems != null) {
                l = l.withMaxBatchItems(limits.maxBatchItems);
            }
            if (limits.maxConnections != null) {
                l = l.withMaxConnections(limits.maxConnections);
            }
            b.limits(l);
        }
        if (idleTimeout != null) {
            b.idleTimeout(duration("idleTimeout", idleTimeout));
        }
        if (shutdownTimeout != null) {
            b.shutdownTimeout(duration("shutdownTimeout", shutdownTimeout));
        }
        if (workerThreads != null) {
            b.workerThreads(workerThreads);
        }
        if (auditLog != null) {
            b.audit(AuditLog.file(base.resolve(auditLog)));
        }
        return b;
    }

    /**
     * Opens the configured store: in memory, or SQLite in {@code dataDir} under the master key in
     * {@code masterKeyFile}, both created on first use. A missing data folder is created readable
     * by its owner only (mode 0700) before the master key goes into it.
     */
    public ObjectStore openStore(Path dataDir, Path masterKeyFile) {
        if (storeKind().equals("memory")) {
            return ObjectStores.memory();
        }
        try {
            if (!Files.isDirectory(dataDir)) {
                Files.createDirectories(dataDir.toAbsolutePath().getParent());
                if (Files.getFileAttributeView(dataDir.toAbsolutePath().getParent(), PosixFileAttributeView.class) != null) {
                    Files.createDirectory(dataDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } else {
                    Files.createDirectory(dataDir);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("data folder " + dataDir + ": " + e.getMessage(), e);
        }
        return ObjectStores.sqlite(dataDir, MasterKey.loadOrCreate(masterKeyFile));
    }

    /** {@code 90s}, {@code 5m}, {@code 1h}, {@code 250ms} or ISO-8601 ({@code PT5M}). */
    static Duration duration(String field, String text) {
        Matcher m = SHORT_DURATION.matcher(text.trim());
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    default -> Duration.ofHours(n);
                };
            }
            return Duration.parse(text.trim());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(field + ": " + text + " (expected: e.g. 90s, 5m, 1h or PT5M)", e);
        }
    }
}
