package io.kmipstack.server.store;

import static io.kmipstack.server.store.ObjectStoreContractTest.group;
import static io.kmipstack.server.store.ObjectStoreContractTest.name;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvEncoder;
import io.kmipstack.server.store.StoreTransaction.ConcurrentModificationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only the SQLite store has: a file that survives restarts, durable settings, no key
 * material in clear on disk, index-driven Locate, and correctness between two stores (as two
 * processes would open it) on one file.
 */
class SqliteStoreFilesTest {

    private static final MasterKey KEY = MasterKey.fromBytes(Bytes.fromHex("11".repeat(32)));

    @TempDir
    Path dataDir;

    private SqliteObjectStore open() {
        return (SqliteObjectStore) ObjectStores.sqlite(dataDir, KEY);
    }

    /** A Symmetric Key structure holding {@code material} as a Raw key, as the handlers store it. */
    private static Bytes symmetricKey(Bytes material) {
        Ttlv key = Ttlv.structure(Tag.SYMMETRIC_KEY, Ttlv.structure(Tag.KEY_BLOCK,
                Ttlv.enumeration(Tag.KEY_FORMAT_TYPE, 1),
                Ttlv.structure(Tag.KEY_VALUE, Ttlv.bytes(Tag.KEY_MATERIAL, material)),
                Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, 3),
                Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, material.length() * 8)));
        return Bytes.wrap(TtlvEncoder.encode(key));
    }

    private static List<String> locate(ObjectStore store, LocateQuery q) {
        return store.read(tx -> tx.locate(q));
    }

    private static String insert(ObjectStore store, String owner, Bytes content, KmipAttribute... attributes) {
        return store.transact(tx -> {
            String uid = tx.newUniqueIdentifier();
            tx.insert(new StoredObject(uid, ObjectType.SYMMETRIC_KEY, owner, 0, List.of(attributes), content));
            return uid;
        });
    }

    @Test
    void reopenKeepsEveryObject() {
        List<StoredObject> written = new ArrayList<>();
        String shared;
        try (ObjectStore store = open()) {
            for (int i = 0; i < 50; i++) {
                String uid = insert(store, i % 2 == 0 ? "alice" : "bob", symmetricKey(ObjectStoreContractTest.content(i)),
                        name("key-" + i), group("restart"));
                written.add(store.read(tx -> tx.get(uid)).orElseThrow());
            }
            shared = written.get(0).uniqueIdentifier();
            store.transact(tx -> {
                tx.grant(shared, "carol");
                tx.update(tx.get(written.get(1).uniqueIdentifier()).orElseThrow().withContent(null));
                tx.delete(written.get(2).uniqueIdentifier());
                return null;
            });
        }
        try (ObjectStore store = open()) {
            for (int i = 0; i < written.size(); i++) {
                StoredObject before = written.get(i);
                StoredObject after = store.read(tx -> tx.get(before.uniqueIdentifier())).orElse(null);
                if (i == 1) {
                    assertThat(after).isEqualTo(new StoredObject(before.uniqueIdentifier(), before.objectType(),
                            before.owner(), 2, before.attributes(), null));
                } else if (i == 2) {
                    assertThat(after).isNull();
                } else {
                    assertThat(after).isEqualTo(before);
                }
            }
            java.util.Set<String> grants = store.read(tx -> tx.grants(shared));
            assertThat(grants).containsExactly("carol");
            List<String> expectedOrder = new ArrayList<>();
            written.forEach(o -> expectedOrder.add(o.uniqueIdentifier()));
            expectedOrder.remove(2);
            assertThat(locate(store, new LocateQuery(null, null, List.of(group("restart")), 0, null)))
                    .containsExactlyElementsOf(expectedOrder);
            assertThat(locate(store, new LocateQuery("carol", null, List.of(), 0, null))).containsExactly(shared);
            // Insert order continues after the restart.
            String later = insert(store, "alice", null, group("restart"));
            assertThat(locate(store, new LocateQuery(null, null, List.of(group("restart")), 0, null)))
                    .endsWith(later).hasSize(expectedOrder.size() + 1);
        }
    }

    @Test
    void anotherMasterKeyCannotOpenTheStore() {
        try (ObjectStore store = open()) {
            insert(store, "alice", symmetricKey(ObjectStoreContractTest.content(1)));
        }
        MasterKey other = MasterKey.fromBytes(Bytes.fromHex("22".repeat(32)));
        assertThatThrownBy(() -> ObjectStores.sqlite(dataDir, other)).isInstanceOf(StoreException.class)
                .hasMessageContaining("master key");
    }

    @Test
    void durableSettingsHoldOnEveryConnection() {
        try (SqliteObjectStore store = open()) {
            assertThat(store.file()).isEqualTo(dataDir.resolve("kmip.db"));
            assertThat(pragma(store, "journal_mode")).isEqualTo("wal");
            // 2 = FULL: the log is synced at every commit.
            assertThat(pragma(store, "synchronous")).isEqualTo("2");
            assertThat(pragma(store, "foreign_keys")).isEqualTo("1");
            assertThat(pragma(store, "secure_delete")).isEqualTo("1");
            assertThat(pragma(store, "busy_timeout")).isEqualTo("2000");
            List<Integer> versions = store.withConnection(c -> {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT version FROM schema_version")) {
                    List<Integer> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(rs.getInt(1));
                    }
                    return out;
                }
            });
            // A new store runs every migration in turn.
            assertThat(versions).containsExactlyElementsOf(
                    SqlSchema.MIGRATIONS.stream().map(SqlSchema.Migration::version).toList());
        }
    }

    private static String pragma(SqliteObjectStore store, String name) {
        return store.withConnection(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
                rs.next();
                return rs.getString(1);
            }
        });
    }

    @Test
    void newDataFolderAndDatabaseAreOwnerOnly() throws Exception {
        Path fresh = dataDir.resolve("fresh");
        try (ObjectStore store = ObjectStores.sqlite(fresh, KEY)) {
            insert(store, "alice", null);
            // SQLite gives the log files the database file's mode.
            for (String name : List.of("kmip.db-wal", "kmip.db-shm")) {
                assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh.resolve(name))))
                        .as(name).isEqualTo("rw-------");
            }
        }
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh)))
                .isEqualTo("rwx------");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(fresh.resolve("kmip.db"))))
                .isEqualTo("rw-------");
    }

    @Test
    void aNewerSchemaIsRefused() {
        try (SqliteObjectStore store = open()) {
            store.withConnection(c -> {
                try (Statement s = c.createStatement()) {
                    return s.executeUpdate("INSERT INTO schema_version (version, applied_at) VALUES (99, 0)");
                }
            });
        }
        assertThatThrownBy(this::open).isInstanceOf(StoreException.class)
                .hasMessageContaining("schema version 99 (expected: <= " + SqlSchema.LATEST);
    }

    /**
     * The key bytes are registered and read back, the store left open so that the write-ahead log
     * and the shared-memory file are on disk; then every byte of the three files is searched for
     * the key, in binary and as hex. A name stored in clear in the same object must be found, which
     * proves the search looks where the object went.
     */
    @Test
    void noKeyMaterialInClearInAnyFile() throws Exception {
        byte[] pattern = new byte[32];
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = (byte) (0xA0 + i);
        }
        Bytes material = Bytes.of(pattern);
        SqliteObjectStore store = open();
        try {
            String uid = insert(store, "alice", symmetricKey(material), name("findable-name"));
            assertThat(store.read(tx -> tx.get(uid)).orElseThrow().content()).isEqualTo(symmetricKey(material));
            // An update re-encrypts under a new data key: neither version may leak.
            store.transact(tx -> {
                tx.update(tx.get(uid).orElseThrow().withAttributes(List.of(name("findable-name"), group("g"))));
                return null;
            });
            Path db = dataDir.resolve("kmip.db");
            Path wal = dataDir.resolve("kmip.db-wal");
            Path shm = dataDir.resolve("kmip.db-shm");
            assertThat(Files.size(wal)).isPositive();
            assertThat(Files.exists(shm)).isTrue();
            byte[] all = concat(Files.readAllBytes(db), Files.readAllBytes(wal), Files.readAllBytes(shm));
            assertThat(indexOf(all, "findable-name".getBytes(StandardCharsets.US_ASCII))).isNotNegative();
            assertNoKey(all, pattern);
        } finally {
            store.close();
        }
        // Closing checkpoints the log into the database file.
        assertNoKey(Files.readAllBytes(dataDir.resolve("kmip.db")), pattern);
    }

    private static void assertNoKey(byte[] haystack, byte[] key) {
        assertThat(indexOf(haystack, key)).as("key bytes in clear").isNegative();
        // Half the key is enough to count as a leak.
        assertThat(indexOf(haystack, java.util.Arrays.copyOf(key, 16))).as("half the key in clear").isNegative();
        String hex = HexFormat.of().formatHex(key);
        assertThat(indexOf(haystack, hex.getBytes(StandardCharsets.US_ASCII))).as("key as lowercase hex").isNegative();
        assertThat(indexOf(haystack, hex.toUpperCase().getBytes(StandardCharsets.US_ASCII))).as("key as uppercase hex").isNegative();
    }

    private static byte[] concat(byte[]... parts) {
        int n = 0;
        for (byte[] p : parts) {
            n += p.length;
        }
        byte[] out = new byte[n];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Test
    void tamperedOrMovedCiphertextFailsAuthentication() {
        try (SqliteObjectStore store = open()) {
            String a = insert(store, "alice", symmetricKey(ObjectStoreContractTest.content(1)));
            String b = insert(store, "alice", symmetricKey(ObjectStoreContractTest.content(2)));
            // b's sealed content copied onto a: the data key unwraps, but the content is bound to b.
            store.withConnection(c -> {
                try (PreparedStatement p = c.prepareStatement("UPDATE objects SET"
                        + " content_ciphertext = (SELECT content_ciphertext FROM objects WHERE uid = ?),"
                        + " content_nonce = (SELECT content_nonce FROM objects WHERE uid = ?),"
                        + " wrapped_dek = (SELECT wrapped_dek FROM objects WHERE uid = ?) WHERE uid = ?")) {
                    p.setString(1, b);
                    p.setString(2, b);
                    p.setString(3, b);
                    p.setString(4, a);
                    return p.executeUpdate();
                }
            });
            assertThatThrownBy(() -> store.read(tx -> tx.get(a))).isInstanceOf(StoreException.class)
                    .hasMessageContaining(a).hasMessageContaining("authentication");
            assertThat(store.read(tx -> tx.get(b)).orElseThrow().content()).isEqualTo(symmetricKey(ObjectStoreContractTest.content(2)));
        }
    }

    /**
     * Locate by Name among 20,000 objects: the plan must find candidates through the
     * (tag, match_key) index and never scan the objects or attributes tables.
     */
    @Test
    void locateByAttributeUsesTheIndex() {
        try (SqliteObjectStore store = open()) {
            List<String> uids = store.transact(tx -> {
                List<String> out = new ArrayList<>();
                for (int i = 0; i < 20_000; i++) {
                    String uid = tx.newUniqueIdentifier();
                    tx.insert(new StoredObject(uid, i % 3 == 0 ? ObjectType.SECRET_DATA : ObjectType.SYMMETRIC_KEY,
                            "owner-" + (i % 10), 0, List.of(name("n-" + i), group("g-" + (i % 100))), null));
                    out.add(uid);
                }
                return out;
            });
            List<LocateQuery> queries = List.of(
                    new LocateQuery(null, null, List.of(name("n-12346")), 0, null),
                    new LocateQuery("owner-6", ObjectType.SYMMETRIC_KEY, List.of(name("n-12346")), 0, 10),
                    new LocateQuery("owner-6", null, List.of(group("g-46"), name("n-12346")), 0, null));
            for (LocateQuery q : queries) {
                List<String> plan = plan(store, q);
                assertThat(plan).as(plan.toString()).anyMatch(line -> line.contains("INDEX attributes_match (tag=? AND match_key=?)"));
                assertThat(plan).as(plan.toString()).noneMatch(line -> line.startsWith("SCAN"));
                assertThat(locate(store, q)).containsExactly(uids.get(12346));
            }
            assertThat(locate(store, new LocateQuery(null, null, List.of(group("g-7")), 3, 4)))
                    .containsExactly(uids.get(307), uids.get(407), uids.get(507), uids.get(607));
        }
    }

    private static List<String> plan(SqliteObjectStore store, LocateQuery q) {
        SqliteObjectStore.LocateSql sql = SqliteObjectStore.locateSql(q);
        return store.withConnection(c -> {
            try (PreparedStatement p = c.prepareStatement("EXPLAIN QUERY PLAN " + sql.sql())) {
                SqliteObjectStore.bind(p, sql.parameters());
                List<String> lines = new ArrayList<>();
                try (ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        lines.add(rs.getString("detail"));
                    }
                }
                return lines;
            }
        });
    }

    /**
     * Two stores on one file, as two server processes would have: no lock in this JVM is shared
     * between them, yet no update is lost, because SQLite serializes the write transactions and
     * the revision check catches the stale ones.
     */
    @Test
    void twoStoresOnOneFileLoseNoUpdate() throws Exception {
        try (ObjectStore first = open(); ObjectStore second = open()) {
            String uid = insert(first, "alice", symmetricKey(ObjectStoreContractTest.content(3)));
            int perWriter = 25;
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<Integer>> conflicts = new ArrayList<>();
                for (ObjectStore store : List.of(first, second)) {
                    String me = store == first ? "first" : "second";
                    conflicts.add(pool.submit(() -> {
                        int seen = 0;
                        for (int done = 0, attempts = 0; done < perWriter; attempts++) {
                            if (attempts > perWriter * 50) {
                                throw new AssertionError("no progress after " + attempts + " attempts");
                            }
                            StoredObject read = store.read(tx -> tx.get(uid).orElseThrow());
                            List<KmipAttribute> attrs = new ArrayList<>(read.attributes());
                            attrs.add(group(me + "-" + done));
                            try {
                                store.transact(tx -> {
                                    tx.update(read.withAttributes(attrs));
                                    return null;
                                });
                                done++;
                            } catch (ConcurrentModificationException e) {
                                seen++;
                            }
                        }
                        return seen;
                    }));
                }
                for (Future<Integer> f : conflicts) {
                    f.get(120, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            StoredObject end = second.read(tx -> tx.get(uid).orElseThrow());
            assertThat(end.revision()).isEqualTo(1 + 2 * perWriter);
            assertThat(end.attributes()).hasSize(2 * perWriter).doesNotHaveDuplicates();
            assertThat(end.content()).isEqualTo(symmetricKey(ObjectStoreContractTest.content(3)));
        }
    }
}
