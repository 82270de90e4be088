package io.kmipstack.ckms;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.junit.KmipServerExtension;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The key service against our server (kmip-junit: in-memory store, mutual TLS, KMIP 2.1): both
 * wrap methods, over file storage and over {@code storage://kmip}. Our server has Encrypt and
 * Decrypt in AES-GCM and in NIST Key Wrap (so key-wrap blobs open in one Decrypt), wrapping on
 * Get, and Re-key (so rotation moves the Name on the server).
 */
class OurServerCkmsIT {

    @RegisterExtension
    static KmipServerExtension kmip = KmipServerExtension.builder().build();

    abstract class OnOurServer extends WrappingKmsScenarios {
        @Override
        String connection() {
            return OurServer.connection(kmip.settings());
        }

        @Override
        KekRotation.Method expectedRotation() {
            return KekRotation.Method.REKEY;
        }
    }

    abstract class FileStorage extends OnOurServer {
        @Override
        String storageUri() {
            return "storage://file?dir=" + dir.resolve("deks");
        }
    }

    abstract class KmipStorage extends OnOurServer {
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
    }

    @Nested
    class KeyWrapOverFiles extends FileStorage {
        @Override
        WrapMethod wrap() {
            return WrapMethod.NISTKW;
        }

        @Test
        void keyWrapBlobsOpenWithOneDecrypt() {
            WrappingKms kms = node();
            Bytes dek = kms.getDek("kw", 32);
            assertThat(kms.getDek("kw", 32)).isEqualTo(dek);
            assertThat(((KmipCloudKms) kms).kek().keyWrapUnwrap()).isEqualTo(KmipKek.KeyWrapUnwrap.DECRYPT);
            // 48 bytes: no AES key size, so the DEK is registered as Secret Data for wrapping.
            assertThat(kms.getDek("long", 48)).isEqualTo(node().getDek("long", 48));
        }
    }

    @Nested
    class GcmOverKmipSecretData extends KmipStorage {
        @Override
        WrapMethod wrap() {
            return WrapMethod.GCM;
        }

        @Override
        String storageType() {
            return "secret-data";
        }
    }

    @Nested
    class KeyWrapOverKmipOpaqueObjects extends KmipStorage {
        @Override
        WrapMethod wrap() {
            return WrapMethod.NISTKW;
        }

        @Override
        String storageType() {
            return "opaque";
        }
    }
}
