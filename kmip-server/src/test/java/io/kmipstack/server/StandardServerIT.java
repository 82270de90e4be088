package io.kmipstack.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.codec.model.ResponseMessage;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.ResultStatus;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.xml.KmipXml;
import io.kmipstack.server.store.MasterKey;
import io.kmipstack.server.store.ObjectStores;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The default server (standard handlers) on the SQLite store: an object created before a restart
 * is there after it, with the same key material, for its owner only.
 */
class StandardServerIT {

    static final String HEADER = """
            <RequestHeader><ProtocolVersion><ProtocolVersionMajor type="Integer" value="2"/>
            <ProtocolVersionMinor type="Integer" value="1"/></ProtocolVersion>
            <BatchCount type="Integer" value="1"/></RequestHeader>""";

    static final String CREATE = "<RequestMessage>" + HEADER + """
            <BatchItem><Operation type="Enumeration" value="Create"/><RequestPayload>
            <ObjectType type="Enumeration" value="SymmetricKey"/>
            <Attributes><CryptographicAlgorithm type="Enumeration" value="AES"/>
            <CryptographicLength type="Integer" value="256"/>
            <CryptographicUsageMask type="Integer" value="Encrypt Decrypt"/></Attributes>
            </RequestPayload></BatchItem></RequestMessage>""";

    static String get(String id) {
        return "<RequestMessage>" + HEADER + """
                <BatchItem><Operation type="Enumeration" value="Get"/><RequestPayload>
                <UniqueIdentifier type="TextString" value="%s"/></RequestPayload></BatchItem></RequestMessage>"""
                .formatted(id);
    }

    static KmipServer start(Path data, MasterKey key) {
        return KmipServer.builder().port(0).tls(TestPki.serverTls()).store(ObjectStores.sqlite(data, key)).start();
    }

    static Ttlv call(KmipServer server, String client, String xml) throws IOException {
        try (RawClient c = RawClient.connect(server.port(), TestPki.PKI.client(client))) {
            c.send(KmipXml.read(xml));
            return c.receive();
        }
    }

    static Bytes keyMaterial(Ttlv response) {
        return response.child(Tag.BATCH_ITEM).child(Tag.RESPONSE_PAYLOAD).child(Tag.SYMMETRIC_KEY).child(Tag.KEY_BLOCK)
                .child(Tag.KEY_VALUE).child(Tag.KEY_MATERIAL).bytesValue();
    }

    @Test
    void objectsSurviveARestartAndStayTheirOwners(@TempDir Path data) throws IOException {
        MasterKey key = MasterKey.loadOrCreate(data.resolve("master.key"));
        String id;
        Bytes material;
        try (KmipServer first = start(data.resolve("db"), key)) {
            Ttlv created = call(first, "alice", CREATE);
            assertThat(ResponseMessage.decode(created).batchItem().get(0).resultStatus()).isEqualTo(ResultStatus.SUCCESS);
            id = created.child(Tag.BATCH_ITEM).child(Tag.RESPONSE_PAYLOAD).child(Tag.UNIQUE_IDENTIFIER).textValue();
            material = keyMaterial(call(first, "alice", get(id)));
            assertThat(material.length()).isEqualTo(32);
        }
        try (KmipServer second = start(data.resolve("db"), key)) {
            assertThat(keyMaterial(call(second, "alice", get(id)))).isEqualTo(material);
            // Someone else's object is reported exactly like one that does not exist.
            ResponseMessage foreign = ResponseMessage.decode(call(second, "bob", get(id)));
            ResponseMessage absent = ResponseMessage.decode(call(second, "bob", get("no-such-object")));
            assertThat(foreign.batchItem().get(0).resultStatus()).isEqualTo(ResultStatus.OPERATION_FAILED);
            assertThat(foreign.batchItem().get(0).resultReason()).isIn(ResultReason.ITEM_NOT_FOUND, ResultReason.OBJECT_NOT_FOUND)
                    .isEqualTo(absent.batchItem().get(0).resultReason());
        }
    }
}
