package io.kmipstack.conformance;

import java.io.IOException;

/**
 * Factories for {@link Transport}s. {@link #netty} is what {@code bin/kmip conformance} uses:
 * binary TTLV over mutual TLS to one endpoint, and optionally HTTPS to another for the
 * MSGENC files.
 */
public final class Transports {

    /** The request path of the KMIP HTTPS profile. */
    public static final String DEFAULT_HTTPS_PATH = "/kmip";

    private Transports() {
    }

    /**
     * TTLV over TLS to {@code ttlv}; the three HTTPS wires to {@code https} at {@code httpsPath},
     * or, when {@code https} is {@code null}, not at all ("needs --https"). The TLS settings are
     * read now, so a missing key file fails here rather than per file. Close the transport to
     * stop its I/O thread.
     */
    public static Transport netty(Endpoint ttlv, Endpoint https, String httpsPath, TlsSettings tls) throws IOException {
        return new NettyTransport(ttlv, https, httpsPath == null ? DEFAULT_HTTPS_PATH : httpsPath, tls);
    }
}
