package io.kmipstack.client;

import static io.kmipstack.codec.registry.CryptographicUsageMask.DECRYPT;
import static io.kmipstack.codec.registry.CryptographicUsageMask.ENCRYPT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmipstack.certs.DevPki;
import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.model.Attribute;
import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.model.KmipEncodingException;
import io.kmipstack.codec.model.ProtocolVersion;
import io.kmipstack.codec.model.RequestBatchItem;
import io.kmipstack.codec.model.RequestHeader;
import io.kmipstack.codec.model.RequestMessage;
import io.kmipstack.codec.model.ResponseBatchItem;
import io.kmipstack.codec.model.UsernameAndPasswordCredential;
import io.kmipstack.codec.payload.ActivateResponsePayload;
import io.kmipstack.codec.payload.CreateRequestPayload;
import io.kmipstack.codec.payload.CreateResponsePayload;
import io.kmipstack.codec.payload.DiscoverVersionsRequestPayload;
import io.kmipstack.codec.payload.GetResponsePayload;
import io.kmipstack.codec.payload.QueryResponsePayload;
import io.kmipstack.codec.registry.BatchErrorContinuationOption;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.QueryFunction;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.ResultStatus;
import io.kmipstack.codec.ttlv.Bytes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The client against {@link ScriptedPeer}s: version negotiation and its fallbacks, per-version
 * encoding, batches, failures, timeouts, failover, retries, the pool, credentials and closing.
 * Every peer answers over mutual TLS with a certificate from a dev PKI minted for this class.
 */
class KmipClientTest {

    private static DevPki pki;

    @BeforeAll
    static void mint() {
        pki = DevPki.builder().build();
    }

    @AfterAll
    static void noLeaks() throws InterruptedException {
        assertThat(RecordingLeakDetector.collect()).as("Netty buffer leaks").isEmpty();
    }

    static TlsOptions tls() {
        return tlsFor(pki);
    }

    static TlsOptions tlsFor(DevPki pki) {
        return TlsOptions.builder().trust(pki.ca().certificate()).key(pki.client().privateKey(), pki.client().certificate()).build();
    }

    static KmipClientOptions.Builder options(ScriptedPeer... peers) {
        KmipClientOptions.Builder b = KmipClientOptions.builder().tls(tls())
                .connectTimeout(Duration.ofSeconds(3)).requestTimeout(Duration.ofSeconds(5)).ioThreads(1);
        for (ScriptedPeer p : peers) {
            b.endpoint(p.endpoint());
        }
        return b;
    }

    static KmipVersion headerVersion(RequestMessage m) {
        ProtocolVersion pv = m.requestHeader().protocolVersion();
        return new KmipVersion(pv.protocolVersionMajor(), pv.protocolVersionMinor());
    }

    static List<String> seen(ScriptedPeer peer) {
        List<String> out = new ArrayList<>();
        for (RequestMessage m : peer.requests()) {
            out.add(m.batchItem().get(0).operation() + "@" + headerVersion(m));
        }
        return out;
    }

    // ---- version negotiation

