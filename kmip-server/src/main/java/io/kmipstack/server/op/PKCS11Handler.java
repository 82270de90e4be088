package io.kmipstack.server.op;

import io.kmipstack.codec.payload.PKCS11RequestPayload;
import io.kmipstack.codec.payload.PKCS11ResponsePayload;
import io.kmipstack.codec.payload.RequestPayload;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.PKCS_11Function;
import io.kmipstack.codec.registry.PKCS_11ReturnCode;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.server.crypto.CorrelationStates;
import io.kmipstack.server.crypto.Pkcs11Module;
import io.kmipstack.server.crypto.StreamingState;

/**
 * PKCS#11 (KMIP 2.1 section 6.1.37; since 2.0): PKCS#11 calls passed to the token library the
 * server was configured with ({@link Pkcs11Module}). C_Initialize opens a conversation and answers
 * its Correlation Value, which the client returns with each later call; C_Finalize ends it. The
 * module itself is initialized once for the server (the JDK keeps one instance per library), so a
 * client's C_Initialize and C_Finalize open and close its conversation, not the library. Only the
 * calls of the PKCS#11 profile's test case are passed: C_GetInfo (the library's CK_INFO); any
 * other function answers PKCS#11 Invalid Function, and an interface other than the default (none,
 * or "PKCS 11") answers PKCS#11 Invalid Interface.
 */
final class PKCS11Handler implements OperationHandler {

    private final Pkcs11Module module;
    private final CorrelationStates conversations;

    PKCS11Handler(Pkcs11Module module, CorrelationStates conversations) {
        this.module = module;
        this.conversations = conversations;
    }

    @Override
    public ResponsePayload handle(RequestContext ctx, RequestPayload request) {
        PKCS11RequestPayload p = (PKCS11RequestPayload) request;
        String iface = p.pkcs11Interface();
        if (iface != null && !iface.isEmpty() && !iface.equals("PKCS 11")) {
            throw Failures.fail(ResultReason.PKCS_11_INVALID_INTERFACE, "PKCS#11 interface: \"" + iface
                    + "\" (expected: none, the default interface)");
        }
        PKCS_11Function f = p.pkcs11Function();
        if (PKCS_11Function.C_INITIALIZE.equals(f)) {
            Bytes value = conversations.open(new StreamingState(Operation.PKCS_11, ctx.identity(), null, module),
                    ObjectAccess.now(ctx));
            return new PKCS11ResponsePayload(iface, f, value, null, PKCS_11ReturnCode.OK);
        }
        if (!PKCS_11Function.C_GET_INFO.equals(f) && !PKCS_11Function.C_FINALIZE.equals(f)) {
            throw Failures.fail(ResultReason.PKCS_11_INVALID_FUNCTION, "PKCS#11 function: " + f.name()
                    + " (expected: C_Initialize, C_GetInfo or C_Finalize)");
        }
        if (p.correlationValue() == null) {
            throw Failures.invalidField("correlation value: missing (expected: the one C_Initialize answered)");
        }
        StreamingState state = conversations.take(p.correlationValue(), Operation.PKCS_11, ctx.identity(), ctx.version(),
                ObjectAccess.now(ctx));
        if (PKCS_11Function.C_FINALIZE.equals(f)) {
            return new PKCS11ResponsePayload(iface, f, null, null, PKCS_11ReturnCode.OK);
        }
        conversations.resume(p.correlationValue(), state, ObjectAccess.now(ctx));
        try {
            return new PKCS11ResponsePayload(iface, f, null, module.info(), PKCS_11ReturnCode.OK);
        } catch (Pkcs11Module.Pkcs11Exception e) {
            return new PKCS11ResponsePayload(iface, f, null, null, PKCS_11ReturnCode.valueOf((int) e.returnCode()));
        }
    }
}
