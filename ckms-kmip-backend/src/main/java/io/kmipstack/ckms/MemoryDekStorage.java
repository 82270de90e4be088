package io.kmipstack.ckms;

import io.kmipstack.codec.ttlv.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * {@code storage://memory}: blobs in a map for the life of the object, versions a counter. For
 * tests and single-process use; two KMS instances sharing one instance behave like two nodes
 * sharing a store. One lock guards everything, which makes the conditional writes atomic.
 */
final class MemoryDekStorage implements DekStorage {

    private final TreeMap<String, StoredDek> blobs = new TreeMap<>(DekIds.ORDER);
    private long writes;

    @Override
    public synchronized Optional<StoredDek> get(String dekId) {
        return Optional.ofNullable(blobs.get(DekIds.check(dekId)));
    }

    @Override
    public synchronized boolean putIfAbsent(String dekId, Bytes blob) {
        Objects.requireNonNull(blob, "blob");
        if (blobs.containsKey(DekIds.check(dekId))) {
            return false;
        }
        blobs.put(dekId, new StoredDek(dekId, blob, Long.toString(++writes)));
        return true;
    }

    @Override
    public synchronized boolean replace(String dekId, String expectedVersion, Bytes blob) {
        Objects.requireNonNull(expectedVersion, "expectedVersion");
        Objects.requireNonNull(blob, "blob");
        StoredDek current = blobs.get(DekIds.check(dekId));
        if (current == null || !current.version().equals(expectedVersion)) {
            return false;
        }
        blobs.put(dekId, new StoredDek(dekId, blob, Long.toString(++writes)));
        return true;
    }

    @Override
    public synchronized List<String> list(String startAfter, int limit) {
        DekIds.checkLimit(limit);
        Map<String, StoredDek> tail = startAfter == null ? blobs : blobs.tailMap(startAfter, false);
        List<String> out = new ArrayList<>(Math.min(limit, tail.size()));
        for (String id : tail.keySet()) {
            if (out.size() == limit) {
                break;
            }
            out.add(id);
        }
        return out;
    }

    @Override
    public synchronized boolean delete(String dekId) {
        return blobs.remove(DekIds.check(dekId)) != null;
    }

    @Override
    public String toString() {
        return "storage://memory";
    }
}
