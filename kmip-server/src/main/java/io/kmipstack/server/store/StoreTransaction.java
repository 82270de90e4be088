package io.kmipstack.server.store;

import java.util.List;
import java.util.Optional;

/**
 * The operations available inside {@link ObjectStore#transact} and {@link ObjectStore#read}.
 * Access control is the caller's business: the store answers for every owner.
 */
public interface StoreTransaction {

    /** A new unique identifier, never handed out before by this store (survives restarts). */
    String newUniqueIdentifier();

    /** Stores a new object; its revision is stored as 1 whatever {@code object.revision()} says. */
    void insert(StoredObject object);

    Optional<StoredObject> get(String uniqueIdentifier);

    /**
     * Replaces the object if its stored revision is still {@code object.revision()}; the stored
     * revision becomes {@code object.revision() + 1}.
     *
     * @throws ConcurrentModificationException when another writer changed it first
     */
    void update(StoredObject object);

    /** Removes the object and everything about it; false if there was none. */
    boolean delete(String uniqueIdentifier);

    /** Identities other than the owner that may see and use the object (per-object grants). */
    java.util.Set<String> grants(String uniqueIdentifier);

    /** Lets {@code identity} see and use the object; no effect if already granted. */
    void grant(String uniqueIdentifier, String identity);

    /** Withdraws a grant; false if there was none. */
    boolean revokeGrant(String uniqueIdentifier, String identity);

    /** Identifiers of the objects matching {@code query}, in the store's stable order. */
    List<String> locate(LocateQuery query);

    /** Thrown by {@link #update} when the revision moved underneath. */
    final class ConcurrentModificationException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ConcurrentModificationException(String uniqueIdentifier, long expectedRevision) {
            super("object " + uniqueIdentifier + ": revision changed (expected: " + expectedRevision + ")");
        }
    }
}
