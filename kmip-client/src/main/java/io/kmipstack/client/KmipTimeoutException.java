package io.kmipstack.client;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.registry.ResultReason;

/**
 * A call did not complete within the request timeout ({@link KmipClientOptions#requestTimeout()}).
 * The server may still carry out the request; the connection it was sent on is closed, since a
 * late response could otherwise be taken for the answer to the next request. {@link #resultReason()}
 * is General Failure.
 */
public class KmipTimeoutException extends KmipException {

    private static final long serialVersionUID = 1L;

    public KmipTimeoutException(String message) {
        super(ResultReason.GENERAL_FAILURE, message);
    }
}