    @Test
    void negotiatesThePreferredVersionAndEncodesTwoPointXAttributes() throws Exception {
        try (ScriptedPeer peer = ScriptedPeer.start(pki, FakeKmipServer.all());
                KmipClient client = KmipClient.create(options(peer).build())) {
            CreateResponsePayload r = client.sync().create().aes(256).name("k1").usage(ENCRYPT, DECRYPT).execute();

            assertThat(r.uniqueIdentifier().toString()).isEqualTo("key-1");
            assertThat(client.negotiatedVersion()).isEqualTo(KmipVersion.V2_1);
            assertThat(seen(peer)).containsExactly("DiscoverVersions@2.1", "Create@2.1");
            DiscoverVersionsRequestPayload dv = (DiscoverVersionsRequestPayload) peer.requests().get(0).batchItem().get(0).requestPayload();
            assertThat(dv.protocolVersions()).extracting(p -> p.protocolVersionMajor() + "." + p.protocolVersionMinor())
                    .containsExactly("2.1", "2.0", "1.4", "1.3", "1.2", "1.1", "1.0");
            CreateRequestPayload create = (CreateRequestPayload) peer.requests().get(1).batchItem().get(0).requestPayload();
            assertThat(create.templateAttribute()).isNull();
            List<KmipAttribute> attrs = KmipAttribute.of(create.attributes());
            assertThat(attrs).extracting(KmipAttribute::name)
                    .containsExactly("Cryptographic Algorithm", "Cryptographic Length", "Name", "Cryptographic Usage Mask");
            assertThat(attrs.get(0).value().intValue()).isEqualTo(CryptographicAlgorithm.AES.value());
            assertThat(attrs.get(1).value().intValue()).isEqualTo(256);
            assertThat(attrs.get(3).value().intValue()).isEqualTo(ENCRYPT | DECRYPT);
        }
    }

    @Test
    void fallsBackVersionByVersionWhenTheServerRefusesNewerHeaders() throws Exception {
        FakeKmipServer oneTwo = new FakeKmipServer(List.of(KmipVersion.V1_2, KmipVersion.V1_1, KmipVersion.V1_0), true);
        try (ScriptedPeer peer = ScriptedPeer.start(pki, oneTwo);
                KmipClient client = KmipClient.create(options(peer).build())) {
            client.sync().create().aes(128).name("k").execute();

            assertThat(client.negotiatedVersion()).isEqualTo(KmipVersion.V1_2);
            assertThat(seen(peer)).containsExactly("DiscoverVersions@2.1", "DiscoverVersions@2.0", "DiscoverVersions@1.4",
                    "DiscoverVersions@1.3", "DiscoverVersions@1.2", "Create@1.2");
            CreateRequestPayload create = (CreateRequestPayload) peer.requests().get(5).batchItem().get(0).requestPayload();
            assertThat(create.attributes()).isNull();
            assertThat(create.templateAttribute().attribute()).extracting(Attribute::attributeName)
                    .containsExactly("Cryptographic Algorithm", "Cryptographic Length", "Name");
            // The refused attempts all went over the first connection.
            assertThat(peer.connections()).isEqualTo(1);
        }
    }

    @Test
    void prefersThePreferredVersionOverHigherOnesTheServerLists() throws Exception {
        try (ScriptedPeer peer = ScriptedPeer.start(pki, FakeKmipServer.all());
                KmipClient client = KmipClient.create(options(peer).preferredVersion(KmipVersion.V1_4)
                        .allowedVersions(KmipVersion.SUPPORTED.toArray(new KmipVersion[0])).build())) {
            client.sync().query(QueryFunction.QUERY_OPERATIONS);
            assertThat(client.negotiatedVersion()).isEqualTo(KmipVersion.V1_4);
            assertThat(seen(peer)).containsExactly("DiscoverVersions@1.4", "Query@1.4");
        }
    }

    @Test
    void takesTheHighestAllowedVersionTheServerListsWhenThePreferredIsMissing() throws Exception {
        FakeKmipServer odd = new FakeKmipServer(List.of(KmipVersion.V2_0, KmipVersion.V1_3, KmipVersion.V1_1), true);
        try (ScriptedPeer peer = ScriptedPeer.start(pki, odd);
                KmipClient client = KmipClient.create(options(peer).preferredVersion(KmipVersion.V1_3)
                        .allowedVersions(KmipVersion.V1_4, KmipVersion.V1_3, KmipVersion.V1_1).build())) {
            client.sync().query(QueryFunction.QUERY_OPERATIONS);
            assertThat(client.negotiatedVersion()).isEqualTo(KmipVersion.V1_3);
        }
        // Refuses the 2.1 and 2.0 headers, then lists 1.4 and 1.1 when asked in 1.4.
        FakeKmipServer low = new FakeKmipServer(List.of(KmipVersion.V1_4, KmipVersion.V1_1), true);
        try (ScriptedPeer peer = ScriptedPeer.start(pki, low);
                KmipClient client = KmipClient.create(options(peer).build())) {
            client.sync().query(QueryFunction.QUERY_OPERATIONS);
            assertThat(client.negotiatedVersion()).isEqualTo(KmipVersion.V1_4);
        }
    }

