package io.kmipstack.server.store;

import io.kmipstack.codec.registry.ObjectType;
import java.nio.file.Path;
import java.util.List;

/**
 * The process {@link SqliteKillIT} kills: writes objects to the store in {@code args[0]} one
 * transaction at a time, forever, printing {@code <uid> <n>} on stdout after each commit returns,
 * which is the moment a server would acknowledge the write.
 */
final class SqliteKillChild {

    private SqliteKillChild() {
    }

    public static void main(String[] args) {
        ObjectStore store = ObjectStores.sqlite(Path.of(args[0]), SqliteKillIT.KEY);
        for (int n = 0; ; n++) {
            int seq = n;
            String uid = store.transact(tx -> {
                String id = tx.newUniqueIdentifier();
                tx.insert(new StoredObject(id, ObjectType.SECRET_DATA, "child", 0,
                        List.of(ObjectStoreContractTest.group("g-" + seq)), SqliteKillIT.content(seq)));
                return id;
            });
            System.out.println(uid + " " + n);
            System.out.flush();
        }
    }
}
