package io.kmipstack.ckms;

import io.kmipstack.client.KmipClient;
import io.kmipstack.codec.registry.ObjectType;
import java.nio.file.Path;

/** The {@link DekStorage} backends. */
public final class DekStorages {

    private DekStorages() {
    }

    /** Blobs in memory, lost when the object is; share one instance to simulate nodes sharing a store. */
    public static DekStorage memory() {
        return new MemoryDekStorage();
    }

    /** One file per DEK in {@code dir} (created owner-only if missing), written atomically and durably. */
    public static DekStorage filesystem(Path dir) {
        return new FileDekStorage(dir);
    }

    /**
     * Blobs as objects on the KMIP server behind {@code client} (not closed with the storage), as
     * {@code type} ({@link ObjectType#SECRET_DATA} or {@link ObjectType#OPAQUE_OBJECT}), named
     * under {@code prefix}; see the {@code storage://kmip} notes in the module README.
     */
    public static DekStorage kmip(KmipClient client, String prefix, ObjectType type) {
        KmipDekStorage.Kind kind;
        if (ObjectType.SECRET_DATA.equals(type)) {
            kind = KmipDekStorage.Kind.SECRET_DATA;
        } else if (ObjectType.OPAQUE_OBJECT.equals(type)) {
            kind = KmipDekStorage.Kind.OPAQUE;
        } else {
            throw new IllegalArgumentException("storage://kmip type: " + type + " (expected: SecretData or OpaqueObject)");
        }
        return new KmipDekStorage(client, prefix, kind, false);
    }
}
