package io.kmipstack.client;

import java.util.Objects;

/**
 * One KMIP server address: a host name or IP literal and a TCP port (5696 is the IANA port for
 * KMIP over TLS, KMIP 1.4 profiles section 3.1). The host is also the name the server certificate
 * is verified against, so give the name the certificate carries rather than a resolved address.
 */
public record KmipEndpoint(String host, int port) {

    /** The IANA-registered KMIP port. */
    public static final int DEFAULT_PORT = 5696;

    public KmipEndpoint {
        Objects.requireNonNull(host, "host");
        if (host.isEmpty()) {
            throw new IllegalArgumentException("host: empty (expected: a host name or IP address)");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port: " + port + " (expected: 1 to 65535)");
        }
    }

    /**
     * Parses {@code host:port}, {@code host} (port 5696), {@code [::1]:port} or {@code [::1]}.
     *
     * @throws IllegalArgumentException for anything else
     */
    public static KmipEndpoint parse(String text) {
        Objects.requireNonNull(text, "text");
        String host;
        String port = null;
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("endpoint: " + text + " (expected: [IPv6]:PORT)");
            }
            host = text.substring(1, close);
            if (close + 1 < text.length()) {
                if (text.charAt(close + 1) != ':') {
                    throw new IllegalArgumentException("endpoint: " + text + " (expected: [IPv6]:PORT)");
                }
                port = text.substring(close + 2);
            }
        } else {
            int colon = text.lastIndexOf(':');
            if (colon >= 0 && text.indexOf(':') != colon) {
                // A bare IPv6 literal: every colon belongs to the address.
                host = text;
            } else if (colon >= 0) {
                host = text.substring(0, colon);
                port = text.substring(colon + 1);
            } else {
                host = text;
            }
        }
        if (port == null) {
            return new KmipEndpoint(host, DEFAULT_PORT);
        }
        try {
            return new KmipEndpoint(host, Integer.parseInt(port));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("endpoint port: " + port + " (expected: 1 to 65535)", e);
        }
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
