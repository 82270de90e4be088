package io.kmipstack.server.op;

import io.kmipstack.codec.payload.RequestPayload;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.codec.payload.SetEndpointRoleRequestPayload;
import io.kmipstack.codec.payload.SetEndpointRoleResponsePayload;
import io.kmipstack.codec.registry.EndpointRole;

/**
 * Set Endpoint Role (KMIP 2.1 section 6.1.54; since 2.0). This server only ever plays the server
 * role: asking it to stay server succeeds and changes nothing; asking it to turn client on the
 * connection (to send Notify and Put) is refused with Feature Not Supported.
 */
final class SetEndpointRoleHandler implements OperationHandler {

    @Override
    public ResponsePayload handle(RequestContext ctx, RequestPayload request) {
        SetEndpointRoleRequestPayload p = (SetEndpointRoleRequestPayload) request;
        if (!EndpointRole.SERVER.equals(p.endpointRole())) {
            throw Failures.featureNotSupported("endpoint role: " + p.endpointRole()
                    + " (expected: Server; this server does not act as a client)");
        }
        return new SetEndpointRoleResponsePayload(EndpointRole.SERVER);
    }
}
