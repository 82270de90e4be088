package io.kmipstack.server;

import static io.kmipstack.server.Requests.activate;
import static io.kmipstack.server.Requests.create;
import static io.kmipstack.server.Requests.header;
import static io.kmipstack.server.Requests.item;
import static io.kmipstack.server.Requests.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.codec.model.ProtocolVersion;
import io.kmipstack.codec.model.RequestBatchItem;
import io.kmipstack.codec.model.RequestHeader;
import io.kmipstack.codec.model.ResponseBatchItem;
import io.kmipstack.codec.model.ResponseMessage;
import io.kmipstack.codec.model.RevocationReason;
import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.payload.ActivateRequestPayload;
import io.kmipstack.codec.payload.ActivateResponsePayload;
import io.kmipstack.codec.payload.ArchiveRequestPayload;
import io.kmipstack.codec.payload.CreateResponsePayload;
import io.kmipstack.codec.payload.DestroyRequestPayload;
import io.kmipstack.codec.payload.DiscoverVersionsRequestPayload;
import io.kmipstack.codec.payload.DiscoverVersionsResponsePayload;
import io.kmipstack.codec.payload.QueryRequestPayload;
import io.kmipstack.codec.payload.RNGRetrieveRequestPayload;
import io.kmipstack.codec.payload.RawPayload;
import io.kmipstack.codec.payload.RevokeRequestPayload;
import io.kmipstack.codec.registry.AsynchronousIndicator;
import io.kmipstack.codec.registry.BatchErrorContinuationOption;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.QueryFunction;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.ResultStatus;
import io.kmipstack.codec.registry.RevocationReasonCode;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvEncoder;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The message layer over a real mutual-TLS socket, with requests built by the codec's model and
 * sent as raw TTLV, and fake handlers (Create stores an object and sets the ID Placeholder,
 * Activate resolves its object through the context, Destroy always fails, Query answers 2 KB).
 */
class MessageLayerIT {

    static final TestStore store = new TestStore();
    static KmipServer server;

