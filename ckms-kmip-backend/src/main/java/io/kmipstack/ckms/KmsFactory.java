package io.kmipstack.ckms;

import io.kmipstack.client.KmipClient;
import io.kmipstack.client.KmipClientOptions;
import io.kmipstack.client.TlsOptions;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.ttlv.Bytes;
import java.io.IOException;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;

/**
 * Opens a key service from two URIs, one for the KMS and one for where blobs are kept. Secrets
 * are never in a URI: parameters name files, and a parameter that would carry a secret inline
 * ({@code key=}, {@code salt=}, {@code password=} ...) is refused.
 *
 * <pre>
 * kms://kmip?endpoint=HOST:PORT[&amp;endpoint=...]&amp;kek=NAME&amp;caCert=PEM&amp;clientCert=PEM&amp;clientKey=PEM
 *           [&amp;clientKeyPasswordFile=FILE][&amp;wrap=gcm|nistkw][&amp;createKek=false|true]
 *           [&amp;rotate=auto|rekey|move][&amp;kekCacheSeconds=60][&amp;version=2.1][&amp;timeoutSeconds=30]
 * kms://cluster-kms?keyFile=FILE&amp;saltFile=FILE      (raw bytes; no storage is used)
 *
 * storage://memory
 * storage://file?dir=PATH
 * storage://kmip[?type=secret-data|opaque][&amp;prefix=ckms-dek/]
 *               [&amp;endpoint=...&amp;caCert=...&amp;clientCert=...&amp;clientKey=...]   (default: the KMS's server)
 * </pre>
 *
 * Several {@code endpoint}s are tried in order (failover). {@code version} fixes the KMIP version
 * instead of negotiating it. Values are percent-decoded; {@code +} is a plus.
 */
public final class KmsFactory {

    private static final Set<String> KMIP_CONNECTION = Set.of("endpoint", "caCert", "clientCert", "clientKey",
            "clientKeyPasswordFile", "version", "timeoutSeconds");
    private static final Set<String> KMIP_KMS = union(KMIP_CONNECTION,
            Set.of("kek", "wrap", "createKek", "rotate", "kekCacheSeconds"));
    private static final Set<String> KMIP_STORAGE = union(KMIP_CONNECTION, Set.of("type", "prefix"));
    private static final String FILE_HINT = "keyFile=PATH, saltFile=PATH, clientKey=PATH or clientKeyPasswordFile=PATH";

    private KmsFactory() {
    }

    /**
     * The key service {@code kmsUri} describes, keeping blobs where {@code storageUri} says
     * ({@code kms://kmip} gives a {@link WrappingKms}). Files named in the URIs are read here, so
     * a missing or unreadable one fails at once; no connection is opened before the first call.
     *
     * @throws IllegalArgumentException for a malformed URI, an unknown backend or parameter, or a
     *     file that cannot be read
     */
    public static CloudKms open(String kmsUri, String storageUri) {
        return open(kmsUri, storageUri, AuditSink.slf4j());
    }

    static CloudKms open(String kmsUri, String storageUri, AuditSink audit) {
        KmsUri kms = KmsUri.parse(kmsUri, "kms");
        KmsUri storage = KmsUri.parse(storageUri, "storage");
        switch (kms.backend()) {
            case "cluster-kms" -> {
                kms.check(Set.of("keyFile", "saltFile"), FILE_HINT);
                checkStorage(storage);
                return new ClusterKms(readSecret(kms, "keyFile"), readSecret(kms, "saltFile"));
            }
            case "kmip" -> {
                kms.check(KMIP_KMS, FILE_HINT);
                checkStorage(storage);
                KmipClient client = client(kms);
                try {
                    DekStorage s = storage(storage, client);
                    return WrappingKms.builder()
                            .client(client, true)
                            .kek(kms.required("kek"))
                            .wrap(WrapMethod.fromUriName(kms.one("wrap", WrapMethod.GCM.uriName())))
                            .createKek(kms.flag("createKek", false))
                            .rotation(rotation(kms.one("rotate", "auto")))
                            .kekCacheTtl(Duration.ofSeconds(kms.integer("kekCacheSeconds", 60, 0, 86_400)))
                            .storage(s)
                            .audit(audit)
                            .build();
                } catch (RuntimeException e) {
                    client.close();
                    throw e;
                }
            }
            default -> throw new IllegalArgumentException("kms uri: backend \"" + kms.backend() + "\" (expected: kms://kmip or kms://cluster-kms)");
        }
    }

