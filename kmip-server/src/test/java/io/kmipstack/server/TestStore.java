package io.kmipstack.server;

import io.kmipstack.server.store.LocateQuery;
import io.kmipstack.server.store.ObjectStore;
import io.kmipstack.server.store.StoreTransaction;
import io.kmipstack.server.store.StoredObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A deliberately small in-memory store for the transport and message-layer tests: a transaction
 * works on a copy of the whole map and publishes it on success, so rollback is exact. One writer
 * at a time (synchronized); Locate filters on object type only. The real stores are tested in the
 * store package.
 */
final class TestStore implements ObjectStore {

    private Map<String, StoredObject> objects = new TreeMap<>();
    private Map<String, Set<String>> grants = new HashMap<>();
    private long nextId;
    volatile boolean closed;

    @Override
    public synchronized <T> T transact(StoreWork<T> work) {
        Tx tx = new Tx(new TreeMap<>(objects), copy(grants), nextId);
        T result = work.run(tx);
        objects = tx.objects;
        grants = tx.grants;
        nextId = tx.nextId;
        return result;
    }

    @Override
    public synchronized <T> T read(StoreWork<T> work) {
        return work.run(new Tx(new TreeMap<>(objects), copy(grants), nextId));
    }

    synchronized int size() {
        return objects.size();
    }

    synchronized Optional<StoredObject> get(String id) {
        return Optional.ofNullable(objects.get(id));
    }

    @Override
    public void close() {
        closed = true;
    }

    private static Map<String, Set<String>> copy(Map<String, Set<String>> m) {
        Map<String, Set<String>> out = new HashMap<>();
        m.forEach((k, v) -> out.put(k, new HashSet<>(v)));
        return out;
    }

    private static final class Tx implements StoreTransaction {
        final Map<String, StoredObject> objects;
        final Map<String, Set<String>> grants;
        long nextId;

        Tx(Map<String, StoredObject> objects, Map<String, Set<String>> grants, long nextId) {
            this.objects = objects;
            this.grants = grants;
            this.nextId = nextId;
        }

        @Override
        public String newUniqueIdentifier() {
            return "id-" + (++nextId);
        }

        @Override
        public void insert(StoredObject o) {
            objects.put(o.uniqueIdentifier(), new StoredObject(o.uniqueIdentifier(), o.objectType(), o.owner(), 1,
                    o.attributes(), o.content()));
        }

        @Override
        public Optional<StoredObject> get(String id) {
            return Optional.ofNullable(objects.get(id));
        }

        @Override
        public void update(StoredObject o) {
            StoredObject now = objects.get(o.uniqueIdentifier());
            if (now == null || now.revision() != o.revision()) {
                throw new ConcurrentModificationException(o.uniqueIdentifier(), o.revision());
            }
            objects.put(o.uniqueIdentifier(), new StoredObject(o.uniqueIdentifier(), o.objectType(), o.owner(),
                    o.revision() + 1, o.attributes(), o.content()));
        }

        @Override
        public boolean delete(String id) {
            grants.remove(id);
            return objects.remove(id) != null;
        }

        @Override
        public Set<String> grants(String id) {
            return Set.copyOf(grants.getOrDefault(id, Set.of()));
        }

        @Override
        public void grant(String id, String identity) {
            grants.computeIfAbsent(id, k -> new HashSet<>()).add(identity);
        }

        @Override
        public boolean revokeGrant(String id, String identity) {
            return grants.getOrDefault(id, new HashSet<>()).remove(identity);
        }

        @Override
        public List<String> locate(LocateQuery q) {
            List<String> out = new ArrayList<>();
            for (StoredObject o : objects.values()) {
                boolean visible = q.visibleTo() == null || o.owner().equals(q.visibleTo())
                        || grants.getOrDefault(o.uniqueIdentifier(), Set.of()).contains(q.visibleTo());
                if (visible && (q.objectType() == null || q.objectType().equals(o.objectType()))) {
                    out.add(o.uniqueIdentifier());
                }
            }
            return out;
        }
    }
}
