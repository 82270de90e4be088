package io.kmipstack.server.store;

import io.kmipstack.codec.ttlv.Bytes;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The store contract for {@link ObjectStores#sqlite}, each test in a fresh data folder. */
class SqliteObjectStoreTest extends ObjectStoreContractTest {

    @TempDir
    Path dataDir;

    @Override
    protected ObjectStore open() {
        return ObjectStores.sqlite(dataDir, MasterKey.fromBytes(Bytes.fromHex("00".repeat(31) + "01")));
    }
}
