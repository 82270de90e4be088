package io.kmipstack.junit;

import io.kmipstack.codec.model.ProtocolVersion;
import io.kmipstack.codec.model.RequestBatchItem;
import io.kmipstack.codec.model.RequestHeader;
import io.kmipstack.codec.model.RequestMessage;
import io.kmipstack.codec.model.ResponseMessage;
import io.kmipstack.codec.payload.RequestPayload;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.ttlv.TtlvDecoder;
import io.kmipstack.codec.ttlv.TtlvEncoder;
import java.io.IOException;
import java.util.List;
import javax.net.ssl.SSLSocket;

/** One request over a bare TLS socket built from the injected settings (no KMIP client needed). */
final class Kmip {

    private Kmip() {
    }

    static ResponseMessage call(KmipConnectionSettings s, Operation op, RequestPayload payload) throws IOException {
        RequestMessage request = new RequestMessage(RequestHeader.of(new ProtocolVersion(2, 1), 1),
                List.of(RequestBatchItem.of(op, payload)));
        try (SSLSocket socket = (SSLSocket) s.sslContext().getSocketFactory().createSocket(s.host(), s.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(TtlvEncoder.encode(request.encode(KmipVersion.V2_1)));
            return ResponseMessage.decode(TtlvDecoder.create().read(socket.getInputStream()));
        }
    }
}
