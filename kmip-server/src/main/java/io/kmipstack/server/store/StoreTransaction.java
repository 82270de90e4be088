package io.kmipstack.server.store;

import java.util.List;
import java.util.Optional;

/**
 * The operations available inside {@link ObjectStore#transact} and {@link ObjectStore#read}.
 * Access control is the caller's business: the store answers for every owner.
 *
 * <p>A transaction sees its own writes (a Locate after a Register in the same batch finds the new
 * object) and nothing another transaction has not committed. It belongs to the thread running the
 * work and ends with it: any use afterwards throws {@link IllegalStateException}, as does a write
 * ({@link #insert}, {@link #update}, {@link #delete}, {@link #grant}, {@link #revokeGrant}) in a
 * transaction opened by {@link ObjectStore#read}. Objects returned are immutable snapshots.
 */
public interface StoreTransaction {

    /** A new unique identifier, never handed out before by this store (survives restarts). */
    String newUniqueIdentifier();

    /**
     * Stores a new object; its revision is stored as 1 whatever {@code object.revision()} says.
     * The object is placed last in Locate order.
     *
     * @throws IllegalArgumentException if an object with that identifier exists
     */
    void insert(StoredObject object);

    Optional<StoredObject> get(String uniqueIdentifier);

    /**
     * Replaces the object if its stored revision is still {@code object.revision()}; the stored
     * revision becomes {@code object.revision() + 1}. Grants and Locate order are kept.
     *
     * @throws ConcurrentModificationException when another writer changed it first (or deleted it)
     */
    void update(StoredObject object);

    /** Removes the object and everything about it; false if there was none. */
    boolean delete(String uniqueIdentifier);

    /** Identities other than the owner that may see and use the object (per-object grants); empty for an unknown object. */
    java.util.Set<String> grants(String uniqueIdentifier);

    /**
     * Lets {@code identity} see and use the object; no effect if already granted. Grants are not
     * part of the object: they do not change its revision and are removed with it.
     *
     * @throws java.util.NoSuchElementException if there is no such object
     */
    void grant(String uniqueIdentifier, String identity);

    /** Withdraws a grant; false if there was none. */
    boolean revokeGrant(String uniqueIdentifier, String identity);

    /**
     * Identifiers of the objects matching {@code query}, in the store's stable order: insertion
     * order, which updates do not change.
     */
    List<String> locate(LocateQuery query);

    /**
     * Thrown by a write ({@link #insert}, {@link #update}, {@link #delete}, {@link #grant},
     * {@link #revokeGrant}) in a transaction opened by {@link ObjectStore#read}: the caller may run
     * the work again inside {@link ObjectStore#transact}.
     */
    final class ReadOnlyException extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        public ReadOnlyException(String what) {
            super(what + ": read-only transaction (expected: inside transact)");
        }
    }

    /** Thrown by {@link #update} when the revision moved underneath. */
    final class ConcurrentModificationException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ConcurrentModificationException(String uniqueIdentifier, long expectedRevision) {
            super("object " + uniqueIdentifier + ": revision changed (expected: " + expectedRevision + ")");
        }
    }
}
