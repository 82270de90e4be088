package io.kmipstack.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.NameType;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.State;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvDecoder;
import io.kmipstack.codec.ttlv.TtlvEncoder;
import io.kmipstack.server.store.StoreTransaction.ConcurrentModificationException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link ObjectStore} contract, run against every implementation by a subclass that says how
 * to open one. Each test gets a fresh store.
 */
abstract class ObjectStoreContractTest {

    protected ObjectStore store;

    /** A new, empty store. */
    protected abstract ObjectStore open() throws Exception;

    @BeforeEach
    void openStore() throws Exception {
        store = open();
    }

    @AfterEach
    void closeStore() {
        if (store != null) {
            store.close();
        }
    }

    // ---- fixtures -------------------------------------------------------------------------

    static KmipAttribute name(String value) {
        return KmipAttribute.of(Ttlv.structure(Tag.NAME, Ttlv.text(Tag.NAME_VALUE, value),
                Ttlv.enumeration(Tag.NAME_TYPE, NameType.UNINTERPRETED_TEXT_STRING.value())));
    }

    static KmipAttribute algorithm(CryptographicAlgorithm alg) {
        return KmipAttribute.of(Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, alg.value()));
    }

    static KmipAttribute state(State s) {
        return KmipAttribute.of(Ttlv.enumeration(Tag.STATE, s.value()));
    }

    static KmipAttribute group(String g) {
        return KmipAttribute.of(Ttlv.text(Tag.OBJECT_GROUP, g));
    }

    /** A custom attribute as KMIP 1.x would name it {@code x-<name>}. */
    static KmipAttribute custom(String name, String value) {
        return KmipAttribute.of(Ttlv.structure(Tag.ATTRIBUTE, Ttlv.text(Tag.VENDOR_IDENTIFICATION, "x"),
                Ttlv.text(Tag.ATTRIBUTE_NAME, name), Ttlv.text(Tag.ATTRIBUTE_VALUE, value)));
    }

    static Bytes content(int seed) {
        byte[] b = new byte[48];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return Bytes.of(b);
    }

    static StoredObject object(String uid, ObjectType type, String owner, KmipAttribute... attributes) {
        return new StoredObject(uid, type, owner, 0, List.of(attributes), content(uid.hashCode()));
    }

    /** Inserts a symmetric key owned by {@code owner} in its own transaction; returns its identifier. */
    String insert(String owner, KmipAttribute... attributes) {
        return store.transact(tx -> {
            String uid = tx.newUniqueIdentifier();
            tx.insert(object(uid, ObjectType.SYMMETRIC_KEY, owner, attributes));
            return uid;
        });
    }

    java.util.Optional<StoredObject> find(String uid) {
        return store.read(tx -> tx.get(uid));
    }

    Set<String> grantsOf(String uid) {
        return store.read(tx -> tx.grants(uid));
    }

    boolean deleteNow(String uid) {
        return store.transact(tx -> tx.delete(uid));
    }

    boolean revoke(String uid, String identity) {
        return store.transact(tx -> tx.revokeGrant(uid, identity));
    }

    StoredObject get(String uid) {
        return store.read(tx -> tx.get(uid)).orElseThrow();
    }

    List<String> locate(String visibleTo, ObjectType type, int offset, Integer maximum, KmipAttribute... filters) {
        return store.read(tx -> tx.locate(new LocateQuery(visibleTo, type, List.of(filters), offset, maximum)));
    }

    List<String> locate(KmipAttribute... filters) {
        return locate(null, null, 0, null, filters);
    }

    // ---- insert, get, update, delete ------------------------------------------------------------

    @Test
    void insertedObjectReadsBackEqualWithRevisionOne() {
        List<KmipAttribute> attrs = List.of(name("k1"), algorithm(CryptographicAlgorithm.AES), name("k1-alias"),
                new KmipAttribute(group("g").item(), 3),
                custom("ID", "abc"));
        String uid = store.transact(tx -> {
            String id = tx.newUniqueIdentifier();
            tx.insert(new StoredObject(id, ObjectType.SYMMETRIC_KEY, "alice", 42, attrs, content(7)));
            return id;
        });
        StoredObject read = get(uid);
        assertThat(read).isEqualTo(new StoredObject(uid, ObjectType.SYMMETRIC_KEY, "alice", 1, attrs, content(7)));
        // Order and the 1.x Attribute Index survive: a Get Attributes answers in stored order.
        assertThat(read.attributes()).containsExactlyElementsOf(attrs);
        assertThat(read.attributes().get(3).index()).isEqualTo(3);
    }

    @Test
    void objectWithoutContentReadsBackWithout() {
        String uid = store.transact(tx -> {
            String id = tx.newUniqueIdentifier();
            tx.insert(new StoredObject(id, ObjectType.OPAQUE_OBJECT, "alice", 0, List.of(state(State.DESTROYED)), null));
            return id;
        });
        assertThat(get(uid).content()).isNull();
        assertThat(get(uid).objectType()).isEqualTo(ObjectType.OPAQUE_OBJECT);
    }

    @Test
    void unknownObjectTypeAndVendorTagsRoundTrip() {
        KmipAttribute vendorTag = KmipAttribute.of(Ttlv.longInteger(0x540001, 99L));
        String uid = store.transact(tx -> {
            String id = tx.newUniqueIdentifier();
            tx.insert(new StoredObject(id, ObjectType.valueOf(0x80000001), "alice", 0, List.of(vendorTag), Bytes.EMPTY));
            return id;
        });
        StoredObject o = get(uid);
        assertThat(o.objectType().value()).isEqualTo(0x80000001);
        assertThat(o.attributes()).containsExactly(vendorTag);
        assertThat(o.content()).isEqualTo(Bytes.EMPTY);
        assertThat(locate(vendorTag)).containsExactly(uid);
    }

    @Test
    void getOfUnknownIdentifierIsEmpty() {
        assertThat(find("no-such-object")).isEmpty();
    }

    @Test
    void insertOfAnExistingIdentifierIsRefused() {
        String uid = insert("alice");
        assertThatThrownBy(() -> store.transact(tx -> {
            tx.insert(object(uid, ObjectType.SECRET_DATA, "mallory"));
            return null;
        })).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(uid);
        assertThat(get(uid).owner()).isEqualTo("alice");
    }

    @Test
    void updateReplacesAndBumpsRevision() {
        String uid = insert("alice", name("k1"));
        StoredObject v1 = get(uid);
        store.transact(tx -> {
            tx.update(v1.withAttributes(List.of(name("k2"), state(State.ACTIVE))).withContent(content(99)));
            return null;
        });
        StoredObject v2 = get(uid);
        assertThat(v2.revision()).isEqualTo(2);
        assertThat(v2.attributes()).containsExactly(name("k2"), state(State.ACTIVE));
        assertThat(v2.content()).isEqualTo(content(99));
        // The old name no longer finds it, the new one does.
        assertThat(locate(name("k1"))).isEmpty();
        assertThat(locate(name("k2"))).containsExactly(uid);

        store.transact(tx -> {
            tx.update(v2.withContent(null));
            return null;
        });
        assertThat(get(uid).revision()).isEqualTo(3);
        assertThat(get(uid).content()).isNull();
    }

    @Test
    void updateWithStaleRevisionIsAConflict() {
        String uid = insert("alice", name("k1"));
        StoredObject v1 = get(uid);
        store.transact(tx -> {
            tx.update(v1.withAttributes(List.of(name("first"))));
            return null;
        });
        assertThatThrownBy(() -> store.transact(tx -> {
            tx.update(v1.withAttributes(List.of(name("second"))));
            return null;
        })).isInstanceOf(ConcurrentModificationException.class).hasMessageContaining(uid);
        assertThat(get(uid).attributes()).containsExactly(name("first"));
        assertThat(get(uid).revision()).isEqualTo(2);
    }

    @Test
    void updateOfADeletedObjectIsAConflict() {
        String uid = insert("alice");
        StoredObject v1 = get(uid);
        store.transact(tx -> tx.delete(uid));
        assertThatThrownBy(() -> store.transact(tx -> {
            tx.update(v1);
            return null;
        })).isInstanceOf(ConcurrentModificationException.class);
        assertThat(find(uid)).isEmpty();
    }

    @Test
    void twoUpdatesInOneTransactionChainRevisions() {
        String uid = insert("alice");
        store.transact(tx -> {
            StoredObject a = tx.get(uid).orElseThrow();
            tx.update(a.withAttributes(List.of(name("a"))));
            StoredObject b = tx.get(uid).orElseThrow();
            assertThat(b.revision()).isEqualTo(2);
            tx.update(b.withAttributes(List.of(name("b"))));
            assertThatThrownBy(() -> tx.update(b)).isInstanceOf(ConcurrentModificationException.class);
            return null;
        });
        assertThat(get(uid).revision()).isEqualTo(3);
        assertThat(get(uid).attributes()).containsExactly(name("b"));
    }

    @Test
    void deleteRemovesObjectAttributesAndGrants() {
        String uid = insert("alice", name("gone"));
        String other = insert("alice", name("stays"));
        store.transact(tx -> {
            tx.grant(uid, "bob");
            return null;
        });
        assertThat(deleteNow(uid)).isTrue();
        assertThat(find(uid)).isEmpty();
        assertThat(grantsOf(uid)).isEmpty();
        assertThat(locate(name("gone"))).isEmpty();
        assertThat(locate("bob", null, 0, null)).isEmpty();
        assertThat(locate()).containsExactly(other);
        assertThat(deleteNow(uid)).isFalse();
    }

    // ---- transactions ---------------------------------------------------------------------

    @Test
    void failedTransactionLeavesNothing() {
        String kept = insert("alice", name("kept"));
        StoredObject keptV1 = get(kept);
        RuntimeException boom = new RuntimeException("boom");
        List<String> created = new ArrayList<>();
        assertThatThrownBy(() -> store.transact(tx -> {
            String uid = tx.newUniqueIdentifier();
            created.add(uid);
            tx.insert(object(uid, ObjectType.SECRET_DATA, "alice", name("new")));
            tx.update(keptV1.withAttributes(List.of(name("renamed"))));
            tx.grant(kept, "bob");
            tx.delete(kept);
            throw boom;
        })).isSameAs(boom);
        assertThat(find(created.get(0))).isEmpty();
        assertThat(get(kept)).isEqualTo(keptV1);
        assertThat(grantsOf(kept)).isEmpty();
        assertThat(locate(name("new"))).isEmpty();
        assertThat(locate(name("renamed"))).isEmpty();
        assertThat(locate(name("kept"))).containsExactly(kept);
        assertThat(locate()).containsExactly(kept);
        // The store still works after the failure, and order continues from the kept object.
        String next = insert("alice");
        assertThat(locate()).containsExactly(kept, next);
    }

    @Test
    void conflictInsideTransactionRollsBackEarlierWrites() {
        String a = insert("alice");
        String b = insert("alice");
        StoredObject staleB = get(b);
        store.transact(tx -> {
            tx.update(staleB);
            return null;
        });
        assertThatThrownBy(() -> store.transact(tx -> {
            tx.update(tx.get(a).orElseThrow().withAttributes(List.of(name("changed"))));
            tx.update(staleB); // revision moved: the whole batch fails
            return null;
        })).isInstanceOf(ConcurrentModificationException.class);
        assertThat(get(a).revision()).isEqualTo(1);
        assertThat(get(a).attributes()).isEmpty();
    }

    @Test
    void transactionSeesItsOwnWritesAndReadersDoNotUntilCommit() {
        String committed = insert("alice", name("n"));
        store.transact(tx -> {
            String uid = tx.newUniqueIdentifier();
            tx.insert(object(uid, ObjectType.SYMMETRIC_KEY, "alice", name("n")));
            assertThat(tx.get(uid)).isPresent();
            assertThat(tx.locate(new LocateQuery(null, null, List.of(name("n")), 0, null))).containsExactly(committed, uid);
            tx.delete(committed);
            assertThat(tx.get(committed)).isEmpty();
            assertThat(tx.locate(new LocateQuery(null, null, List.of(name("n")), 0, null))).containsExactly(uid);
            return null;
        });
        assertThat(locate(name("n"))).hasSize(1).doesNotContain(committed);
    }

    @Test
    void readersDoNotSeeAnUncommittedTransaction() throws Exception {
        CountDownLatch written = new CountDownLatch(1);
        CountDownLatch checked = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> writer = pool.submit(() -> store.transact(tx -> {
                String uid = tx.newUniqueIdentifier();
                tx.insert(object(uid, ObjectType.SYMMETRIC_KEY, "alice", name("pending")));
                written.countDown();
                await(checked);
                return uid;
            }));
            assertThat(written.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(locate(name("pending"))).isEmpty();
            checked.countDown();
            String uid = writer.get(30, TimeUnit.SECONDS);
            assertThat(locate(name("pending"))).containsExactly(uid);
        } finally {
            checked.countDown();
            pool.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch: timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readInsideTransactSeesTheCommittedStateOnly() {
        String committed = insert("alice", name("c"));
        store.transact(tx -> {
            String uid = tx.newUniqueIdentifier();
            tx.insert(object(uid, ObjectType.SYMMETRIC_KEY, "alice", name("c")));
            tx.delete(committed);
            assertThat(find(uid)).isEmpty();
            assertThat(find(committed)).isPresent();
            assertThat(locate(name("c"))).containsExactly(committed);
            return null;
        });
        assertThat(find(committed)).isEmpty();
    }

    /**
     * Many threads writing at once (which the SQLite store commits in groups): each transaction
     * commits or rolls back alone, a failing one takes nothing of its own along and nothing of the
     * others, and every committed object is there once, in a distinct Locate position.
     */
    @Test
    void concurrentWritersCommitOrRollBackAlone() throws Exception {
        int threads = 8;
        int each = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        Set<String> committed = java.util.concurrent.ConcurrentHashMap.newKeySet();
        Set<String> failed = java.util.concurrent.ConcurrentHashMap.newKeySet();
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int me = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        String uid = "w" + me + "-" + i;
                        boolean fail = (me + i) % 3 == 0;
                        try {
                            store.transact(tx -> {
                                tx.insert(object(uid, ObjectType.SYMMETRIC_KEY, "alice", group("g")));
                                if (fail) {
                                    throw new IllegalArgumentException("rolled back on purpose");
                                }
                                return null;
                            });
                            committed.add(uid);
                        } catch (IllegalArgumentException e) {
                            assertThat(e).hasMessage("rolled back on purpose");
                            failed.add(uid);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(committed).hasSize(threads * each - failed.size());
        assertThat(failed).isNotEmpty();
        List<String> found = locate(group("g"));
        assertThat(found).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(committed);
        for (String uid : failed) {
            assertThat(find(uid)).as(uid).isEmpty();
        }
        assertThat(get(found.get(0)).content()).isEqualTo(content(found.get(0).hashCode()));
    }

    @Test
    void readIsReadOnly() {
        String uid = insert("alice");
        StoredObject o = get(uid);
        assertThatThrownBy(() -> store.read(tx -> {
            tx.insert(object("x", ObjectType.SYMMETRIC_KEY, "alice"));
            return null;
        })).isInstanceOf(StoreTransaction.ReadOnlyException.class).hasMessageContaining("read-only");
        assertThatThrownBy(() -> store.read(tx -> {
            tx.update(o);
            return null;
        })).isInstanceOf(StoreTransaction.ReadOnlyException.class);
        assertThatThrownBy(() -> store.read(tx -> tx.delete(uid))).isInstanceOf(StoreTransaction.ReadOnlyException.class);
        assertThatThrownBy(() -> store.read(tx -> {
            tx.grant(uid, "bob");
            return null;
        })).isInstanceOf(StoreTransaction.ReadOnlyException.class);
        assertThatThrownBy(() -> store.read(tx -> tx.revokeGrant(uid, "bob"))).isInstanceOf(StoreTransaction.ReadOnlyException.class);
        assertThat(get(uid)).isEqualTo(o);
    }

    @Test
    void transactionCannotBeUsedAfterItEnds() {
        StoreTransaction leaked = store.transact(tx -> tx);
        assertThatThrownBy(() -> leaked.get("x")).isInstanceOf(IllegalStateException.class).hasMessageContaining("ended");
        StoreTransaction leakedRead = store.read(tx -> tx);
        assertThatThrownBy(() -> leakedRead.locate(new LocateQuery(null, null, List.of(), 0, null)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void nestedTransactIsRefusedNotDeadlocked() {
        assertThatThrownBy(() -> store.transact(tx -> store.transact(inner -> null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("nested");
        assertThatThrownBy(() -> store.read(tx -> store.transact(inner -> null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("nested");
        // The store is usable afterwards.
        assertThat(insert("alice")).isNotNull();
    }

    @Test
    void closedStoreRefusesWork() {
        store.close();
        assertThatThrownBy(() -> store.read(tx -> null)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(() -> store.transact(tx -> null)).isInstanceOf(IllegalStateException.class);
        store.close(); // idempotent
        store = null;
    }

    // ---- grants -------------------------------------------------------------------------------

    @Test
    void grantsAreKeptPerObject() {
        String uid = insert("alice");
        String other = insert("alice");
        store.transact(tx -> {
            tx.grant(uid, "bob");
            tx.grant(uid, "carol");
            tx.grant(uid, "bob");
            return null;
        });
        assertThat(grantsOf(uid)).containsExactlyInAnyOrder("bob", "carol");
        assertThat(grantsOf(other)).isEmpty();
        // Grants are not part of the object: an update keeps them and does not need them.
        store.transact(tx -> {
            tx.update(tx.get(uid).orElseThrow().withAttributes(List.of(name("x"))));
            return null;
        });
        assertThat(grantsOf(uid)).containsExactlyInAnyOrder("bob", "carol");
        assertThat(revoke(uid, "bob")).isTrue();
        assertThat(revoke(uid, "bob")).isFalse();
        assertThat(revoke("no-such-object", "bob")).isFalse();
        assertThat(grantsOf(uid)).containsExactly("carol");
        assertThat(grantsOf("no-such-object")).isEmpty();
    }

    @Test
    void grantOnAMissingObjectIsRefused() {
        assertThatThrownBy(() -> store.transact(tx -> {
            tx.grant("no-such-object", "bob");
            return null;
        })).isInstanceOf(NoSuchElementException.class).hasMessageContaining("no-such-object");
    }

    // ---- Locate ---------------------------------------------------------------------------------

    @Test
    void locateByNameMatchesAnyInstanceOfAMultiValuedAttribute() {
        String a = insert("alice", name("primary"), name("alias"));
        String b = insert("alice", name("other"));
        assertThat(locate(name("primary"))).containsExactly(a);
        assertThat(locate(name("alias"))).containsExactly(a);
        assertThat(locate(name("other"))).containsExactly(b);
        assertThat(locate(name("none"))).isEmpty();
        // Every filter must match (and): two names of the same object, or of different objects.
        assertThat(locate(name("primary"), name("alias"))).containsExactly(a);
        assertThat(locate(name("primary"), name("other"))).isEmpty();
    }

    @Test
    void anObjectCarryingAValueTwiceIsFoundOnce() {
        String a = insert("alice", group("twice"), group("twice"), name("n"));
        String b = insert("alice", group("twice"));
        String c = insert("alice", group("twice"), group("twice"));
        assertThat(locate(group("twice"))).containsExactly(a, b, c);
        assertThat(locate(group("twice"), group("twice"))).containsExactly(a, b, c);
        assertThat(locate(null, null, 1, 1, group("twice"))).containsExactly(b);
        assertThat(locate(null, null, 2, null, group("twice"))).containsExactly(c);
        assertThat(locate(group("twice"), name("n"))).containsExactly(a);
    }

    @Test
    void locateComparesTheWholeValue() {
        String a = insert("alice", name("k"));
        KmipAttribute otherType = KmipAttribute.of(Ttlv.structure(Tag.NAME, Ttlv.text(Tag.NAME_VALUE, "k"),
                Ttlv.enumeration(Tag.NAME_TYPE, NameType.URI.value())));
        assertThat(locate(otherType)).isEmpty();
        // The same value read off the wire (a text view of a decoded message) matches.
        KmipAttribute decoded = KmipAttribute.of(TtlvDecoder.create().decode(TtlvEncoder.encode(name("k").item())));
        assertThat(locate(decoded)).containsExactly(a);
        // The 1.x Attribute Index is not part of the value.
        assertThat(locate(new KmipAttribute(name("k").item(), 0))).containsExactly(a);
        // Same text under another tag is another attribute.
        assertThat(locate(group("k"))).isEmpty();
    }

    @Test
    void locateByObjectTypeAndFilters() {
        String aesKey = insert("alice", algorithm(CryptographicAlgorithm.AES), group("g1"));
        String desKey = insert("alice", algorithm(CryptographicAlgorithm.DES), group("g1"));
        String secret = store.transact(tx -> {
            String uid = tx.newUniqueIdentifier();
            tx.insert(object(uid, ObjectType.SECRET_DATA, "alice", group("g1")));
            return uid;
        });
        assertThat(locate(null, ObjectType.SYMMETRIC_KEY, 0, null)).containsExactly(aesKey, desKey);
        assertThat(locate(null, ObjectType.SECRET_DATA, 0, null)).containsExactly(secret);
        assertThat(locate(null, ObjectType.CERTIFICATE, 0, null)).isEmpty();
        assertThat(locate(group("g1"))).containsExactly(aesKey, desKey, secret);
        assertThat(locate(null, ObjectType.SYMMETRIC_KEY, 0, null, group("g1"))).containsExactly(aesKey, desKey);
        assertThat(locate(null, ObjectType.SECRET_DATA, 0, null, group("g1"))).containsExactly(secret);
    }

    @Test
    void locateRefusesFiltersTheIndexLeavesOut() {
        // Enumerations, booleans, integers and dates are checked by the caller (LocateHandler).
        for (Ttlv v : List.of(Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, CryptographicAlgorithm.AES.value()),
                Ttlv.bool(Tag.FRESH, true), Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, 256), Ttlv.dateTime(Tag.INITIAL_DATE, 1))) {
            assertThatThrownBy(() -> new LocateQuery(null, null, List.of(KmipAttribute.of(v)), 0, null))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(String.format("locate filter 0x%06X: %s", v.tag(), v.type().xmlName()));
        }
        // A vendor's own attribute is indexed whatever its type.
        assertThat(LocateQuery.indexable(Ttlv.longInteger(0x540001, 1))).isTrue();
    }

    @Test
    void locateByCustomAttribute() {
        String a = insert("alice", custom("ID", "one"));
        insert("alice", custom("ID", "two"));
        insert("alice", custom("Other", "one"));
        assertThat(locate(custom("ID", "one"))).containsExactly(a);
    }

    @Test
    void locateSeesOwnedAndGrantedObjectsOnly() {
        String alices = insert("alice", group("g"));
        String bobs = insert("bob", group("g"));
        String shared = insert("alice", group("g"));
        store.transact(tx -> {
            tx.grant(shared, "bob");
            return null;
        });
        assertThat(locate("alice", null, 0, null)).containsExactly(alices, shared);
        assertThat(locate("bob", null, 0, null)).containsExactly(bobs, shared);
        assertThat(locate("bob", null, 0, null, group("g"))).containsExactly(bobs, shared);
        assertThat(locate("carol", null, 0, null, group("g"))).isEmpty();
        assertThat(locate(null, null, 0, null, group("g"))).containsExactly(alices, bobs, shared);
        store.transact(tx -> tx.revokeGrant(shared, "bob"));
        assertThat(locate("bob", null, 0, null, group("g"))).containsExactly(bobs);
    }

    @Test
    void locatePagesInInsertionOrder() {
        List<String> uids = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            uids.add(insert(i % 2 == 0 ? "alice" : "bob", group("page")));
        }
        // Updating an early object does not move it.
        store.transact(tx -> {
            tx.update(tx.get(uids.get(0)).orElseThrow().withAttributes(List.of(group("page"), name("first"))));
            return null;
        });
        assertThat(locate(group("page"))).containsExactlyElementsOf(uids);
        assertThat(locate(null, null, 0, 10, group("page"))).containsExactlyElementsOf(uids.subList(0, 10));
        assertThat(locate(null, null, 10, 10, group("page"))).containsExactlyElementsOf(uids.subList(10, 20));
        assertThat(locate(null, null, 20, 10, group("page"))).containsExactlyElementsOf(uids.subList(20, 25));
        assertThat(locate(null, null, 25, 10, group("page"))).isEmpty();
        assertThat(locate(null, null, 100, null, group("page"))).isEmpty();
        assertThat(locate(null, null, 3, null)).containsExactlyElementsOf(uids.subList(3, 25));
        assertThat(locate(null, null, 0, 0, group("page"))).isEmpty();
        // Paging applies after visibility.
        List<String> bobs = new ArrayList<>();
        for (int i = 1; i < 25; i += 2) {
            bobs.add(uids.get(i));
        }
        assertThat(locate("bob", null, 2, 3)).containsExactlyElementsOf(bobs.subList(2, 5));
        // Deleting one keeps the order of the rest.
        store.transact(tx -> tx.delete(uids.get(5)));
        List<String> rest = new ArrayList<>(uids);
        rest.remove(5);
        assertThat(locate(group("page"))).containsExactlyElementsOf(rest);
    }

    // ---- identifiers, concurrency -----------------------------------------------------------------

    @Test
    void uniqueIdentifiersAreUnique() {
        Set<String> seen = new HashSet<>();
        store.transact(tx -> {
            for (int i = 0; i < 5000; i++) {
                seen.add(tx.newUniqueIdentifier());
            }
            return null;
        });
        for (int i = 0; i < 100; i++) {
            seen.add(insert("alice"));
        }
        assertThat(seen).hasSize(5100);
    }

    /**
     * Two threads read-modify-write the same object; each conflict is retried. Every successful
     * update is counted in the final revision and none is lost: the object's Object Group list
     * ends up holding one entry per success.
     */
    @Test
    void concurrentWritersLoseNoUpdate() throws Exception {
        String uid = insert("alice");
        int perThread = 40;
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<int[]>> results = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                String me = "t" + t;
                results.add(pool.submit(() -> {
                    int conflicts = 0;
                    for (int done = 0, attempts = 0; done < perThread; attempts++) {
                        if (attempts > perThread * 50) {
                            throw new AssertionError("too many conflicts: " + conflicts);
                        }
                        // Read outside the write transaction, as a handler that fetched an object
                        // earlier would, so that the other thread can move the revision in between.
                        StoredObject seen = store.read(tx -> tx.get(uid).orElseThrow());
                        List<KmipAttribute> attrs = new ArrayList<>(seen.attributes());
                        attrs.add(group(me + "-" + done));
                        try {
                            store.transact(tx -> {
                                tx.update(seen.withAttributes(attrs));
                                return null;
                            });
                            done++;
                        } catch (ConcurrentModificationException e) {
                            conflicts++;
                        }
                    }
                    return new int[] {conflicts};
                }));
            }
            for (Future<int[]> f : results) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        StoredObject end = get(uid);
        assertThat(end.revision()).isEqualTo(1 + 2 * perThread);
        assertThat(end.attributes()).hasSize(2 * perThread).doesNotHaveDuplicates();
    }
}
