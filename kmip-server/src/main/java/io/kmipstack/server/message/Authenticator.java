package io.kmipstack.server.message;

import io.kmipstack.codec.model.Authentication;

/**
 * Checks the Authentication structure of a request header (KMIP 1.4 section 6.6, 2.1 section 9.4)
 * after mutual TLS has identified the peer, and says who the requester is. Every credential in the
 * structure must be satisfied. Implementations compare secrets in constant time and, when they
 * refuse, throw {@link io.kmipstack.codec.KmipException} with Authentication Not Successful and a
 * message that does not say which part was wrong.
 */
@FunctionalInterface
public interface Authenticator {

    /**
     * The identity the request runs as.
     *
     * @param tlsIdentity the identity taken from the client certificate
     * @param authentication the header's Authentication, or {@code null} when the request has none
     */
    String authenticate(String tlsIdentity, Authentication authentication);

    /** Ignores credentials: the TLS identity is the requester. */
    static Authenticator tlsOnly() {
        return (tlsIdentity, authentication) -> tlsIdentity;
    }
}
