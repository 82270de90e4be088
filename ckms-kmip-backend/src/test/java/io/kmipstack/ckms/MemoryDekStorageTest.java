package io.kmipstack.ckms;

/** {@code storage://memory} under the storage contract; a "second instance" is the same object, as nodes sharing it. */
class MemoryDekStorageTest extends DekStorageContract {

    private MemoryDekStorage shared;

    @Override
    DekStorage newStorage() {
        shared = new MemoryDekStorage();
        return shared;
    }

    @Override
    DekStorage secondInstance() {
        return shared;
    }
}
