package io.kmipstack.ckms;

import io.kmipstack.client.KmipClient;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code kmip} backend: DEKs are random, wrapped under a key-encryption key (KEK) that never
 * leaves a KMIP server, and kept as blobs in a {@link DekStorage}. {@link #getDek} reads the blob
 * and unwraps it, or on the first call for an id creates the DEK, wraps it and stores it with
 * {@link DekStorage#putIfAbsent} (a loser of that race reads the winner's blob back). Since the
 * DEK lives only in its blob, every node with the same storage and KMIP server gets the same DEK,
 * after any restart, with no manual step.
 *
 * <p>KEK lifecycle: the KEK is found by Name (exactly one Active key must bear it) and created
 * when absent if allowed. {@link #rotateKek()} replaces it (Re-key, or create and move the Name);
 * old blobs keep opening, since each records the identifier of the KEK that wrapped it.
 * {@link #rewrap} then rewraps every blob under the new KEK (resumable, compare-and-swap, DEK
 * plaintext unchanged), after which {@link #retireKek} revokes the old KEK and, later,
 * {@link #destroyKek} destroys it. Every wrap and unwrap is one audit event on the SLF4J logger
 * {@code io.kmipstack.ckms.audit}.
 *
 * <p>Open one from URIs with {@link KmsFactory#open(String, String)}, or build one around an
 * existing client with {@link #builder()}.
 */
public interface WrappingKms extends CloudKms {

    /** The KEK's Name on the KMIP server. */
    String kekName();

    /** The unique identifier of the KEK that wraps new blobs. */
    String currentKekId();

    WrapMethod wrapMethod();

    DekStorage storage();

    /** Replaces the KEK; see {@link KekRotation}. */
    KekRotation rotateKek();

    /** Rewraps every blob not yet under the current KEK (or made with another wrap method); blocks until done. */
    RewrapReport rewrap(RewrapOptions options);

    /** {@link #rewrap} on a background thread. */
    RewrapJob rewrapInBackground(RewrapOptions options);

    /** How many blobs each KEK wraps (reads every blob's header; no KMS call). */
    Map<String, Integer> blobsPerKek();

    /**
     * Revokes the KEK {@code kekId} (Cessation of Operation) once no blob uses it.
     *
     * @throws IllegalStateException if it is the current KEK or a blob still uses it
     */
    void retireKek(String kekId);

    /**
     * Destroys the KEK {@code kekId}, which must be retired already and used by no blob.
     *
     * @throws IllegalStateException if it is still Active or a blob still uses it
     */
    void destroyKek(String kekId);

    static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link WrappingKms} around a client the caller made. Not thread-safe. */
    final class Builder {

        public static final Duration DEFAULT_KEK_CACHE_TTL = Duration.ofSeconds(60);

        private KmipClient client;
        private boolean closeClient;
        private String kekName;
        private WrapMethod wrap = WrapMethod.GCM;
        private boolean createKek;
        private KekRotation.Method rotation;
        private Duration kekCacheTtl = DEFAULT_KEK_CACHE_TTL;
        private DekStorage storage;
        private AuditSink audit = AuditSink.slf4j();

        private Builder() {
        }

        /** The KMIP client to reach the KEK's server through; closed with the KMS only if {@code closeWithKms}. */
        public Builder client(KmipClient client, boolean closeWithKms) {
            this.client = Objects.requireNonNull(client, "client");
            this.closeClient = closeWithKms;
            return this;
        }

        /** The KEK's Name. */
        public Builder kek(String name) {
            this.kekName = Objects.requireNonNull(name, "name");
            return this;
        }

        /** {@link WrapMethod#GCM} unless set. */
        public Builder wrap(WrapMethod method) {
            this.wrap = Objects.requireNonNull(method, "method");
            return this;
        }

        /** Create the KEK (AES-256) when no key bears its Name; off unless set. */
        public Builder createKek(boolean create) {
            this.createKek = create;
            return this;
        }

        /** How to rotate; null (the default) tries Re-key and falls back to create-and-move. */
        public Builder rotation(KekRotation.Method method) {
            this.rotation = method;
            return this;
        }

        /** How long the current KEK's identifier is reused before it is looked up again. */
        public Builder kekCacheTtl(Duration ttl) {
            Objects.requireNonNull(ttl, "ttl");
            if (ttl.isNegative()) {
                throw new IllegalArgumentException("kek cache ttl: " + ttl + " (expected: >= 0)");
            }
            this.kekCacheTtl = ttl;
            return this;
        }

        /** Where blobs are kept; closed with the KMS. */
        public Builder storage(DekStorage storage) {
            this.storage = Objects.requireNonNull(storage, "storage");
            return this;
        }

        Builder audit(AuditSink audit) {
            this.audit = Objects.requireNonNull(audit, "audit");
            return this;
        }

        public WrappingKms build() {
            if (client == null || kekName == null || storage == null) {
                throw new IllegalStateException("wrapping kms: " + (client == null ? "client" : kekName == null ? "kek" : "storage")
                        + " not set (expected: client, kek and storage)");
            }
            KmipKek kek = new KmipKek(client, kekName, wrap, createKek, rotation, kekCacheTtl, audit);
            return new KmipCloudKms(kek, storage, closeClient);
        }
    }
}
