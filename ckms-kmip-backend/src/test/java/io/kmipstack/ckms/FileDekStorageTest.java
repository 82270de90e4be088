package io.kmipstack.ckms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmipstack.codec.ttlv.Bytes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code storage://file} under the storage contract (a second instance is a second object on the
 * same directory, as a second process would open it), plus what is particular to files: names,
 * permissions, no leftovers, and readers that never see a torn blob.
 */
class FileDekStorageTest extends DekStorageContract {

    @TempDir
    Path dir;

    @Override
    DekStorage newStorage() {
        return new FileDekStorage(dir.resolve("deks"));
    }

    @Override
    DekStorage secondInstance() {
        return new FileDekStorage(dir.resolve("deks"));
    }

    private Set<String> files() throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve("deks"))) {
            return Set.copyOf(s.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void oneOwnerOnlyFilePerDekAndNoLeftovers() throws Exception {
        storage.putIfAbsent("disk-1", blob("a"));
        storage.putIfAbsent("../up", blob("b"));
        String v = storage.get("disk-1").orElseThrow().version();
        storage.replace("disk-1", v, blob("c"));
        storage.putIfAbsent("disk-1", blob("lost"));
        assertThat(files()).containsExactlyInAnyOrder("disk-1.dek", "%2E.%2Fup.dek", ".lock");
        Path file = dir.resolve("deks/disk-1.dek");
        assertThat(Files.readAllBytes(file)).isEqualTo("c".getBytes());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("deks")))).isEqualTo("rwx------");
    }

    @Test
    void missingParentsAreCreatedAndTheStorageWorksInThem() throws Exception {
        // The parents are flushed after creation too; that a test cannot observe, only that the
        // path through it creates, opens and writes.
        Path nested = dir.resolve("a/b/deks");
        FileDekStorage s = new FileDekStorage(nested);
        assertThat(s.putIfAbsent("disk-1", blob("a"))).isTrue();
        assertThat(new FileDekStorage(nested).get("disk-1").orElseThrow().blob()).isEqualTo(blob("a"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nested))).isEqualTo("rwx------");
    }

    @Test
    void fileNamesEncodeEveryIdReversibly() {
        for (String id : List.of("a", ".x", "a.b", "%", "ü", "a b", "A-Z_0.9")) {
            String name = FileDekStorage.encode(id);
            assertThat(name).matches("[A-Za-z0-9._%-]+").doesNotStartWith(".");
            assertThat(FileDekStorage.decode(name)).isEqualTo(id);
        }
        // Names this class would not have written are not ids: a non-canonical escape, a bad one.
        assertThat(FileDekStorage.decode("%61")).isNull();
        assertThat(FileDekStorage.decode("%zz")).isNull();
        assertThat(FileDekStorage.decode("%4")).isNull();
    }

    @Test
    void foreignFilesAreNotListed() throws Exception {
        storage.putIfAbsent("real", blob("x"));
        Files.writeString(dir.resolve("deks/notes.txt"), "hi");
        Files.writeString(dir.resolve("deks/.tmp-123"), "half");
        Files.writeString(dir.resolve("deks/%61.dek"), "not canonical");
        assertThat(storage.list(null, 10)).containsExactly("real");
    }

    @Test
    void tooLongNamesAreRefused() {
        String id = "é".repeat(41); // 82 UTF-8 bytes, 246 characters once escaped
        assertThatThrownBy(() -> storage.putIfAbsent(id, blob("x"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("dek id: file name of 246 characters (expected: <= 240");
    }

    @Test
    void readersNeverSeeATornBlob() throws Exception {
        Bytes small = blob("s");
        Bytes large = Bytes.of(new byte[16 * 1024]);
        storage.putIfAbsent("hot", small);
        Set<Integer> lengths = ConcurrentHashMap.newKeySet();
        AtomicBoolean stop = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            try (DekStorage other = secondInstance()) {
                while (!stop.get()) {
                    other.get("hot").ifPresent(s -> lengths.add(s.blob().length()));
                }
            }
        });
        reader.start();
        try {
            for (int i = 0; i < 300; i++) {
                StoredDek cur = storage.get("hot").orElseThrow();
                assertThat(storage.replace("hot", cur.version(), cur.blob().length() == 1 ? large : small)).isTrue();
            }
        } finally {
            stop.set(true);
            reader.join(10_000);
        }
        assertThat(lengths).isSubsetOf(1, 16 * 1024).isNotEmpty();
    }

    @Test
    void survivesReopening() {
        storage.putIfAbsent("kept", blob("blob"));
        storage.close();
        storage = newStorage();
        assertThat(storage.get("kept").orElseThrow().blob()).isEqualTo(blob("blob"));
    }
}