    /**
     * The storage {@code storageUri} describes, on its own: {@code storage://memory},
     * {@code storage://file}, or {@code storage://kmip} with its own endpoint and TLS files.
     */
    public static DekStorage openStorage(String storageUri) {
        KmsUri storage = KmsUri.parse(storageUri, "storage");
        checkStorage(storage);
        return storage(storage, null);
    }

    private static void checkStorage(KmsUri s) {
        switch (s.backend()) {
            case "memory" -> s.check(Set.of(), FILE_HINT);
            case "file" -> s.check(Set.of("dir"), FILE_HINT);
            case "kmip" -> s.check(KMIP_STORAGE, FILE_HINT);
            default -> throw new IllegalArgumentException("storage uri: backend \"" + s.backend()
                    + "\" (expected: storage://memory, storage://file or storage://kmip)");
        }
    }

    private static DekStorage storage(KmsUri s, KmipClient kmsClient) {
        return switch (s.backend()) {
            case "memory" -> new MemoryDekStorage();
            case "file" -> new FileDekStorage(Path.of(s.required("dir")));
            case "kmip" -> {
                KmipDekStorage.Kind kind = KmipDekStorage.Kind.fromUriName(s.one("type", KmipDekStorage.Kind.SECRET_DATA.uriName));
                String prefix = s.one("prefix", KmipDekStorage.DEFAULT_PREFIX);
                if (s.has("endpoint")) {
                    yield new KmipDekStorage(client(s), prefix, kind, true);
                }
                if (kmsClient == null) {
                    throw new IllegalArgumentException("storage://kmip: no endpoint (expected: endpoint=HOST:PORT and TLS files,"
                            + " or kms://kmip to share its server)");
                }
                yield new KmipDekStorage(kmsClient, prefix, kind, false);
            }
            default -> throw new IllegalArgumentException("storage uri: backend \"" + s.backend() + "\"");
        };
    }

    private static KmipClient client(KmsUri u) {
        if (u.all("endpoint").isEmpty()) {
            throw new IllegalArgumentException(u.backend() + ": parameter \"endpoint\" missing (expected: endpoint=HOST:PORT)");
        }
        KmipClientOptions.Builder b = KmipClientOptions.builder();
        for (String e : u.all("endpoint")) {
            b.endpoint(e);
        }
        TlsOptions.Builder tls = TlsOptions.builder().trustPem(Path.of(u.required("caCert")));
        Path cert = Path.of(u.required("clientCert"));
        Path key = Path.of(u.required("clientKey"));
        String passwordFile = u.one("clientKeyPasswordFile", null);
        if (passwordFile == null) {
            tls.keyPem(cert, key);
        } else {
            char[] password = readPassword(Path.of(passwordFile));
            try {
                tls.keyPem(cert, key, password);
            } finally {
                Arrays.fill(password, '\0');
            }
        }
        b.tls(tls.build());
        String version = u.one("version", null);
        if (version != null) {
            b.version(KmipVersion.parse(version));
        }
        int timeout = u.integer("timeoutSeconds", (int) KmipClientOptions.DEFAULT_REQUEST_TIMEOUT.getSeconds(), 1, 3600);
        b.requestTimeout(Duration.ofSeconds(timeout));
        return KmipClient.create(b.build());
    }

    private static KekRotation.Method rotation(String name) {
        return switch (name) {
            case "auto" -> null;
            case "rekey" -> KekRotation.Method.REKEY;
            case "move" -> KekRotation.Method.CREATE_AND_MOVE;
            default -> throw new IllegalArgumentException("kms://kmip: rotate=" + name + " (expected: auto, rekey or move)");
        };
    }

    private static Bytes readSecret(KmsUri u, String param) {
        Path file = Path.of(u.required(param));
        try {
            byte[] b = Files.readAllBytes(file);
            try {
                return Bytes.of(b);
            } finally {
                Arrays.fill(b, (byte) 0);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("kms://" + u.backend() + ": " + param + " " + file + ": cannot read (" + e + ")", e);
        }
    }

    private static char[] readPassword(Path file) {
        try {
            byte[] b = Files.readAllBytes(file);
            try {
                CharBuffer chars = StandardCharsets.UTF_8.decode(java.nio.ByteBuffer.wrap(b));
                int end = chars.limit();
                while (end > 0 && (chars.get(end - 1) == '\n' || chars.get(end - 1) == '\r')) {
                    end--;
                }
                char[] out = new char[end];
                chars.get(out, 0, end);
                Arrays.fill(chars.array(), '\0');
                return out;
            } finally {
                Arrays.fill(b, (byte) 0);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("clientKeyPasswordFile " + file + ": cannot read (" + e + ")", e);
        }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        java.util.HashSet<String> s = new java.util.HashSet<>(a);
        s.addAll(b);
        return Set.copyOf(s);
    }
}