    @Test
    void fallsBackToQueryInOnePointZeroWhenDiscoverVersionsIsUnknown() throws Exception {
        FakeKmipServer old = new FakeKmipServer(List.of(KmipVersion.V1_0), false);
        try (ScriptedPeer peer = ScriptedPeer.start(pki, old);
                KmipClient client = KmipClient.create(options(peer).preferredVersion(KmipVersion.V1_2).build())) {
            client.sync().activate("k");
            assertThat(client.negotiatedVersion()).isEqualTo(KmipVersion.V1_0);
            assertThat(seen(peer)).containsExactly("DiscoverVersions@1.2", "DiscoverVersions@1.1", "Query@1.0", "Activate@1.0");
        }
    }

    @Test
    void fallsBackOnFreshConnectionsWhenTheServerClosesOnDiscoverVersions() throws Exception {
        FakeKmipServer old = new FakeKmipServer(List.of(KmipVersion.V1_0), false);
        try (ScriptedPeer peer = ScriptedPeer.start(pki, x -> {
                    if (x.item(0).operation().equals(Operation.DISCOVER_VERSIONS)) {
                        x.close();
                    } else {
                        old.handle(x);
                    }
                });
                KmipClient client = KmipClient.create(options(peer).preferredVersion(KmipVersion.V1_1).build())) {
            client.sync().activate("k");
            assertThat(client.negotiatedVersion()).isEqualTo(KmipVersion.V1_0);
            assertThat(seen(peer)).containsExactly("DiscoverVersions@1.1", "Query@1.0", "Activate@1.0");
            assertThat(peer.connections()).isEqualTo(2);
        }
    }

    @Test
    void failsWhenTheServerListsNoneOfTheAllowedVersions() throws Exception {
        FakeKmipServer other = new FakeKmipServer(List.of(KmipVersion.V1_2), true);
        try (ScriptedPeer peer = ScriptedPeer.start(pki, x -> {
                    // Accepts any header but supports only 1.2, which the client does not allow.
                    x.reply(List.of(other.answer(x.item(0))));
                });
                KmipClient client = KmipClient.create(options(peer).preferredVersion(KmipVersion.V1_4)
                        .allowedVersions(KmipVersion.V1_4, KmipVersion.V1_3).build())) {
            assertThatThrownBy(() -> client.sync().query(QueryFunction.QUERY_OPERATIONS))
                    .isInstanceOf(KmipException.class)
                    .hasMessageContaining("supports none of the allowed KMIP versions [1.4, 1.3]");
            assertThat(client.negotiatedVersion()).isNull();
        }
    }

    @Test
    void usesAFixedVersionWithoutDiscoverVersions() throws Exception {
        try (ScriptedPeer peer = ScriptedPeer.start(pki, FakeKmipServer.all());
                KmipClient client = KmipClient.create(options(peer).version(KmipVersion.V1_1).build())) {
            client.sync().query(QueryFunction.QUERY_OPERATIONS);
            assertThat(seen(peer)).containsExactly("Query@1.1");
        }
    }

    @Test
    void refusesBeforeSendingWhatTheNegotiatedVersionLacks() throws Exception {
        try (ScriptedPeer peer = ScriptedPeer.start(pki, FakeKmipServer.all());
                KmipClient client = KmipClient.create(options(peer).version(KmipVersion.V1_0).build())) {
            assertThatThrownBy(() -> client.sync().encrypt().id("k").data(new byte[16]).execute())
                    .isInstanceOf(KmipEncodingException.class)
                    .hasMessageContaining("KMIP 1.0");
            assertThatThrownBy(() -> client.sync().get().id("k").clientCorrelationValue("c-1").execute())
                    .isInstanceOf(KmipEncodingException.class)
                    .hasMessageContaining("ClientCorrelationValue");
            assertThat(peer.requests()).isEmpty();
        }
    }

