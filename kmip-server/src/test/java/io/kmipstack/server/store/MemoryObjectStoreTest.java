package io.kmipstack.server.store;

/** The store contract for {@link ObjectStores#memory()}. */
class MemoryObjectStoreTest extends ObjectStoreContractTest {

    @Override
    protected ObjectStore open() {
        return ObjectStores.memory();
    }
}
