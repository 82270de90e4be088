package io.kmipstack.server;

import static io.kmipstack.server.MessageLayerIT.assertFailed;
import static io.kmipstack.server.Requests.item;
import static io.kmipstack.server.Requests.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.codec.json.KmipJson;
import io.kmipstack.codec.model.ResponseMessage;
import io.kmipstack.codec.payload.DiscoverVersionsRequestPayload;
import io.kmipstack.codec.payload.DiscoverVersionsResponsePayload;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.ResultStatus;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvDecoder;
import io.kmipstack.codec.ttlv.TtlvEncoder;
import io.kmipstack.codec.xml.KmipXml;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** KMIP over HTTPS with TTLV, XML and JSON bodies; HTTP-level refusals. */
class HttpsIT {

    static KmipServer server;
    static HttpClient http;

    static final Ttlv DISCOVER = message(KmipVersion.V2_1,
            item(null, Operation.DISCOVER_VERSIONS, DiscoverVersionsRequestPayload.of())).encode(KmipVersion.V2_1);

    @BeforeAll
    static void start() {
        server = KmipServer.builder().port(0).httpsPort(0).tls(TestPki.serverTls()).store(new TestStore()).start();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .sslContext(TestPki.clientContext(TestPki.PKI.client("alice")))
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static HttpResponse<byte[]> post(String path, String contentType, byte[] body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("https://localhost:" + server.httpsPort() + path))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static void assertDiscovered(ResponseMessage r) {
        assertThat(r.batchItem().get(0).resultStatus()).isEqualTo(ResultStatus.SUCCESS);
        assertThat(((DiscoverVersionsResponsePayload) r.batchItem().get(0).responsePayload()).protocolVersions())
                .hasSize(7);
    }

    @Test
    void ttlvBody() throws Exception {
        HttpResponse<byte[]> r = post("/kmip", "application/octet-stream", TtlvEncoder.encode(DISCOVER));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
        assertDiscovered(ResponseMessage.decode(TtlvDecoder.create().decode(r.body())));
    }

    @Test
    void xmlBody() throws Exception {
        HttpResponse<byte[]> r = post("/kmip", "text/xml; charset=utf-8", KmipXml.write(DISCOVER).getBytes(StandardCharsets.UTF_8));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("text/xml");
        assertDiscovered(ResponseMessage.decode(KmipXml.read(new String(r.body(), StandardCharsets.UTF_8))));
    }

    @Test
    void jsonBody() throws Exception {
        HttpResponse<byte[]> r = post("/kmip", "application/json", KmipJson.write(DISCOVER).getBytes(StandardCharsets.UTF_8));

        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
        assertDiscovered(ResponseMessage.decode(KmipJson.read(new String(r.body(), StandardCharsets.UTF_8))));
    }

    @Test
    void anUndecodableBodyIsAnsweredWithInvalidMessage() throws Exception {
        HttpResponse<byte[]> r = post("/kmip", "application/json", "{\"tag\": \"RequestMessage\", \"value\": [".getBytes(StandardCharsets.UTF_8));

        assertThat(r.statusCode()).isEqualTo(200);
        ResponseMessage m = ResponseMessage.decode(KmipJson.read(new String(r.body(), StandardCharsets.UTF_8)));
        assertFailed(m.batchItem().get(0), ResultReason.INVALID_MESSAGE);
    }

    @Test
    void anotherMethodIs405() throws Exception {
        HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.httpsPort() + "/kmip"))
                .GET().build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(r.statusCode()).isEqualTo(405);
        assertThat(r.headers().firstValue("Allow")).hasValue("POST");
    }

    @Test
    void anotherContentTypeIs415() throws Exception {
        assertThat(post("/kmip", "text/plain", new byte[] {1}).statusCode()).isEqualTo(415);
        assertThat(post("/kmip", null, new byte[] {1}).statusCode()).isEqualTo(415);
    }

    @Test
    void anotherPathIs404() throws Exception {
        assertThat(post("/other", "application/octet-stream", TtlvEncoder.encode(DISCOVER)).statusCode()).isEqualTo(404);
    }
}