    // ---- batches and results

    @Test
    void batchItemsAreMatchedByUniqueBatchItemIdWhateverTheOrder() throws Exception {
        FakeKmipServer fake = FakeKmipServer.all();
        try (ScriptedPeer peer = ScriptedPeer.start(pki, x -> {
                    List<ResponseBatchItem> out = new ArrayList<>();
                    for (RequestBatchItem item : x.request.batchItem()) {
                        out.add(item.operation().equals(Operation.ACTIVATE)
                                ? new ResponseBatchItem(item.operation(), item.uniqueBatchItemID(), ResultStatus.OPERATION_FAILED,
                                        ResultReason.ITEM_NOT_FOUND, "no object nope", null, null, List.of())
                                : fake.answer(item));
                    }
                    Collections.reverse(out);
                    x.reply(out);
                });
                KmipClient client = KmipClient.create(options(peer).version(KmipVersion.V1_4).build())) {
            KmipRequest<CreateResponsePayload> create = client.sync().create().aes(128).request();
            KmipRequest<ActivateResponsePayload> activate = KmipRequests.activate("nope");
            KmipRequest<GetResponsePayload> get = client.sync().get().id("k9").request();

            BatchResult result = client.sync().batch().add(create).add(activate).add(get)
                    .continuationOption(BatchErrorContinuationOption.CONTINUE).execute();

            assertThat(result.get(create).uniqueIdentifier().toString()).isEqualTo("key-1");
            assertThat(result.get(get).uniqueIdentifier().toString()).isEqualTo("k9");
            assertThat(result.item(1).resultStatus()).isEqualTo(ResultStatus.OPERATION_FAILED);
            assertThatThrownBy(() -> result.get(activate))
                    .isInstanceOfSatisfying(KmipException.class, e -> {
                        assertThat(e.resultReason()).isEqualTo(ResultReason.ITEM_NOT_FOUND);
                        assertThat(e.resultStatus()).isEqualTo(ResultStatus.OPERATION_FAILED);
                        assertThat(e.getMessage()).isEqualTo("no object nope");
                    });
            RequestMessage sent = peer.requests().get(0);
            assertThat(sent.requestHeader().batchCount()).isEqualTo(3);
            assertThat(sent.requestHeader().batchErrorContinuationOption()).isEqualTo(BatchErrorContinuationOption.CONTINUE);
            assertThat(sent.batchItem()).extracting(RequestBatchItem::uniqueBatchItemID).doesNotContainNull().doesNotHaveDuplicates();
        }
    }

    @Test
    void batchItemsAreMatchedByPositionWhenTheServerEchoesNoIds() throws Exception {
        FakeKmipServer fake = FakeKmipServer.all();
        try (ScriptedPeer peer = ScriptedPeer.start(pki, x -> {
                    List<ResponseBatchItem> out = new ArrayList<>();
                    for (RequestBatchItem item : x.request.batchItem()) {
                        ResponseBatchItem a = fake.answer(item);
                        out.add(new ResponseBatchItem(a.operation(), null, a.resultStatus(), a.resultReason(), a.resultMessage(),
                                null, a.responsePayload(), List.of()));
                    }
                    x.reply(out.subList(0, 2)); // and stops after two, as with Stop after a failure
                });
                KmipClient client = KmipClient.create(options(peer).version(KmipVersion.V1_2).build())) {
            KmipRequest<GetResponsePayload> a = client.async().get().id("a").request();
            KmipRequest<GetResponsePayload> b = client.async().get().id("b").request();
            KmipRequest<GetResponsePayload> c = client.async().get().id("c").request();
            BatchResult result = client.async().batch().add(a).add(b).add(c).execute().get(5, TimeUnit.SECONDS);
            assertThat(result.get(a).uniqueIdentifier().toString()).isEqualTo("a");
            assertThat(result.get(b).uniqueIdentifier().toString()).isEqualTo("b");
            assertThat(result.item(2).answered()).isFalse();
            assertThatThrownBy(() -> result.get(c)).isInstanceOf(KmipException.class).hasMessageContaining("not processed");
        }
    }

