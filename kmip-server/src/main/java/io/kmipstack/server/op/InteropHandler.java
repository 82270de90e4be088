package io.kmipstack.server.op;

import io.kmipstack.codec.payload.InteropRequestPayload;
import io.kmipstack.codec.payload.InteropResponsePayload;
import io.kmipstack.codec.payload.RequestPayload;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.codec.registry.InteropFunction;

/**
 * Interop (KMIP 2.1 section 6.1.26; since 2.0): marks the Begin, End or Reset of a named
 * interoperability test case. The server has no per-test-case state to set up or tear down, so
 * it accepts the three functions and records them in the log; any other function is refused.
 */
final class InteropHandler implements OperationHandler {

    @Override
    public ResponsePayload handle(RequestContext ctx, RequestPayload request) {
        InteropRequestPayload p = (InteropRequestPayload) request;
        InteropFunction f = p.interopFunction();
        if (!InteropFunction.BEGIN.equals(f) && !InteropFunction.END.equals(f) && !InteropFunction.RESET.equals(f)) {
            throw Failures.invalidField("interop function: " + f + " (expected: Begin, End or Reset)");
        }
        ctx.log("interop " + f.name() + " " + LogHandler.printable(p.interopIdentifier()));
        return new InteropResponsePayload();
    }
}
