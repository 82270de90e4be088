package io.kmipstack.ckms;

import io.kmipstack.codec.ttlv.Bytes;

/**
 * A key service that hands out data-encryption keys (DEKs) by id, as Constellation's key service
 * does for disk and volume encryption: the same id always gives the same DEK, across calls,
 * restarts and nodes. Open one with {@link KmsFactory#open(String, String)}. Implementations are
 * thread-safe; close them when done (a KMIP-backed one holds connections).
 */
public interface CloudKms extends AutoCloseable {

    /**
     * The DEK for {@code dekId}, {@code dekSize} bytes long, created on the first call for that
     * id. Idempotent: two concurrent first calls, on one node or on two, return the same DEK (the
     * one that stored its blob first; the other reads it back).
     *
     * @throws IllegalArgumentException for an invalid id or size, or a size that differs from the
     *     one the DEK was created with
     * @throws CkmsException (a subclass saying which kind) when the KMS or the storage fails
     */
    Bytes getDek(String dekId, int dekSize);

    @Override
    void close();
}