    @Test
    void aFailedResultRaisesTheTypedReasonAndTheServersMessage() throws Exception {
        try (ScriptedPeer peer = ScriptedPeer.start(pki, x -> x.fail(ResultReason.PERMISSION_DENIED, "not yours"));
                KmipClient client = KmipClient.create(options(peer).version(KmipVersion.V1_2).build())) {
            assertThatThrownBy(() -> client.sync().destroy("k"))
                    .isExactlyInstanceOf(KmipException.class)
                    .hasMessage("not yours")
                    .satisfies(e -> assertThat(((KmipException) e).resultReason()).isEqualTo(ResultReason.PERMISSION_DENIED));
            KmipException thrown = org.junit.jupiter.api.Assertions.assertThrows(KmipException.class, () -> client.sync().destroy("k"));
            // The stack points at the caller, not only at the I/O thread that saw the answer.
            assertThat(thrown.getStackTrace()).anyMatch(f -> f.getMethodName().equals("aFailedResultRaisesTheTypedReasonAndTheServersMessage"));
            assertThat(thrown.getSuppressed()).hasSize(1);
            ExecutionException async = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> client.async().destroy("k").get(5, TimeUnit.SECONDS));
            assertThat(async.getCause()).isInstanceOf(KmipException.class).hasMessage("not yours");
        }
    }

    @Test
    void headerCarriesCredentialsMaximumResponseSizeAndCorrelationValue() throws Exception {
        try (ScriptedPeer peer = ScriptedPeer.start(pki, FakeKmipServer.all());
                KmipClient client = KmipClient.create(options(peer).version(KmipVersion.V1_4)
                        .credential(Credentials.usernameAndPassword("alice", "s3cret"))
                        .credential(Credentials.device("SN-1", null, "dev-7", null, null, null))
                        .maximumResponseSize(65536).build())) {
            client.sync().get().id("k").clientCorrelationValue("trace-7").execute();
            RequestHeader h = peer.requests().get(0).requestHeader();
            assertThat(h.maximumResponseSize()).isEqualTo(65536);
            assertThat(h.clientCorrelationValue()).isEqualTo("trace-7");
            UsernameAndPasswordCredential c = (UsernameAndPasswordCredential) h.authentication().credential().get(0).credentialValue();
            assertThat(c.username()).isEqualTo("alice");
            assertThat(c.password()).isEqualTo("s3cret");
            assertThat(h.toString()).doesNotContain("s3cret");
            io.kmipstack.codec.model.DeviceCredential d =
                    (io.kmipstack.codec.model.DeviceCredential) h.authentication().credential().get(1).credentialValue();
            assertThat(d.deviceSerialNumber()).isEqualTo("SN-1");
            assertThat(d.deviceIdentifier()).isEqualTo("dev-7");
        }
    }

    @Test
    void aResponseLargerThanTheMaximumFailsAsResponseTooLarge() throws Exception {
        try (ScriptedPeer peer = ScriptedPeer.start(pki, x -> x.succeed(
                        new io.kmipstack.codec.payload.RNGRetrieveResponsePayload(Bytes.of(new byte[4096]))));
                KmipClient client = KmipClient.create(options(peer).version(KmipVersion.V1_2).maximumResponseSize(1024).build())) {
            assertThatThrownBy(() -> client.sync().rngRetrieve(4096))
                    .isInstanceOfSatisfying(KmipException.class,
                            e -> assertThat(e.resultReason()).isEqualTo(ResultReason.RESPONSE_TOO_LARGE))
                    .hasMessageContaining("(expected: <= 1024)");
        }
    }

    // ---- timeouts, failover, retries

    @Test
    void timesOutClosesTheConnectionAndRecoversOnANewOne() throws Exception {
        try (ScriptedPeer peer = ScriptedPeer.start(pki, ScriptedPeer.Exchange::ignore);
                KmipClient client = KmipClient.create(options(peer).version(KmipVersion.V1_2)
                        .requestTimeout(Duration.ofMillis(500)).build())) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> client.sync().get("k")).isInstanceOf(KmipTimeoutException.class)
                    .hasMessageContaining("no response within PT0.5S");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            awaitTrue(() -> peer.closedConnections() == 1);

            peer.script(FakeKmipServer.all());
            assertThat(client.sync().get("k").uniqueIdentifier().toString()).isEqualTo("k");
            assertThat(peer.connections()).isEqualTo(2);
        }
    }

    @Test
    void failsOverToTheNextEndpointAndBackAfterTheFailbackDelay() throws Exception {
        Duration failback = Duration.ofSeconds(2);
        ScriptedPeer first = ScriptedPeer.start(pki, FakeKmipServer.all());
        int firstPort = first.port();
        first.close(); // its port now refuses connections
        try (ScriptedPeer second = ScriptedPeer.start(pki, FakeKmipServer.all());
                KmipClient client = KmipClient.create(KmipClientOptions.builder().tls(tls())
                        .endpoint("127.0.0.1", firstPort).endpoint(second.endpoint())
                        .version(KmipVersion.V1_2).failbackDelay(failback).requestTimeout(Duration.ofSeconds(5)).build())) {
            long start = System.nanoTime();
            client.sync().get("a");
            assertThat(second.requests()).hasSize(1);

            try (ScriptedPeer back = ScriptedPeer.start(pki, "127.0.0.1", firstPort, FakeKmipServer.all())) {
                client.sync().get("b"); // still marked down: the second endpoint again
                // The delay is generous so that a slow first handshake cannot use it up before "b".
                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(failback);
                assertThat(second.requests()).hasSize(2);
                Thread.sleep(failback.toMillis() + 100);
                client.sync().get("c");
                assertThat(back.requests()).hasSize(1);
                assertThat(second.requests()).hasSize(2);
            }
        }
    }

    @Test
    void allEndpointsDownFailsWithAConnectionException() throws Exception {
        ScriptedPeer gone = ScriptedPeer.start(pki, FakeKmipServer.all());
        String endpoint = gone.endpoint();
        gone.close();
        try (KmipClient client = KmipClient.create(KmipClientOptions.builder().tls(tls()).endpoint(endpoint).retries(1)
                .version(KmipVersion.V1_2).build())) {
            assertThatThrownBy(() -> client.sync().get("k"))
                    .isInstanceOf(KmipConnectionException.class)
                    .hasMessageContaining("connect to " + endpoint);
        }
    }

    @Test
    void repeatsASafeOperationWhoseConnectionDroppedBeforeTheResponse() throws Exception {
        AtomicInteger gets = new AtomicInteger();
        FakeKmipServer fake = FakeKmipServer.all();
        try (ScriptedPeer peer = ScriptedPeer.start(pki, x -> {
                    if (gets.incrementAndGet() == 1) {
                        x.close();
                    } else {
                        fake.handle(x);
                    }
                });
                KmipClient client = KmipClient.create(options(peer).version(KmipVersion.V1_2).build())) {
            assertThat(client.sync().get("k").uniqueIdentifier().toString()).isEqualTo("k");
            assertThat(seen(peer)).containsExactly("Get@1.2", "Get@1.2");
        }
    }

    @Test
    void neverRepeatsAnOperationThatChangesState() throws Exception {
        try (ScriptedPeer peer = ScriptedPeer.start(pki, ScriptedPeer.Exchange::close);
                KmipClient client = KmipClient.create(options(peer).version(KmipVersion.V1_3).retries(3).build())) {
            assertThatThrownBy(() -> client.sync().create().aes(256).execute())
                    .isInstanceOf(KmipConnectionException.class)
                    .hasMessageContaining("closed before the response arrived");
            assertThatThrownBy(() -> client.sync().encrypt().id("k").data(new byte[16]).initIndicator(true).execute())
                    .isInstanceOf(KmipConnectionException.class);
            assertThat(seen(peer)).containsExactly("Create@1.3", "Encrypt@1.3");
        }
    }

    @Test
    void knowsWhichRequestsAreSafeToRepeat() {
        assertThat(KmipRequests.query(QueryFunction.QUERY_OPERATIONS).idempotent()).isTrue();
        assertThat(KmipRequests.getAttributeList("k").idempotent()).isTrue();
        assertThat(KmipRequests.rngRetrieve(8).idempotent()).isTrue();
        assertThat(KmipRequests.activate("k").idempotent()).isFalse();
        assertThat(KmipRequests.destroy("k").idempotent()).isFalse();
        assertThat(KmipRequests.revoke("k", io.kmipstack.codec.registry.RevocationReasonCode.UNSPECIFIED).idempotent()).isFalse();
        try (KmipClient client = KmipClient.create(KmipClientOptions.builder().tls(tls()).endpoint("127.0.0.1:1").build())) {
            assertThat(client.sync().encrypt().id("k").request().idempotent()).isTrue();
            assertThat(client.sync().encrypt().id("k").correlationValue(Bytes.of(new byte[] {1})).request().idempotent()).isFalse();
            assertThat(client.sync().sign().id("k").finalIndicator(true).request().idempotent()).isFalse();
            assertThat(client.sync().hash().hashing(io.kmipstack.codec.registry.HashingAlgorithm.SHA_256).request().idempotent()).isTrue();
            assertThatThrownBy(() -> client.sync().hash().request()).isInstanceOf(IllegalStateException.class);
            assertThat(client.sync().locate().name("x").request().idempotent()).isTrue();
            assertThat(client.sync().create().request().idempotent()).isFalse();
            assertThat(client.sync().register().secretData(io.kmipstack.codec.registry.SecretDataType.PASSWORD, Bytes.of(new byte[] {1}))
                    .request().idempotent()).isFalse();
        }
    }

    // ---- pool and closing

    @Test
    void thePoolCapsConnectionsPerEndpointAndQueuesTheRest() throws Exception {
        FakeKmipServer fake = FakeKmipServer.all();
        try (ScriptedPeer peer = ScriptedPeer.start(pki, x -> {
                    // Answer a little later, from another thread, so that requests overlap.
                    CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS).execute(() -> fake.handle(x));
                });
                KmipClient client = KmipClient.create(options(peer).version(KmipVersion.V1_2).poolSize(2).build())) {
            List<CompletableFuture<GetResponsePayload>> fs = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                fs.add(client.async().get("k" + i));
            }
            for (int i = 0; i < 12; i++) {
                assertThat(fs.get(i).get(5, TimeUnit.SECONDS).uniqueIdentifier().toString()).isEqualTo("k" + i);
            }
            assertThat(peer.connections()).isEqualTo(2);
            assertThat(peer.requests()).hasSize(12);
        }
    }

    @Test
    void closeFailsCallsInProgressAndStopsEveryThread() throws Exception {
        try (ScriptedPeer peer = ScriptedPeer.start(pki, ScriptedPeer.Exchange::ignore)) {
            KmipClient client = KmipClient.create(options(peer).version(KmipVersion.V1_2).build());
            CompletableFuture<GetResponsePayload> pending = client.async().get("k");
            awaitTrue(() -> peer.requests().size() == 1);
            client.close();
            client.close(); // idempotent

            ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> pending.get(5, TimeUnit.SECONDS));
            assertThat(e.getCause()).isInstanceOf(KmipConnectionException.class);
            assertThat(liveClientThreads()).isEmpty();
            assertThatThrownBy(() -> client.sync().get("k")).isInstanceOf(KmipConnectionException.class).hasMessage("client closed");
            awaitTrue(() -> peer.closedConnections() == 1);
        }
    }

    @Test
    void closeFailsACallWaitingToRetry() throws Exception {
        ScriptedPeer gone = ScriptedPeer.start(pki, FakeKmipServer.all());
        String endpoint = gone.endpoint();
        gone.close();
        KmipClient client = KmipClient.create(KmipClientOptions.builder().tls(tls()).endpoint(endpoint).retries(100)
                .requestTimeout(Duration.ofMinutes(5)).version(KmipVersion.V1_2).build());
        CompletableFuture<GetResponsePayload> pending = client.async().get("k");
        Thread.sleep(300); // refused, now backing off between attempts
        client.close();
        ExecutionException e = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                () -> pending.get(5, TimeUnit.SECONDS));
        assertThat(e.getCause()).isInstanceOf(KmipConnectionException.class);
    }

    // ---- TLS

    @ParameterizedTest
    @CsvSource({"JDK, TLSv1.3", "JDK, TLSv1.2", "OPENSSL, TLSv1.3", "OPENSSL, TLSv1.2"})
    void speaksMutualTlsWithEitherProviderAndProtocol(TlsProvider provider, String protocol) throws Exception {
        TlsOptions tls = TlsOptions.builder().trust(pki.ca().certificate()).key(pki.client().privateKey(), pki.client().certificate())
                .provider(provider).protocols(protocol).build();
        try (ScriptedPeer peer = ScriptedPeer.start(pki, FakeKmipServer.all());
                KmipClient client = KmipClient.create(options(peer).tls(tls).version(KmipVersion.V1_2).build())) {
            QueryResponsePayload q = client.sync().query(QueryFunction.QUERY_OPERATIONS);
            assertThat(q.operations()).contains(Operation.QUERY);
        }
    }

    @Test
    void verifiesTheServerNameUnlessTurnedOff() throws Exception {
        // The dev server certificate names localhost, 127.0.0.1 and ::1; 127.0.0.2 is loopback but not named.
        try (ScriptedPeer peer = ScriptedPeer.start(pki, "127.0.0.2", 0, FakeKmipServer.all())) {
            try (KmipClient client = KmipClient.create(options(peer).version(KmipVersion.V1_2).retries(0).build())) {
                assertThatThrownBy(() -> client.sync().query(QueryFunction.QUERY_OPERATIONS))
                        .isInstanceOf(KmipConnectionException.class)
                        .hasMessageContaining("TLS handshake with 127.0.0.2");
            }
            TlsOptions lax = TlsOptions.builder().trust(pki.ca().certificate())
                    .key(pki.client().privateKey(), pki.client().certificate()).hostnameVerification(false).build();
            try (KmipClient client = KmipClient.create(options(peer).tls(lax).version(KmipVersion.V1_2).build())) {
                assertThat(client.sync().query(QueryFunction.QUERY_OPERATIONS).operations()).contains(Operation.QUERY);
            }
        }
    }

    @Test
    void refusesAServerFromAnotherCa() throws Exception {
        DevPki other = DevPki.builder().build();
        try (ScriptedPeer peer = ScriptedPeer.start(other, FakeKmipServer.all());
                KmipClient client = KmipClient.create(options(peer).version(KmipVersion.V1_2).retries(0).build())) {
            assertThatThrownBy(() -> client.sync().query(QueryFunction.QUERY_OPERATIONS))
                    .isInstanceOf(KmipConnectionException.class)
                    .hasMessageContaining("TLS handshake");
            assertThat(peer.requests()).isEmpty();
        }
    }

    // ---- helpers

    static List<String> liveClientThreads() {
        List<String> out = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith(ClientCore.THREAD_PREFIX)) {
                out.add(t.getName());
            }
        }
        return out;
    }

    static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 5 s");
            }
            Thread.sleep(10);
        }
    }
}
