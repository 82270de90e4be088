package io.kmipstack.server.message;

import io.kmipstack.codec.model.ProtocolVersion;
import io.kmipstack.codec.payload.DiscoverVersionsRequestPayload;
import io.kmipstack.codec.payload.DiscoverVersionsResponsePayload;
import io.kmipstack.codec.payload.RequestPayload;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.server.op.OperationHandler;
import io.kmipstack.server.op.RequestContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Discover Versions (KMIP 1.4 section 4.26, 2.1 section 6.1.16): the versions this server speaks,
 * newest first; when the client lists its own, only those both sides speak, still in the server's
 * order of preference. An empty answer is legitimate (nothing in common). Defined since 1.1: a 1.0
 * request for it is answered Operation Not Supported by the dispatcher before it gets here.
 */
final class DiscoverVersionsHandler implements OperationHandler {

    @Override
    public ResponsePayload handle(RequestContext context, RequestPayload request) {
        List<ProtocolVersion> offered = ((DiscoverVersionsRequestPayload) request).protocolVersions();
        List<ProtocolVersion> answer = new ArrayList<>();
        for (KmipVersion v : ProtocolVersions.PREFERENCE) {
            ProtocolVersion pv = new ProtocolVersion(v.major(), v.minor());
            if (offered.isEmpty() || offered.contains(pv)) {
                answer.add(pv);
            }
        }
        return new DiscoverVersionsResponsePayload(answer);
    }
}
