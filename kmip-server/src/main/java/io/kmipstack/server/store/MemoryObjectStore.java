package io.kmipstack.server.store;

import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The in-memory store: the same semantics as the SQLite store, nothing on disk.
 *
 * <p>A write transaction never touches the committed state while it runs: it collects its changes
 * in a private overlay (object identifier to new entry, or a tombstone) that its own reads consult
 * first, and applies them in one step under the write lock when {@code work} returns. A failed
 * transaction simply drops the overlay, so nothing of it is ever visible. Write transactions are
 * serialized by {@link #writer} (as SQLite's BEGIN IMMEDIATE serializes them), so the committed
 * state cannot move under a running write transaction; readers hold the read lock for the whole
 * of their work and therefore see one committed state, and only wait for the short commit step.
 */
final class MemoryObjectStore implements ObjectStore {

    private final ReentrantLock writer = new ReentrantLock();
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

    // Committed state: changed only by the writer, under the write lock.
    private final Map<String, Entry> objects = new HashMap<>();
    private final NavigableMap<Long, String> order = new TreeMap<>();
    // Attribute item (tag and value; a vendor attribute's item names vendor and attribute) to the
    // objects carrying it: Locate's equality filters start from the smallest of these sets.
    private final Map<Ttlv, Set<String>> index = new HashMap<>();
    private long nextSeq = 1;
    private volatile boolean closed;

    /** One stored object with its insertion sequence (Locate order) and its grants. */
    private record Entry(StoredObject object, long seq, Set<String> grants) {
    }

    @Override
    public <T> T transact(StoreWork<T> work) {
        checkOpen();
        if (writer.isHeldByCurrentThread() || lock.getReadHoldCount() > 0) {
            throw new IllegalStateException("nested transaction (expected: transact outside transact and read)");
        }
        writer.lock();
        try {
            checkOpen();
            Tx tx = new Tx(true, nextSeq);
            T result;
            try {
                result = work.run(tx);
            } finally {
                tx.open = false;
            }
            commit(tx);
            return result;
        } finally {
            writer.unlock();
        }
    }

    @Override
    public <T> T read(StoreWork<T> work) {
        checkOpen();
        lock.readLock().lock();
        try {
            Tx tx = new Tx(false, 0);
            try {
                return work.run(tx);
            } finally {
                tx.open = false;
            }
        } finally {
            lock.readLock().unlock();
        }
    }

    @Override
    public void close() {
        closed = true;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("object store: closed");
        }
    }

    private void commit(Tx tx) {
        lock.writeLock().lock();
        try {
            for (Map.Entry<String, Entry> change : tx.changes.entrySet()) {
                String uid = change.getKey();
                Entry old = objects.remove(uid);
                if (old != null) {
                    order.remove(old.seq());
                    unindex(uid, old.object());
                }
                Entry now = change.getValue();
                if (now != null) {
                    objects.put(uid, now);
                    order.put(now.seq(), uid);
                    for (KmipAttribute a : now.object().attributes()) {
                        if (LocateQuery.indexable(a.item())) {
                            index.computeIfAbsent(a.item(), k -> new HashSet<>()).add(uid);
                        }
                    }
                }
            }
            nextSeq = tx.nextSeq;
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void unindex(String uid, StoredObject object) {
        for (KmipAttribute a : object.attributes()) {
            if (!LocateQuery.indexable(a.item())) {
                continue;
            }
            Set<String> uids = index.get(a.item());
            if (uids != null) {
                uids.remove(uid);
                if (uids.isEmpty()) {
                    index.remove(a.item());
                }
            }
        }
    }

    /** A transaction: committed state plus this transaction's overlay. Confined to one thread. */
    private final class Tx implements StoreTransaction {

        private final boolean writable;
        // Identifier to the entry this transaction wrote, or to null for one it deleted.
        private final Map<String, Entry> changes = new LinkedHashMap<>();
        private long nextSeq;
        private boolean open = true;

        Tx(boolean writable, long nextSeq) {
            this.writable = writable;
            this.nextSeq = nextSeq;
        }

        private void check(String what) {
            if (!open) {
                throw new IllegalStateException(what + ": transaction has ended");
            }
            if (!writable && !what.equals("read")) {
                throw new ReadOnlyException(what);
            }
        }

        private Entry entry(String uid) {
            return changes.containsKey(uid) ? changes.get(uid) : objects.get(uid);
        }

        @Override
        public String newUniqueIdentifier() {
            check("read");
            return UniqueIdentifiers.next();
        }

        @Override
        public void insert(StoredObject object) {
            check("insert");
            if (entry(object.uniqueIdentifier()) != null) {
                throw new IllegalArgumentException("object " + object.uniqueIdentifier() + ": already exists");
            }
            changes.put(object.uniqueIdentifier(), new Entry(stored(object, 1), nextSeq++, Set.of()));
        }

        @Override
        public Optional<StoredObject> get(String uniqueIdentifier) {
            check("read");
            Entry e = entry(uniqueIdentifier);
            return e == null ? Optional.empty() : Optional.of(e.object());
        }

        @Override
        public void update(StoredObject object) {
            check("update");
            Entry e = entry(object.uniqueIdentifier());
            if (e == null || e.object().revision() != object.revision()) {
                throw new ConcurrentModificationException(object.uniqueIdentifier(), object.revision());
            }
            changes.put(object.uniqueIdentifier(), new Entry(stored(object, object.revision() + 1), e.seq(), e.grants()));
        }

        @Override
        public boolean delete(String uniqueIdentifier) {
            check("delete");
            if (entry(uniqueIdentifier) == null) {
                return false;
            }
            changes.put(uniqueIdentifier, null);
            return true;
        }

        @Override
        public Set<String> grants(String uniqueIdentifier) {
            check("read");
            Entry e = entry(uniqueIdentifier);
            return e == null ? Set.of() : e.grants();
        }

        @Override
        public void grant(String uniqueIdentifier, String identity) {
            check("grant");
            java.util.Objects.requireNonNull(identity, "identity");
            Entry e = existing(uniqueIdentifier);
            if (!e.grants().contains(identity)) {
                Set<String> grants = new LinkedHashSet<>(e.grants());
                grants.add(identity);
                changes.put(uniqueIdentifier, new Entry(e.object(), e.seq(), Collections.unmodifiableSet(grants)));
            }
        }

        @Override
        public boolean revokeGrant(String uniqueIdentifier, String identity) {
            check("revokeGrant");
            Entry e = entry(uniqueIdentifier);
            if (e == null || !e.grants().contains(identity)) {
                return false;
            }
            Set<String> grants = new LinkedHashSet<>(e.grants());
            grants.remove(identity);
            changes.put(uniqueIdentifier, new Entry(e.object(), e.seq(), Collections.unmodifiableSet(grants)));
            return true;
        }

        private Entry existing(String uid) {
            Entry e = entry(uid);
            if (e == null) {
                throw new java.util.NoSuchElementException("object " + uid + ": not found");
            }
            return e;
        }

        @Override
        public List<String> locate(LocateQuery query) {
            check("read");
            List<Entry> matches = new ArrayList<>();
            for (String uid : committedCandidates(query)) {
                if (!changes.containsKey(uid)) {
                    Entry e = objects.get(uid);
                    if (matches(e, query)) {
                        matches.add(e);
                    }
                }
            }
            for (Entry e : changes.values()) {
                if (e != null && matches(e, query)) {
                    matches.add(e);
                }
            }
            matches.sort(Comparator.comparingLong(Entry::seq));
            int from = Math.min(query.offset(), matches.size());
            int to = query.maximum() == null ? matches.size() : (int) Math.min(matches.size(), (long) from + query.maximum());
            List<String> out = new ArrayList<>(to - from);
            for (Entry e : matches.subList(from, to)) {
                out.add(e.object().uniqueIdentifier());
            }
            return out;
        }

        // The committed objects that can match: the smallest index set among the equality
        // filters, or every object when there is none.
        private java.util.Collection<String> committedCandidates(LocateQuery query) {
            Set<String> smallest = null;
            for (KmipAttribute f : query.attributes()) {
                Set<String> uids = index.getOrDefault(f.item(), Set.of());
                if (smallest == null || uids.size() < smallest.size()) {
                    smallest = uids;
                }
            }
            return smallest != null ? smallest : order.values();
        }
    }

    private static boolean matches(Entry e, LocateQuery q) {
        StoredObject o = e.object();
        if (q.visibleTo() != null && !q.visibleTo().equals(o.owner()) && !e.grants().contains(q.visibleTo())) {
            return false;
        }
        if (q.objectType() != null && !q.objectType().equals(o.objectType())) {
            return false;
        }
        for (KmipAttribute f : q.attributes()) {
            boolean any = false;
            for (KmipAttribute a : o.attributes()) {
                if (a.item().equals(f.item())) {
                    any = true;
                    break;
                }
            }
            if (!any) {
                return false;
            }
        }
        return true;
    }

    // The object as stored: with the store's revision, and content copied so that a caller who
    // wrapped an array it still writes to cannot change the stored value.
    private static StoredObject stored(StoredObject o, long revision) {
        Bytes content = o.content() == null ? null : Bytes.of(o.content().toByteArray());
        return new StoredObject(o.uniqueIdentifier(), o.objectType(), o.owner(), revision, o.attributes(), content);
    }
}
