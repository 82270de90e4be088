package io.kmipstack.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.ttlv.Bytes;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store contract for {@link ObjectStores#sqlite}, each test in a fresh data folder; and the
 * object cache behind Get, which must never serve a version the database no longer holds, whoever
 * changed it (this store, a rolled-back transaction, another store on the same file).
 */
class SqliteObjectStoreTest extends ObjectStoreContractTest {

    private static final MasterKey MASTER = MasterKey.fromBytes(Bytes.fromHex("00".repeat(31) + "01"));

    @TempDir
    Path dataDir;

    @Override
    protected ObjectStore open() {
        return ObjectStores.sqlite(dataDir, MASTER);
    }

    @Test
    void getSeesEveryCommittedChangeThroughItsCache() {
        String uid = insert("alice", group("one"));
        StoredObject first = get(uid);
        assertThat(get(uid)).isEqualTo(first);   // served from the cache now
        store.transact(tx -> {
            tx.update(first.withAttributes(List.of(group("two"))));
            return null;
        });
        StoredObject second = get(uid);
        assertThat(second.revision()).isEqualTo(first.revision() + 1);
        assertThat(second.attributes()).containsExactly(group("two"));
    }

    @Test
    void aRolledBackWriteLeavesNothingInTheCache() {
        String uid = insert("alice", group("one"));
        StoredObject before = get(uid);
        assertThatThrownBy(() -> store.transact(tx -> {
            tx.update(before.withAttributes(List.of(group("uncommitted"))));
            assertThat(tx.get(uid).orElseThrow().attributes()).containsExactly(group("uncommitted"));
            throw new IllegalArgumentException("roll back");
        })).hasMessage("roll back");
        assertThat(get(uid)).isEqualTo(before);
        assertThat(store.transact(tx -> tx.get(uid)).orElseThrow()).isEqualTo(before);
    }

    @Test
    void anotherStoreOnTheSameFileIsSeen() {
        String uid = insert("alice", group("one"));
        StoredObject mine = get(uid);
        try (ObjectStore other = ObjectStores.sqlite(dataDir, MASTER)) {
            StoredObject theirs = other.read(tx -> tx.get(uid)).orElseThrow();
            other.transact(tx -> {
                tx.update(theirs.withAttributes(List.of(group("changed elsewhere"))));
                return null;
            });
            assertThat(get(uid).attributes()).containsExactly(group("changed elsewhere"));
            // Deleted and inserted again under the same identifier, at revision 1 once more.
            other.transact(tx -> {
                tx.delete(uid);
                tx.insert(new StoredObject(uid, ObjectType.SECRET_DATA, "alice", 0, List.of(group("again")), content(7)));
                return null;
            });
        }
        StoredObject again = get(uid);
        assertThat(again.revision()).isEqualTo(mine.revision());
        assertThat(again.objectType()).isEqualTo(ObjectType.SECRET_DATA);
        assertThat(again.attributes()).containsExactly(group("again"));
        assertThat(again.content()).isEqualTo(content(7));
    }
}
