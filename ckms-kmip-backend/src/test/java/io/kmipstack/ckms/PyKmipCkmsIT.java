package io.kmipstack.ckms;

import static io.kmipstack.codec.registry.CryptographicUsageMask.DECRYPT;
import static io.kmipstack.codec.registry.CryptographicUsageMask.ENCRYPT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmipstack.certs.DevPki;
import io.kmipstack.client.KmipClient;
import io.kmipstack.client.KmipClientOptions;
import io.kmipstack.client.TlsOptions;
import io.kmipstack.client.testing.PyKmipServer;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.ttlv.Bytes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The key service against PyKMIP 0.10 (Debian's {@code pykmip-server}, started on a free loopback
 * port for this class). PyKMIP has Encrypt/Decrypt in CBC, ECB, CFB, OFB, CTR and GCM (with AAD
 * and tag length), wraps keys on Get with NIST Key Wrap only, cannot Decrypt in NIST Key Wrap mode
 * (so key-wrap blobs open through its AES-ECB, block by block) and has no Re-key (so rotation
 * creates a key and moves the Name). It does not keep Names unique, and runs one request at a
 * time. Both wrap methods run over file storage and over {@code storage://kmip}.
 */
class PyKmipCkmsIT {

    @TempDir
    static Path serverDir;

    static PyKmipServer server;
    static DevPki pki;

    @BeforeAll
    static void start() throws Exception {
        Assumptions.assumeTrue(PyKmipServer.installed(), "PyKMIP is not installed (bin/test installs Debian python3-pykmip)");
        // EC P-256: PyKMIP's TLS 1.2 offers AES-GCM only with ECDSA. Bob is a second identity.
        pki = DevPki.builder().addClientCn("bob").build();
        server = PyKmipServer.start(serverDir, pki);
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (server != null) {
            server.close();
        }
    }

    static KmipClient client() {
        return KmipClient.create(KmipClientOptions.builder().endpoint("127.0.0.1", server.port())
                .tls(TlsOptions.builder().trust(pki.ca().certificate()).key(pki.client().privateKey(), pki.client().certificate()).build())
                .requestTimeout(Duration.ofSeconds(60)).build());
    }

    abstract class OnPyKmip extends WrappingKmsScenarios {
        @Override
        String connection() {
            return connectionParameters();
        }

        @Override
        KekRotation.Method expectedRotation() {
            return KekRotation.Method.CREATE_AND_MOVE;
        }
    }

    abstract class FileStorage extends OnPyKmip {
        @Override
        String storageUri() {
            return "storage://file?dir=" + dir.resolve("deks");
        }
    }

    abstract class KmipStorage extends OnPyKmip {
        private final String prefix = "it-" + UUID.randomUUID() + "/";

        @Override
        String storageUri() {
            return "storage://kmip?type=" + storageType() + "&prefix=" + prefix;
        }

        abstract String storageType();
    }

    @Nested
    class GcmOverFiles extends FileStorage {
        @Override
        WrapMethod wrap() {
            return WrapMethod.GCM;
        }

        @Test
        void anySizeWraps() {
            WrappingKms kms = node();
            assertThat(kms.getDek("odd", 20).length()).isEqualTo(20);
            assertThat(kms.getDek("odd", 20)).isEqualTo(kms.getDek("odd", 20));
        }
    }

    @Nested
    class KeyWrapOverFiles extends FileStorage {
        @Override
        WrapMethod wrap() {
            return WrapMethod.NISTKW;
        }

        @Test
        void sizesFollowKeyWrapRules() {
            WrappingKms kms = node();
            // 48 bytes is no AES key size: the DEK is made here and registered for wrapping.
            assertThat(kms.getDek("long", 48)).isEqualTo(kms.getDek("long", 48));
            assertThatThrownBy(() -> kms.getDek("odd", 20)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("dek size: 20 (expected: a multiple of 8 from 16 for wrap=nistkw");
        }

        @Test
        void blobsOfBothMethodsOpenWhicheverIsConfiguredAndRewrapMigrates() {
            WrappingKms kw = node();
            Bytes kwDek = kw.getDek("made-by-kw", 32);
            WrappingKms gcm = node(WrapMethod.GCM);
            assertThat(gcm.getDek("made-by-kw", 32)).isEqualTo(kwDek);
            Bytes gcmDek = gcm.getDek("made-by-gcm", 32);
            assertThat(kw.getDek("made-by-gcm", 32)).isEqualTo(gcmDek);
            // Rewrapping on the GCM node moves the key-wrap blob to GCM under the same KEK.
            RewrapReport r = gcm.rewrap(RewrapOptions.all());
            assertThat(r.rewrapped()).isEqualTo(1);
            assertThat(r.alreadyCurrent()).isEqualTo(1);
            assertThat(WrappedDek.decode("made-by-kw", gcm.storage().get("made-by-kw").orElseThrow().blob()).method())
                    .isEqualTo(WrapMethod.GCM);
            assertThat(kw.getDek("made-by-kw", 32)).isEqualTo(kwDek);

            // Back to key wrap on the key-wrap node: a 20-byte DEK (GCM only) stays with GCM.
            Bytes odd = gcm.getDek("odd-20", 20);
            RewrapReport back = kw.rewrap(RewrapOptions.all());
            assertThat(back.rewrapped()).isEqualTo(2);
            assertThat(back.alreadyCurrent()).isEqualTo(1);
            assertThat(WrappedDek.decode("odd-20", kw.storage().get("odd-20").orElseThrow().blob()).method()).isEqualTo(WrapMethod.GCM);
            assertThat(WrappedDek.decode("made-by-gcm", kw.storage().get("made-by-gcm").orElseThrow().blob()).method())
                    .isEqualTo(WrapMethod.NISTKW);
            assertThat(kw.getDek("odd-20", 20)).isEqualTo(odd);
            assertThat(kw.getDek("made-by-gcm", 32)).isEqualTo(gcmDek);
        }
    }

    @Nested
    class GcmOverKmipOpaqueObjects extends KmipStorage {
        @Override
        WrapMethod wrap() {
            return WrapMethod.GCM;
        }

        @Override
        String storageType() {
            return "opaque";
        }
    }

    @Nested
    class KeyWrapOverKmipSecretData extends KmipStorage {
        @Override
        WrapMethod wrap() {
            return WrapMethod.NISTKW;
        }

        @Override
        String storageType() {
            return "secret-data";
        }
    }

    @Nested
    class KmipStorageContract extends DekStorageContract {
        private KmipClient client;
        private String prefix;

        @Override
        DekStorage newStorage() {
            client = client();
            prefix = "contract-" + UUID.randomUUID() + "/";
            return new KmipDekStorage(client, prefix, KmipDekStorage.Kind.SECRET_DATA, true);
        }

        @Override
        DekStorage secondInstance() {
            return new KmipDekStorage(client(), prefix, KmipDekStorage.Kind.SECRET_DATA, true);
        }

        @Override
        int threads() {
            return 4;
        }
    }

    @Test
    void twoActiveKeysWithTheKeksNameAreRefused() {
        String name = "dup-" + UUID.randomUUID();
        try (KmipClient kmip = client()) {
            for (int i = 0; i < 2; i++) {
                String id = kmip.sync().create().aes(256).name(name).usage(ENCRYPT, DECRYPT).execute().uniqueIdentifier().toString();
                kmip.sync().activate(id);
            }
            try (WrappingKms kms = WrappingKms.builder().client(client(), true).kek(name).storage(DekStorages.memory()).build()) {
                assertThatThrownBy(() -> kms.getDek("x", 32)).isInstanceOf(KekNotUsableException.class)
                        .hasMessageContaining("2 Active keys bear the Name");
            }
        }
    }

    @Test
    void anotherIdentityIsDeniedTheKek(@TempDir Path deks) {
        String kekName = "owned-" + UUID.randomUUID();
        String storage = "storage://file?dir=" + deks;
        Bytes dek;
        try (CloudKms alice = KmsFactory.open("kms://kmip?" + connectionParameters() + "&kek=" + kekName + "&createKek=true",
                storage)) {
            dek = alice.getDek("shared", 32);
        }
        String bob = "kms://kmip?endpoint=127.0.0.1:" + server.port() + "&caCert=" + serverDir.resolve(DevPki.CA_PEM)
                + "&clientCert=" + serverDir.resolve("client-bob.pem") + "&clientKey=" + serverDir.resolve("client-bob.key")
                + "&kek=" + kekName;
        try (CloudKms kms = KmsFactory.open(bob, storage)) {
            // PyKMIP's default policy lets only the owner use a key, and says so with Permission Denied.
            assertThatThrownBy(() -> kms.getDek("shared", 32)).isInstanceOf(KmsAccessDeniedException.class)
                    .hasMessageContaining("unwrap dek shared with kek").hasMessageContaining("PermissionDenied");
        }
        assertThat(dek.length()).isEqualTo(32);
    }

    @Test
    void storageAsOpaqueObjectsHoldsTheBlobOnTheServer() {
        try (KmipClient kmip = client()) {
            DekStorage s = DekStorages.kmip(kmip, "raw-" + UUID.randomUUID() + "/", ObjectType.OPAQUE_OBJECT);
            assertThat(s.putIfAbsent("x", DekStorageContract.blob("payload"))).isTrue();
            String version = s.get("x").orElseThrow().version();
            String uid = version.substring(version.indexOf(':') + 1);
            assertThat(kmip.sync().get(uid).objectType()).isEqualTo(ObjectType.OPAQUE_OBJECT);
            assertThat(version).startsWith("0:");
        }
    }

    /** {@code endpoint=...&caCert=...&clientCert=...&clientKey=...} of the server for a {@code kms://kmip} URI. */
    static String connectionParameters() {
        Path d = server.dir();
        return "endpoint=127.0.0.1:" + server.port() + "&caCert=" + d.resolve(DevPki.CA_PEM) + "&clientCert="
                + d.resolve(DevPki.CLIENT_PEM) + "&clientKey=" + d.resolve(DevPki.CLIENT_KEY);
    }
}
