package io.kmipstack.server.store;

/**
 * Where the server keeps managed objects. Implementations: embedded SQLite (one file, WAL,
 * durable commit; the default) and in-memory (tests, {@code --store memory}). Every change happens
 * inside {@link #transact}: all of it commits or none of it does, which is what a batch with
 * Batch Error Continuation Option Undo needs. Correctness must not rest on in-process locks
 * (a PostgreSQL store serving several server nodes comes later): concurrent writers are
 * serialized by revision checks ({@link StoreTransaction#update}) and by the database.
 */
public interface ObjectStore extends AutoCloseable {

    /**
     * Runs {@code work} in one transaction and commits it; if {@code work} throws, nothing it did
     * is kept and the exception propagates. Write transactions run one at a time; calling
     * {@code transact} from inside {@code transact} or {@code read} on the same thread throws
     * {@link IllegalStateException} instead of waiting for itself.
     */
    <T> T transact(StoreWork<T> work);

    /**
     * Runs {@code work} against one consistent committed state, read-only (Get, Locate, Get
     * Attributes outside a batch's write transaction); it does not wait for running writers.
     */
    <T> T read(StoreWork<T> work);

    /** Releases the store; work started afterwards throws {@link IllegalStateException}. Idempotent. */
    @Override
    void close();

    /** A unit of work against a transaction. */
    @FunctionalInterface
    interface StoreWork<T> {
        T run(StoreTransaction tx);
    }
}
