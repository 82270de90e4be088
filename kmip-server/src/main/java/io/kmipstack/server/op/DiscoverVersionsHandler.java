package io.kmipstack.server.op;

import io.kmipstack.codec.model.ProtocolVersion;
import io.kmipstack.codec.payload.DiscoverVersionsRequestPayload;
import io.kmipstack.codec.payload.DiscoverVersionsResponsePayload;
import io.kmipstack.codec.payload.RequestPayload;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.codec.registry.KmipVersion;
import java.util.ArrayList;
import java.util.List;

/**
 * Discover Versions (KMIP 1.4 section 4.26, 2.1 section 6.1.16): the versions the server speaks,
 * newest first; when the client lists its own, those of them the server speaks, in the client's
 * order (an empty answer means none in common).
 */
final class DiscoverVersionsHandler implements OperationHandler {

    @Override
    public ResponsePayload handle(RequestContext ctx, RequestPayload request) {
        DiscoverVersionsRequestPayload p = (DiscoverVersionsRequestPayload) request;
        List<ProtocolVersion> out = new ArrayList<>();
        if (p.protocolVersions().isEmpty()) {
            List<KmipVersion> all = new ArrayList<>(KmipVersion.SUPPORTED);
            all.sort((a, b) -> b.compareTo(a));
            for (KmipVersion v : all) {
                out.add(new ProtocolVersion(v.major(), v.minor()));
            }
        } else {
            for (ProtocolVersion pv : p.protocolVersions()) {
                if (KmipVersion.SUPPORTED.contains(new KmipVersion(pv.protocolVersionMajor(), pv.protocolVersionMinor()))) {
                    out.add(pv);
                }
            }
        }
        return new DiscoverVersionsResponsePayload(out);
    }
}
