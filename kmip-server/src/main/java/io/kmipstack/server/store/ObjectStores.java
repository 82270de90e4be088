package io.kmipstack.server.store;

/**
 * The object store implementations: {@link #memory()} for tests and {@code --store memory}.
 */
public final class ObjectStores {

    private ObjectStores() {
    }

    /** A new, empty store that lives in this process only. */
    public static ObjectStore memory() {
        return new MemoryObjectStore();
    }
}
