package io.kmipstack.ckms;

import io.kmipstack.codec.ttlv.Bytes;
import java.util.List;
import java.util.Optional;

/**
 * Where wrapped DEKs (blobs) are kept, by DEK id. Blobs are opaque here: the KMS makes and opens
 * them, the storage only keeps them, with the two conditional writes that make
 * {@link CloudKms#getDek} idempotent across nodes ({@link #putIfAbsent}) and rewrapping safe
 * against concurrent writers ({@link #replace}, compare-and-swap on the {@linkplain
 * StoredDek#version() version} that {@link #get} returned).
 *
 * <p>Object stores fit as they are: with S3, {@code get} is GetObject (the ETag is the version),
 * {@code putIfAbsent} a PutObject with {@code If-None-Match: *}, {@code replace} a PutObject with
 * {@code If-Match: <etag>} (HTTP 412 means false), {@code list} ListObjectsV2 with
 * {@code StartAfter} (keys come back in UTF-8 binary order, as here), {@code delete} DeleteObject;
 * Google Cloud Storage and Azure Blob have the same preconditions (generation, ETag).
 *
 * <p>Backends: {@link DekStorages#memory()}, {@link DekStorages#filesystem} (atomic, durable
 * writes) and {@link DekStorages#kmip} (each blob a Secret Data or Opaque Object on the KMIP
 * server). Implementations are thread-safe; a failure of the store itself is a
 * {@link DekStorageException}.
 */
public interface DekStorage extends AutoCloseable {

    /** The blob stored for {@code dekId}, with its version, or empty when there is none. */
    Optional<StoredDek> get(String dekId);

    /** Stores {@code blob} for {@code dekId} unless a blob is already stored for it; true when stored. */
    boolean putIfAbsent(String dekId, Bytes blob);

    /**
     * Replaces the blob of {@code dekId} with {@code blob} only if the stored one still has
     * {@code expectedVersion}; true when replaced, false when it changed or is gone.
     */
    boolean replace(String dekId, String expectedVersion, Bytes blob);

    /**
     * Up to {@code limit} DEK ids that sort after {@code startAfter} (all when it is null), in
     * ascending order of their UTF-8 bytes: a page. The next page starts after the last id of
     * this one, which is also how a long scan resumes after a restart.
     */
    List<String> list(String startAfter, int limit);

    /** Removes the blob of {@code dekId}; true when there was one. The DEK is then lost for good. */
    boolean delete(String dekId);

    /** Releases what the storage holds (connections it opened itself); the default does nothing. */
    @Override
    default void close() {
    }
}
