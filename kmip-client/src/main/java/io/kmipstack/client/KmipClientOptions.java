package io.kmipstack.client;

import io.kmipstack.codec.model.Credential;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.ttlv.TtlvLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Everything a {@link KmipClient} is configured with, immutable. Build with {@link #builder()};
 * every setting has a {@code DEFAULT_*} constant except the endpoints and the TLS material, which
 * are required.
 *
 * <ul>
 *   <li>Endpoints are tried in order: the first reachable one takes the traffic; one that refuses
 *       or drops connections is skipped for {@link #failbackDelay()}, then tried again first.</li>
 *   <li>{@link #requestTimeout()} bounds a whole call: waiting for a pooled connection, connecting,
 *       version negotiation, retries and the exchange. {@link #connectTimeout()} bounds each TCP
 *       connect plus TLS handshake.</li>
 *   <li>{@link #retries()} is how many times a call is repeated after its connection failed before
 *       a response came; only operations that are safe to repeat are (see {@link KmipRequest#idempotent()}).</li>
 *   <li>Protocol version: {@link #preferredVersion()} is used when the server supports it, else the
 *       highest of {@link #allowedVersions()} the server accepts (Discover Versions, KMIP 1.4
 *       section 4.26); see {@link KmipClient}.</li>
 * </ul>
 */
public final class KmipClientOptions {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_FAILBACK_DELAY = Duration.ofSeconds(30);
    public static final int DEFAULT_POOL_SIZE = 4;
    public static final int DEFAULT_RETRIES = 2;
    public static final int DEFAULT_IO_THREADS = 2;
    public static final KmipVersion DEFAULT_PREFERRED_VERSION = KmipVersion.V2_1;
    public static final List<KmipVersion> DEFAULT_ALLOWED_VERSIONS = KmipVersion.SUPPORTED;
    /** Also the largest response frame the client accepts. */
    public static final int DEFAULT_MAXIMUM_RESPONSE_SIZE = TtlvLimits.DEFAULT_MAX_MESSAGE_SIZE;

    private final List<KmipEndpoint> endpoints;
    private final TlsOptions tls;
    private final KmipVersion preferredVersion;
    private final List<KmipVersion> allowedVersions;
    private final boolean negotiateVersion;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Duration failbackDelay;
    private final int poolSize;
    private final int retries;
    private final int ioThreads;
    private final List<Credential> credentials;
    private final int maximumResponseSize;

    private KmipClientOptions(Builder b) {
        this.endpoints = List.copyOf(b.endpoints);
        this.tls = b.tls;
        this.preferredVersion = b.preferredVersion;
        this.allowedVersions = b.allowedVersions;
        this.negotiateVersion = b.negotiateVersion;
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
        this.failbackDelay = b.failbackDelay;
        this.poolSize = b.poolSize;
        this.retries = b.retries;
        this.ioThreads = b.ioThreads;
        this.credentials = List.copyOf(b.credentials);
        this.maximumResponseSize = b.maximumResponseSize;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The servers, in failover order; never empty. */
    public List<KmipEndpoint> endpoints() {
        return endpoints;
    }

    public TlsOptions tls() {
        return tls;
    }

    public KmipVersion preferredVersion() {
        return preferredVersion;
    }

    /** The versions the client may speak, highest first; contains the preferred version. */
    public List<KmipVersion> allowedVersions() {
        return allowedVersions;
    }

    /** False: speak {@link #preferredVersion()} without Discover Versions. */
    public boolean negotiateVersion() {
        return negotiateVersion;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public Duration failbackDelay() {
        return failbackDelay;
    }

    /** The most connections open to one endpoint at once. */
    public int poolSize() {
        return poolSize;
    }

    public int retries() {
        return retries;
    }

    public int ioThreads() {
        return ioThreads;
    }

    /** Credentials sent in every request header; empty for TLS client authentication alone. */
    public List<Credential> credentials() {
        return credentials;
    }

    /** Sent as Maximum Response Size in every request header, and the largest frame accepted. */
    public int maximumResponseSize() {
        return maximumResponseSize;
    }

    @Override
    public String toString() {
        return "KmipClientOptions[endpoints=" + endpoints + ", tls=" + tls + ", preferredVersion=" + preferredVersion
                + ", allowedVersions=" + allowedVersions + ", negotiateVersion=" + negotiateVersion
                + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout + ", poolSize=" + poolSize
                + ", retries=" + retries + ", credentials=" + credentials.size() + "]";
    }

    /** Builds {@link KmipClientOptions}. Not thread-safe. */
    public static final class Builder {

        private final List<KmipEndpoint> endpoints = new ArrayList<>();
        private TlsOptions tls;
        private KmipVersion preferredVersion = DEFAULT_PREFERRED_VERSION;
        private List<KmipVersion> allowedVersions = descending(DEFAULT_ALLOWED_VERSIONS);
        private boolean allowedSet;
        private boolean negotiateVersion = true;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private Duration failbackDelay = DEFAULT_FAILBACK_DELAY;
        private int poolSize = DEFAULT_POOL_SIZE;
        private int retries = DEFAULT_RETRIES;
        private int ioThreads = DEFAULT_IO_THREADS;
        private final List<Credential> credentials = new ArrayList<>();
        private int maximumResponseSize = DEFAULT_MAXIMUM_RESPONSE_SIZE;

        private Builder() {
        }

        /** Adds an endpoint; the order of calls is the failover order. */
        public Builder endpoint(KmipEndpoint endpoint) {
            endpoints.add(Objects.requireNonNull(endpoint, "endpoint"));
            return this;
        }

        public Builder endpoint(String host, int port) {
            return endpoint(new KmipEndpoint(host, port));
        }

        /** Adds an endpoint given as {@code host:port}. */
        public Builder endpoint(String hostAndPort) {
            return endpoint(KmipEndpoint.parse(hostAndPort));
        }

        public Builder tls(TlsOptions tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
            return this;
        }

        public Builder preferredVersion(KmipVersion version) {
            this.preferredVersion = supported(version);
            return this;
        }

        /** The versions the client may fall back to; each must be one the codec speaks. */
        public Builder allowedVersions(KmipVersion... versions) {
            if (versions.length == 0) {
                throw new IllegalArgumentException("allowed versions: none (expected: at least one)");
            }
            List<KmipVersion> list = new ArrayList<>();
            for (KmipVersion v : versions) {
                list.add(supported(v));
            }
            this.allowedVersions = descending(list);
            this.allowedSet = true;
            return this;
        }

        /** Speaks exactly {@code version}: preferred, the only one allowed, and no Discover Versions. */
        public Builder version(KmipVersion version) {
            preferredVersion(version);
            allowedVersions(version);
            return negotiateVersion(false);
        }

        public Builder negotiateVersion(boolean negotiate) {
            this.negotiateVersion = negotiate;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connect timeout");
            return this;
        }

        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = positive(timeout, "request timeout");
            return this;
        }

        public Builder failbackDelay(Duration delay) {
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("failback delay: " + delay + " (expected: >= 0)");
            }
            this.failbackDelay = delay;
            return this;
        }

        public Builder poolSize(int size) {
            if (size < 1 || size > 1024) {
                throw new IllegalArgumentException("pool size: " + size + " (expected: 1 to 1024)");
            }
            this.poolSize = size;
            return this;
        }

        public Builder retries(int retries) {
            if (retries < 0 || retries > 100) {
                throw new IllegalArgumentException("retries: " + retries + " (expected: 0 to 100)");
            }
            this.retries = retries;
            return this;
        }

        public Builder ioThreads(int threads) {
            if (threads < 1 || threads > 256) {
                throw new IllegalArgumentException("I/O threads: " + threads + " (expected: 1 to 256)");
            }
            this.ioThreads = threads;
            return this;
        }

        /** Adds a credential to every request header (see {@link Credentials}). */
        public Builder credential(Credential credential) {
            credentials.add(Objects.requireNonNull(credential, "credential"));
            return this;
        }

        public Builder maximumResponseSize(int bytes) {
            if (bytes < 64) {
                throw new IllegalArgumentException("maximum response size: " + bytes + " (expected: >= 64)");
            }
            this.maximumResponseSize = bytes;
            return this;
        }

        public KmipClientOptions build() {
            if (endpoints.isEmpty()) {
                throw new IllegalStateException("endpoints: none (expected: at least one endpoint(...))");
            }
            if (tls == null) {
                throw new IllegalStateException("tls: not set (expected: tls(TlsOptions.builder()...build()))");
            }
            if (!allowedSet) {
                // Only the preferred version was chosen: allow it and everything below it.
                List<KmipVersion> below = new ArrayList<>();
                for (KmipVersion v : DEFAULT_ALLOWED_VERSIONS) {
                    if (preferredVersion.atLeast(v)) {
                        below.add(v);
                    }
                }
                allowedVersions = descending(below);
            } else if (!allowedVersions.contains(preferredVersion)) {
                throw new IllegalStateException("preferred version: " + preferredVersion
                        + " (expected: one of the allowed versions " + allowedVersions + ")");
            }
            return new KmipClientOptions(this);
        }

        private static KmipVersion supported(KmipVersion v) {
            Objects.requireNonNull(v, "version");
            if (!KmipVersion.SUPPORTED.contains(v)) {
                throw new IllegalArgumentException("KMIP version: " + v + " (expected: one of " + KmipVersion.SUPPORTED + ")");
            }
            return v;
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(what + ": " + d + " (expected: > 0)");
            }
            return d;
        }

        private static List<KmipVersion> descending(List<KmipVersion> versions) {
            TreeSet<KmipVersion> set = new TreeSet<>(java.util.Comparator.reverseOrder());
            set.addAll(versions);
            return List.copyOf(set);
        }
    }
}
