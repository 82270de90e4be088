package io.kmipstack.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmipstack.codec.ttlv.Bytes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The master key file: created owner-only, refused when others may read it, and stable across loads. */
class MasterKeyTest {

    @TempDir
    Path dir;

    @Test
    void createsAnOwnerOnlyFileOfThirtyTwoRandomBytes() throws Exception {
        Path file = dir.resolve("data").resolve(MasterKey.DEFAULT_FILE_NAME);
        MasterKey key = MasterKey.loadOrCreate(file);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.size(file)).isEqualTo(32);
        assertThat(Files.readAllBytes(file)).isNotEqualTo(new byte[32]);
        assertThat(key.toString()).doesNotContain(Bytes.of(Files.readAllBytes(file)).toHex()).contains("redacted");
        // A second file gets another key.
        assertThat(Files.readAllBytes(file)).isNotEqualTo(createAndRead(dir.resolve("other.key")));
    }

    private static byte[] createAndRead(Path file) throws Exception {
        MasterKey.loadOrCreate(file);
        return Files.readAllBytes(file);
    }

    @Test
    void loadingTheFileAgainGivesTheSameKey() throws Exception {
        Path file = dir.resolve(MasterKey.DEFAULT_FILE_NAME);
        byte[] before = createAndRead(file);
        Path data = dir.resolve("store");
        try (ObjectStore store = ObjectStores.sqlite(data, MasterKey.loadOrCreate(file))) {
            store.transact(tx -> {
                tx.insert(new StoredObject("k", io.kmipstack.codec.registry.ObjectType.SECRET_DATA, "alice", 0, List.of(),
                        Bytes.fromHex("0102030405")));
                return null;
            });
        }
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        // The store checks the key it was created with: a reload that read other bytes could not open it.
        try (ObjectStore store = ObjectStores.sqlite(data, MasterKey.loadOrCreate(file))) {
            assertThat(store.read(tx -> tx.get("k")).orElseThrow().content()).isEqualTo(Bytes.fromHex("0102030405"));
        }
    }

    @Test
    void refusesAFileGroupOrOthersMayRead() throws Exception {
        Path file = dir.resolve(MasterKey.DEFAULT_FILE_NAME);
        MasterKey.loadOrCreate(file);
        for (String mode : List.of("rw-r-----", "rw----r--", "rw--w----", "rw-rw-rw-")) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
            assertThatThrownBy(() -> MasterKey.loadOrCreate(file)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining(file.toString()).hasMessageContaining("mode " + mode);
        }
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--------"));
        assertThat(MasterKey.loadOrCreate(file)).isNotNull();
    }

    @Test
    void refusesAFileOfAnotherLength() throws Exception {
        Path file = dir.resolve(MasterKey.DEFAULT_FILE_NAME);
        Files.write(file, new byte[31]);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> MasterKey.loadOrCreate(file)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("31 bytes (expected: 32)");
    }

    @Test
    void fromBytesWantsThirtyTwoBytes() {
        assertThatThrownBy(() -> MasterKey.fromBytes(Bytes.of(new byte[16]))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("master key length: 16 (expected: 32)");
        assertThat(MasterKey.fromBytes(Bytes.of(new byte[32])).toString()).isEqualTo("MasterKey[AES-256, redacted]");
    }
}
