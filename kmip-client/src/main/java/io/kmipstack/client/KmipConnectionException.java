package io.kmipstack.client;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.registry.ResultReason;

/**
 * The client could not reach a server, or lost the connection before the response arrived. Not a
 * result the server sent: {@link #resultReason()} is General Failure and the message says what
 * failed where ({@code "connect to kms1:5696: Connection refused"}). Whether the server carried
 * out a request whose connection dropped cannot be known; the client repeats only operations that
 * are safe to repeat.
 */
public class KmipConnectionException extends KmipException {

    private static final long serialVersionUID = 1L;

    public KmipConnectionException(String message) {
        super(ResultReason.GENERAL_FAILURE, message);
    }

    public KmipConnectionException(String message, Throwable cause) {
        super(ResultReason.GENERAL_FAILURE, message, cause);
    }
}
