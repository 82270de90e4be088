package io.kmipstack.server.message;

import io.kmipstack.codec.payload.RequestPayload;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.server.op.OperationHandler;
import io.kmipstack.server.op.RequestContext;

/**
 * Wraps every batch item's execution: it sees the context and the request, calls {@code next}
 * (or does not, to refuse), and sees the payload or the exception that comes back. Audit records
 * and per-operation policies are middleware; the message-wide checks (authentication, protocol
 * version, batch limits) happen before any item runs. Middleware runs inside the item's store
 * transaction, in the order it was registered, outermost first. Implementations are shared by all
 * connections and must be thread-safe.
 */
@FunctionalInterface
public interface Middleware {

    ResponsePayload handle(RequestContext context, RequestPayload request, OperationHandler next);
}
