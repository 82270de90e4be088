package io.kmipstack.server.store;

/**
 * The object store implementations: {@link #sqlite} (the default: one file, durable, encrypted at
 * rest) and {@link #memory()} for tests and {@code --store memory}. Both give Unique Identifiers
 * that are random UUIDs ({@code 0f8e...-...}), unique across restarts without a stored counter.
 */
public final class ObjectStores {

    private ObjectStores() {
    }

    /** A new, empty store that lives in this process only. */
    public static ObjectStore memory() {
        return new MemoryObjectStore();
    }

    /**
     * The SQLite store in {@code dataDir} (created if missing, mode 0700; the database is the file
     * {@code kmip.db} there, mode 0600 when new), its schema created or migrated on open. Object
     * content (key material) is encrypted under a fresh data key per write with AES-256-GCM, the
     * data key wrapped by {@code masterKey} with AES-KWP; the file never holds key material in
     * clear. Attributes, owners and grants are stored in clear: they are not key material, and
     * Locate needs to index them. A store remembers its master key's check value and refuses to
     * open with another key. Several processes may open the same file; SQLite's locking keeps them
     * consistent.
     *
     * @throws StoreException if the database cannot be opened, is newer than this code, or was
     *     created under another master key
     * @throws java.io.UncheckedIOException if the data folder cannot be created
     */
    public static ObjectStore sqlite(java.nio.file.Path dataDir, MasterKey masterKey) {
        java.util.Objects.requireNonNull(dataDir, "dataDir");
        java.util.Objects.requireNonNull(masterKey, "masterKey");
        return SqliteObjectStore.open(dataDir, masterKey);
    }
}
