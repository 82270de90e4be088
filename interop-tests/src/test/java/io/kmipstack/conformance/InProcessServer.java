package io.kmipstack.conformance;

import io.kmipstack.codec.json.KmipJson;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvDecoder;
import io.kmipstack.codec.ttlv.TtlvEncoder;
import io.kmipstack.codec.xml.KmipXml;
import io.kmipstack.server.message.MessageDispatcher;
import io.kmipstack.server.op.OperationHandler;
import io.kmipstack.server.store.ObjectStores;
import java.time.Duration;
import java.util.Map;

/**
 * Test helper: our server's message layer ({@link MessageDispatcher} over an in-memory store) as a
 * conformance {@link Transport}, in process. Every message crosses the encoding of its wire both
 * ways, as a socket would carry it: binary TTLV, or for the MSGENC files the KMIP XML and JSON
 * encodings that the HTTPS endpoint parses. The socket, TLS and HTTP framing are left out; the
 * transport tests cover those.
 */
final class InProcessServer implements Transport {

    private final MessageDispatcher dispatcher;
    private final TtlvDecoder decoder = TtlvDecoder.create();

    InProcessServer(Map<Operation, OperationHandler> handlers) {
        this.dispatcher = MessageDispatcher.builder().handlers(handlers).store(ObjectStores.memory()).build();
    }

    @Override
    public String unsupported(Wire wire) {
        return null;
    }

    @Override
    public Exchange open(Wire wire, Duration timeout) {
        return new Exchange() {
            @Override
            public Ttlv exchange(Ttlv request, Duration t) {
                return carry(wire, dispatcher.handle(carry(wire, request), "conformance", "127.0.0.1:5696"));
            }

            @Override
            public void close() {
            }
        };
    }

    private Ttlv carry(Wire wire, Ttlv message) {
        return switch (wire) {
            case HTTPS_XML -> KmipXml.read(KmipXml.write(message));
            case HTTPS_JSON -> KmipJson.read(KmipJson.write(message));
            default -> decoder.decode(TtlvEncoder.encode(message));
        };
    }
}
