package io.kmipstack.server.op;

import io.kmipstack.codec.payload.RequestPayload;
import io.kmipstack.codec.payload.ResponsePayload;

/**
 * Executes one operation of one batch item. The message layer has already checked the request
 * against the negotiated version, authenticated the requester and opened the batch's store
 * transaction; the handler does the operation's own work and answers with a typed payload, or
 * throws {@link io.kmipstack.codec.KmipException} with the precise result reason (the message goes
 * to the client: no key material, no internal detail). Any other exception becomes General Failure.
 * Handlers are stateless and shared by all connections.
 */
@FunctionalInterface
public interface OperationHandler {

    ResponsePayload handle(RequestContext context, RequestPayload request);
}