    @BeforeAll
    static void start() {
        server = KmipServer.builder().port(0).tls(TestPki.serverTls()).store(store).handlers(Requests.FAKES)
                .admins("ops").start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    static ResponseMessage roundTrip(Ttlv request) throws IOException {
        try (RawClient c = RawClient.connect(server.port())) {
            c.send(request);
            return c.receiveResponse();
        }
    }

    static Stream<KmipVersion> versionsWithDiscoverVersions() {
        return KmipVersion.SUPPORTED.stream().filter(v -> v.atLeast(KmipVersion.V1_1));
    }

    @ParameterizedTest
    @MethodSource("versionsWithDiscoverVersions")
    void discoverVersionsAtEveryVersion(KmipVersion v) throws IOException {
        ResponseMessage r = roundTrip(message(v, item(null, Operation.DISCOVER_VERSIONS,
                DiscoverVersionsRequestPayload.of())).encode(v));

        assertThat(r.responseHeader().protocolVersion()).isEqualTo(new ProtocolVersion(v.major(), v.minor()));
        ResponseBatchItem bi = r.batchItem().get(0);
        assertThat(bi.resultStatus()).isEqualTo(ResultStatus.SUCCESS);
        assertThat(bi.operation()).isEqualTo(Operation.DISCOVER_VERSIONS);
        assertThat(((DiscoverVersionsResponsePayload) bi.responsePayload()).protocolVersions()).containsExactly(
                pv(2, 1), pv(2, 0), pv(1, 4), pv(1, 3), pv(1, 2), pv(1, 1), pv(1, 0));
    }

    @Test
    void discoverVersionsAnswersOnlyCommonVersionsInServerOrder() throws IOException {
        ResponseMessage r = roundTrip(message(KmipVersion.V1_2, item(null, Operation.DISCOVER_VERSIONS,
                new DiscoverVersionsRequestPayload(List.of(pv(1, 2), pv(3, 0), pv(1, 4))))).encode(KmipVersion.V1_2));

        assertThat(((DiscoverVersionsResponsePayload) r.batchItem().get(0).responsePayload()).protocolVersions())
                .containsExactly(pv(1, 4), pv(1, 2));
    }

    @Test
    void discoverVersionsIn10IsNotSupportedAndTheOperationIsEchoed() throws IOException {
        // The codec will not write Discover Versions (since 1.1) in a 1.0 message: build it by hand.
        Ttlv request = Ttlv.structure(Tag.REQUEST_MESSAGE,
                header(KmipVersion.V1_0, 1).encode(KmipVersion.V1_0),
                Ttlv.structure(Tag.BATCH_ITEM,
                        Ttlv.enumeration(Tag.OPERATION, Operation.DISCOVER_VERSIONS.value()),
                        Ttlv.structure(Tag.REQUEST_PAYLOAD)));

        Ttlv raw = rawRoundTrip(request);
        ResponseMessage r = ResponseMessage.decode(raw);

        assertThat(r.responseHeader().protocolVersion()).isEqualTo(pv(1, 0));
        assertFailed(r.batchItem().get(0), ResultReason.OPERATION_NOT_SUPPORTED);
        assertThat(raw.children(Tag.BATCH_ITEM).get(0).child(Tag.OPERATION).intValue())
                .isEqualTo(Operation.DISCOVER_VERSIONS.value());
    }

    @Test
    void unknownOperationIsNotSupported() throws IOException {
        RequestBatchItem vendor = item("01", Operation.valueOf(0x8000_0001),
                new RawPayload(Ttlv.structure(Tag.REQUEST_PAYLOAD)));
        RequestBatchItem noHandler = item("02", Operation.RNG_RETRIEVE, new RNGRetrieveRequestPayload(16));
        RequestHeader h = new RequestHeader(pv(1, 4), null, null, null, null, null, null, null, null,
                BatchErrorContinuationOption.CONTINUE, null, null, 2);

        ResponseMessage r = roundTrip(message(h, vendor, noHandler).encode(KmipVersion.V1_4));

        assertThat(r.batchItem()).hasSize(2);
        assertFailed(r.batchItem().get(0), ResultReason.OPERATION_NOT_SUPPORTED);
        assertThat(r.batchItem().get(0).operation()).isEqualTo(Operation.valueOf(0x8000_0001));
        assertFailed(r.batchItem().get(1), ResultReason.OPERATION_NOT_SUPPORTED);
        assertThat(r.batchItem().get(1).uniqueBatchItemID()).isEqualTo(Bytes.fromHex("02"));
    }

    @Test
    void undecodableBytesAreInvalidMessageAndTheServerKeepsServing() throws IOException {
        byte[] bytes = TtlvEncoder.encode(message(KmipVersion.V1_2, create("01")).encode(KmipVersion.V1_2));
        // The last item is the payload's Object Type (an Enumeration, type byte 05 at offset len-13);
        // type 0x0F does not exist, so the frame is intact but not TTLV.
        int typeOffset = bytes.length - 13;
        assertThat(bytes[typeOffset]).isEqualTo((byte) 0x05);
        bytes[typeOffset] = 0x0F;

        try (RawClient c = RawClient.connect(server.port()); RawClient other = RawClient.connect(server.port())) {
            c.send(bytes);
            ResponseMessage bad = c.receiveResponse();
            // The version is read from the intact start of the frame.
            assertThat(bad.responseHeader().protocolVersion()).isEqualTo(pv(1, 2));
            assertThat(bad.batchItem()).hasSize(1);
            assertThat(bad.batchItem().get(0).operation()).isNull();
            assertFailed(bad.batchItem().get(0), ResultReason.INVALID_MESSAGE);

            c.send(message(KmipVersion.V1_2, create("02")).encode(KmipVersion.V1_2));
            assertThat(c.receiveResponse().batchItem().get(0).resultStatus()).isEqualTo(ResultStatus.SUCCESS);
            other.send(message(KmipVersion.V2_1, create("03")).encode(KmipVersion.V2_1));
            assertThat(other.receiveResponse().batchItem().get(0).resultStatus()).isEqualTo(ResultStatus.SUCCESS);
        }
    }

    @Test
    void wellFormedTtlvThatIsNoRequestIsInvalidMessageInItsVersion() throws IOException {
        // A header without Batch Count: the model refuses it; the version is still readable.
        Ttlv request = Ttlv.structure(Tag.REQUEST_MESSAGE,
                Ttlv.structure(Tag.REQUEST_HEADER, pv(1, 3).encode(Tag.PROTOCOL_VERSION, KmipVersion.V1_3)),
                create("01").encode(KmipVersion.V1_3));

        ResponseMessage r = ResponseMessage.decode(rawRoundTrip(request));

        assertThat(r.responseHeader().protocolVersion()).isEqualTo(pv(1, 3));
        assertFailed(r.batchItem().get(0), ResultReason.INVALID_MESSAGE);
        assertThat(r.batchItem().get(0).resultMessage()).contains("BatchCount");
    }

    @Test
    void aMalformedBatchItemFailsAloneWithInvalidMessage() throws IOException {
        Ttlv broken = Ttlv.structure(Tag.BATCH_ITEM,
                Ttlv.enumeration(Tag.OPERATION, Operation.CREATE.value()),
                Ttlv.bytes(Tag.UNIQUE_BATCH_ITEM_ID, Bytes.fromHex("02")),
                Ttlv.structure(Tag.REQUEST_PAYLOAD, Ttlv.text(Tag.OBJECT_TYPE, "not an enumeration")));
        RequestHeader h = new RequestHeader(pv(1, 4), null, null, null, null, null, null, null, null,
                BatchErrorContinuationOption.CONTINUE, null, null, 3);
        Ttlv request = Ttlv.structure(Tag.REQUEST_MESSAGE, h.encode(KmipVersion.V1_4),
                create("01").encode(KmipVersion.V1_4), broken, create("03").encode(KmipVersion.V1_4));

        ResponseMessage r = ResponseMessage.decode(rawRoundTrip(request));

        assertThat(r.batchItem()).extracting(ResponseBatchItem::resultStatus).containsExactly(
                ResultStatus.SUCCESS, ResultStatus.OPERATION_FAILED, ResultStatus.SUCCESS);
        assertFailed(r.batchItem().get(1), ResultReason.INVALID_MESSAGE);
        assertThat(r.batchItem().get(1).operation()).isEqualTo(Operation.CREATE);
        assertThat(r.batchItem().get(1).uniqueBatchItemID()).isEqualTo(Bytes.fromHex("02"));
    }

    @Test
    void continueRunsEveryItemAndKeepsTheSuccesses() throws IOException {
        int before = store.size();
        ResponseMessage r = roundTrip(threeItems(BatchErrorContinuationOption.CONTINUE));

        assertThat(r.responseHeader().batchCount()).isEqualTo(3);
        assertThat(r.batchItem()).extracting(ResponseBatchItem::resultStatus).containsExactly(
                ResultStatus.SUCCESS, ResultStatus.OPERATION_FAILED, ResultStatus.SUCCESS);
        assertThat(r.batchItem()).extracting(ResponseBatchItem::uniqueBatchItemID).containsExactly(
                Bytes.fromHex("01"), Bytes.fromHex("02"), Bytes.fromHex("03"));
        assertFailed(r.batchItem().get(1), ResultReason.PERMISSION_DENIED);
        assertThat(r.batchItem().get(1).resultMessage()).isEqualTo("refused by the test");
        assertThat(store.size()).isEqualTo(before + 2);
    }

    @Test
    void stopKeepsWhatRanAndAnswersNothingAfterTheFailure() throws IOException {
        int before = store.size();
        ResponseMessage r = roundTrip(threeItems(BatchErrorContinuationOption.STOP));

        assertThat(r.responseHeader().batchCount()).isEqualTo(2);
        assertThat(r.batchItem()).extracting(ResponseBatchItem::resultStatus).containsExactly(
                ResultStatus.SUCCESS, ResultStatus.OPERATION_FAILED);
        assertThat(store.size()).isEqualTo(before + 1);
    }

    @Test
    void stopIsTheDefault() throws IOException {
        int before = store.size();
        ResponseMessage r = roundTrip(threeItems(null));

        assertThat(r.batchItem()).hasSize(2);
        assertThat(store.size()).isEqualTo(before + 1);
    }

    @Test
    void undoRollsBackTheBatchAndAnswersEarlierItemsUndone() throws IOException {
        int before = store.size();
        ResponseMessage r = roundTrip(threeItems(BatchErrorContinuationOption.UNDO));

        assertThat(r.batchItem()).extracting(ResponseBatchItem::resultStatus).containsExactly(
                ResultStatus.OPERATION_UNDONE, ResultStatus.OPERATION_FAILED);
        // The undone item still says what it had done (as in the OASIS test case BL-M-2-21) ...
        String undoneId = ((CreateResponsePayload) r.batchItem().get(0).responsePayload()).uniqueIdentifier().toString();
        assertThat(r.batchItem().get(0).uniqueBatchItemID()).isEqualTo(Bytes.fromHex("01"));
        // ... but it left nothing behind.
        assertThat(store.get(undoneId)).isEmpty();
        assertFailed(r.batchItem().get(1), ResultReason.PERMISSION_DENIED);
        assertThat(store.size()).isEqualTo(before);
    }

    @Test
    void undoCommitsABatchWithoutFailure() throws IOException {
        int before = store.size();
        RequestHeader h = new RequestHeader(pv(1, 4), null, null, null, null, null, null, null, null,
                BatchErrorContinuationOption.UNDO, true, null, 2);

        ResponseMessage r = roundTrip(message(h, create("01"), activate("02", null)).encode(KmipVersion.V1_4));

        assertThat(r.batchItem()).extracting(ResponseBatchItem::resultStatus).containsOnly(ResultStatus.SUCCESS);
        assertThat(store.size()).isEqualTo(before + 1);
    }

    private static Ttlv threeItems(BatchErrorContinuationOption option) {
        RequestHeader h = new RequestHeader(pv(1, 4), null, null, null, null, null, null, null, null, option, true,
                null, 3);
        return message(h, create("01"), item("02", Operation.DESTROY, DestroyRequestPayload.of()), create("03"))
                .encode(KmipVersion.V1_4);
    }

    @Test
    void idPlaceholderCarriesTheCreatedIdentifierToTheNextItem() throws IOException {
        ResponseMessage r = roundTrip(message(KmipVersion.V1_4, create("01"), activate("02", null))
                .encode(KmipVersion.V1_4));

        String created = ((CreateResponsePayload) r.batchItem().get(0).responsePayload()).uniqueIdentifier().toString();
        assertThat(((ActivateResponsePayload) r.batchItem().get(1).responsePayload()).uniqueIdentifier())
                .isEqualTo(UniqueIdentifier.of(created));
    }

    @Test
    void version2PlaceholderEnumerationAndIndexNameEarlierIdentifiers() throws IOException {
        RequestBatchItem byEnum = item("02", Operation.ACTIVATE, new ActivateRequestPayload(
                new UniqueIdentifier.Placeholder(io.kmipstack.codec.registry.UniqueIdentifier.CREATE)));
        RequestBatchItem byIndex = item("03", Operation.ACTIVATE, new ActivateRequestPayload(new UniqueIdentifier.Index(0)));
        RequestBatchItem backwards = item("04", Operation.ACTIVATE, new ActivateRequestPayload(new UniqueIdentifier.Index(-1)));

        ResponseMessage r = roundTrip(message(KmipVersion.V2_1, create("01"), byEnum, byIndex, backwards)
                .encode(KmipVersion.V2_1));

        UniqueIdentifier created = ((CreateResponsePayload) r.batchItem().get(0).responsePayload()).uniqueIdentifier();
        for (int i = 1; i < 4; i++) {
            assertThat(r.batchItem().get(i).resultStatus()).isEqualTo(ResultStatus.SUCCESS);
            assertThat(((ActivateResponsePayload) r.batchItem().get(i).responsePayload()).uniqueIdentifier())
                    .isEqualTo(created);
        }
    }

    @Test
    void withoutIdentifierOrPlaceholderTheItemFailsWithInvalidField() throws IOException {
        ResponseMessage r = roundTrip(message(KmipVersion.V1_4, activate(null, null)).encode(KmipVersion.V1_4));

        assertFailed(r.batchItem().get(0), ResultReason.INVALID_FIELD);
    }

    @Test
    void anotherOwnersObjectLooksAbsentButAnAdminSeesIt() throws IOException {
        String id;
        try (RawClient alice = RawClient.connect(server.port(), TestPki.PKI.client("alice"))) {
            alice.send(message(KmipVersion.V1_4, create(null)).encode(KmipVersion.V1_4));
            id = ((CreateResponsePayload) alice.receiveResponse().batchItem().get(0).responsePayload())
                    .uniqueIdentifier().toString();
        }
        assertThat(store.get(id).orElseThrow().owner()).isEqualTo("alice");
        try (RawClient bob = RawClient.connect(server.port(), TestPki.PKI.client("bob"))) {
            bob.send(message(KmipVersion.V1_4, activate(null, id)).encode(KmipVersion.V1_4));
            ResponseBatchItem foreign = bob.receiveResponse().batchItem().get(0);
            bob.send(message(KmipVersion.V1_4, activate(null, "no-such-id")).encode(KmipVersion.V1_4));
            ResponseBatchItem absent = bob.receiveResponse().batchItem().get(0);

            assertFailed(foreign, ResultReason.ITEM_NOT_FOUND);
            assertFailed(absent, ResultReason.ITEM_NOT_FOUND);
            assertThat(foreign.resultMessage()).isEqualTo(absent.resultMessage().replace("no-such-id", id));
        }
        try (RawClient ops = RawClient.connect(server.port(), TestPki.PKI.client("ops"))) {
            ops.send(message(KmipVersion.V1_4, activate(null, id)).encode(KmipVersion.V1_4));
            assertThat(ops.receiveResponse().batchItem().get(0).resultStatus()).isEqualTo(ResultStatus.SUCCESS);
        }
    }

    @Test
    void maximumResponseSizeFailsTheItemThatWouldOverflow() throws IOException {
        RequestBatchItem query = item(null, Operation.QUERY, QueryRequestPayload.of(List.of(QueryFunction.QUERY_OPERATIONS)));
        RequestHeader small = new RequestHeader(pv(2, 1), 256, null, null, null, null, null, null, null, null, null,
                null, 1);
        RequestHeader large = new RequestHeader(pv(2, 1), 4096, null, null, null, null, null, null, null, null, null,
                null, 1);

        ResponseMessage tooLarge = roundTrip(message(small, query).encode(KmipVersion.V2_1));
        ResponseMessage fits = roundTrip(message(large, query).encode(KmipVersion.V2_1));

        assertFailed(tooLarge.batchItem().get(0), ResultReason.RESPONSE_TOO_LARGE);
        assertThat(tooLarge.batchItem().get(0).operation()).isEqualTo(Operation.QUERY);
        assertThat(fits.batchItem().get(0).resultStatus()).isEqualTo(ResultStatus.SUCCESS);
    }

    @Test
    void aVersion10RequestGetsA10ResponseWithoutLaterHeaderFields() throws IOException {
        Ttlv response = rawRoundTrip(message(KmipVersion.V1_0, create("01")).encode(KmipVersion.V1_0));

        Ttlv header = response.child(Tag.RESPONSE_HEADER);
        assertThat(header.children()).extracting(Ttlv::tag)
                .containsExactly(Tag.PROTOCOL_VERSION, Tag.TIME_STAMP, Tag.BATCH_COUNT);
        assertThat(ResponseMessage.decode(response).responseHeader().protocolVersion()).isEqualTo(pv(1, 0));
    }

    @Test
    void from14TheResponseCarriesAServerCorrelationValueAndNotTheClientOne() throws IOException {
        RequestHeader h = new RequestHeader(pv(1, 4), null, "client-says-hi", null, null, null, null, null, null, null,
                null, null, 1);
        ResponseMessage first = roundTrip(message(h, create(null)).encode(KmipVersion.V1_4));
        ResponseMessage second = roundTrip(message(h, create(null)).encode(KmipVersion.V1_4));

        assertThat(first.responseHeader().clientCorrelationValue()).isNull();
        assertThat(first.responseHeader().serverCorrelationValue()).isNotBlank();
        assertThat(second.responseHeader().serverCorrelationValue())
                .isNotEqualTo(first.responseHeader().serverCorrelationValue());
    }

    @Test
    void anUnsupportedMajorVersionIsRefusedWithInvalidMessage() throws IOException {
        Ttlv request = Ttlv.structure(Tag.REQUEST_MESSAGE,
                header(new KmipVersion(3, 0), 1).encode(KmipVersion.V2_1),
                create("01").encode(KmipVersion.V2_1));

        ResponseMessage r = ResponseMessage.decode(rawRoundTrip(request));

        assertThat(r.responseHeader().protocolVersion()).isEqualTo(pv(2, 1));
        assertThat(r.batchItem()).hasSize(1);
        assertThat(r.batchItem().get(0).operation()).isNull();
        assertFailed(r.batchItem().get(0), ResultReason.INVALID_MESSAGE);
        assertThat(r.batchItem().get(0).resultMessage()).contains("3.0");
    }

    @Test
    void aLaterMinorVersionIsAnsweredAsTheNewestOfItsMajor() throws IOException {
        Ttlv request = Ttlv.structure(Tag.REQUEST_MESSAGE,
                header(new KmipVersion(1, 7), 1).encode(KmipVersion.V1_4),
                item(null, Operation.DISCOVER_VERSIONS, DiscoverVersionsRequestPayload.of()).encode(KmipVersion.V1_4));

        ResponseMessage r = ResponseMessage.decode(rawRoundTrip(request));

        assertThat(r.responseHeader().protocolVersion()).isEqualTo(pv(1, 4));
        assertThat(r.batchItem().get(0).resultStatus()).isEqualTo(ResultStatus.SUCCESS);
    }

    @Test
    void aBatchCountThatDoesNotMatchIsInvalidMessage() throws IOException {
        RequestHeader h = header(KmipVersion.V1_4, 2);
        ResponseMessage r = roundTrip(message(h, create("01")).encode(KmipVersion.V1_4));

        assertFailed(r.batchItem().get(0), ResultReason.INVALID_MESSAGE);
        assertThat(r.batchItem().get(0).operation()).isNull();
    }

    @Test
    void mandatoryAsynchronousIsRefusedAndTheBooleanIndicatorIsAnsweredSynchronously() throws IOException {
        RequestHeader mandatory = new RequestHeader(pv(2, 1), null, null, null, null, AsynchronousIndicator.MANDATORY,
                null, null, null, null, null, null, 1);
        RequestHeader capable = new RequestHeader(pv(1, 4), null, null, null, true, null, null, null, null, null,
                null, null, 1);

        ResponseMessage refused = roundTrip(message(mandatory, create("01")).encode(KmipVersion.V2_1));
        ResponseMessage synchronous = roundTrip(message(capable, create("01")).encode(KmipVersion.V1_4));

        assertFailed(refused.batchItem().get(0), ResultReason.FEATURE_NOT_SUPPORTED);
        assertThat(refused.batchItem().get(0).operation()).isEqualTo(Operation.CREATE);
        assertThat(synchronous.batchItem().get(0).resultStatus()).isEqualTo(ResultStatus.SUCCESS);
        assertThat(synchronous.batchItem().get(0).asynchronousCorrelationValue()).isNull();
    }

    @Test
    void pipelinedRequestsOnOneConnectionAreAnsweredInOrder() throws IOException {
        try (RawClient c = RawClient.connect(server.port())) {
            for (int i = 1; i <= 20; i++) {
                c.send(message(KmipVersion.V1_4, create(String.format("%02x", i))).encode(KmipVersion.V1_4));
            }
            List<Bytes> ids = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                ids.add(c.receiveResponse().batchItem().get(0).uniqueBatchItemID());
            }
            List<Bytes> expected = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                expected.add(Bytes.fromHex(String.format("%02x", i)));
            }
            assertThat(ids).isEqualTo(expected);
        }
    }

    @Test
    void anUnexpectedExceptionIsGeneralFailureWithoutDetail() throws IOException {
        ResponseMessage r = roundTrip(message(KmipVersion.V1_4, item(null, Operation.REVOKE,
                new RevokeRequestPayload(UniqueIdentifier.of("x"),
                        new RevocationReason(RevocationReasonCode.UNSPECIFIED, null), null))).encode(KmipVersion.V1_4));

        assertFailed(r.batchItem().get(0), ResultReason.GENERAL_FAILURE);
        assertThat(r.batchItem().get(0).resultMessage()).isEqualTo("internal error");
    }

    @Test
    void aPayloadTheVersionCannotExpressFailsItsItem() throws IOException {
        RequestBatchItem archive = item(null, Operation.ARCHIVE, new ArchiveRequestPayload(UniqueIdentifier.of("x")));

        ResponseMessage v14 = roundTrip(message(KmipVersion.V1_4, archive).encode(KmipVersion.V1_4));
        ResponseMessage v21 = roundTrip(message(KmipVersion.V2_1, archive).encode(KmipVersion.V2_1));

        assertFailed(v14.batchItem().get(0), ResultReason.FEATURE_NOT_SUPPORTED);
        assertThat(v14.batchItem().get(0).resultMessage()).contains("1.4");
        assertThat(v21.batchItem().get(0).resultStatus()).isEqualTo(ResultStatus.SUCCESS);
    }

    private static Ttlv rawRoundTrip(Ttlv request) throws IOException {
        try (RawClient c = RawClient.connect(server.port())) {
            c.send(request);
            return c.receive();
        }
    }

    static void assertFailed(ResponseBatchItem bi, ResultReason reason) {
        assertThat(bi.resultStatus()).isEqualTo(ResultStatus.OPERATION_FAILED);
        assertThat(bi.resultReason()).isEqualTo(reason);
        assertThat(bi.resultMessage()).isNotBlank();
    }

    static ProtocolVersion pv(int major, int minor) {
        return new ProtocolVersion(major, minor);
    }
}
