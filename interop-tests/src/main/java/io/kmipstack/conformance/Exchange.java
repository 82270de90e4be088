package io.kmipstack.conformance;

import io.kmipstack.codec.ttlv.Ttlv;
import java.io.IOException;
import java.time.Duration;

/**
 * One conversation with a KMIP server: a request message in, its response message out, one
 * request in flight at a time. The runner opens one per test-case file and closes it after the
 * file, so that a file's requests share a connection as the test cases assume (a server may keep
 * per-connection state, e.g. after Discover Versions).
 *
 * <p>{@link Transports} makes exchanges over Netty; tests use in-memory ones; the kmip-client
 * library's raw send can stand in later.
 */
public interface Exchange extends AutoCloseable {

    /**
     * Sends {@code request} and waits at most {@code timeout} for the response. Fails with an
     * {@link IOException} when the connection breaks, no response comes in time, or the response
     * is not a well-formed message.
     */
    Ttlv exchange(Ttlv request, Duration timeout) throws IOException;

    /** Closes the connection; never throws. */
    @Override
    void close();
}
