package io.kmipstack.client;

import io.kmipstack.codec.model.KeyBlock;
import io.kmipstack.codec.model.KeyMaterial;
import io.kmipstack.codec.model.KeyValue;
import io.kmipstack.codec.model.ProtocolVersion;
import io.kmipstack.codec.model.RequestBatchItem;
import io.kmipstack.codec.model.ResponseBatchItem;
import io.kmipstack.codec.model.SymmetricKey;
import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.payload.ActivateRequestPayload;
import io.kmipstack.codec.payload.ActivateResponsePayload;
import io.kmipstack.codec.payload.CreateResponsePayload;
import io.kmipstack.codec.payload.DiscoverVersionsRequestPayload;
import io.kmipstack.codec.payload.DiscoverVersionsResponsePayload;
import io.kmipstack.codec.payload.GetRequestPayload;
import io.kmipstack.codec.payload.GetResponsePayload;
import io.kmipstack.codec.payload.QueryResponsePayload;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.KeyFormatType;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.ResultStatus;
import io.kmipstack.codec.ttlv.Bytes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A tiny KMIP server for {@link ScriptedPeer}: it speaks the versions it is given, refusing any
 * other in the request header with Invalid Message (as PyKMIP does), answers Discover Versions
 * with the intersection of the client's list and its own, and handles Query, Create, Activate and
 * Get with computed answers. Other operations answer Operation Not Supported.
 */
final class FakeKmipServer implements ScriptedPeer.Script {

    static final Bytes KEY = Bytes.fromHex("000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F");

    private final List<KmipVersion> supported;
    private final boolean discoverVersions;
    private final AtomicInteger ids = new AtomicInteger();

    FakeKmipServer(List<KmipVersion> supported, boolean discoverVersions) {
        this.supported = supported;
        this.discoverVersions = discoverVersions;
    }

    /** Every version 2.1 down to 1.0, Discover Versions included. */
    static FakeKmipServer all() {
        return new FakeKmipServer(List.of(KmipVersion.V2_1, KmipVersion.V2_0, KmipVersion.V1_4, KmipVersion.V1_3,
                KmipVersion.V1_2, KmipVersion.V1_1, KmipVersion.V1_0), true);
    }

    @Override
    public void handle(ScriptedPeer.Exchange x) {
        if (!supported.contains(x.version())) {
            x.fail(ResultReason.INVALID_MESSAGE, "KMIP " + x.version() + " is not supported by the server.");
            return;
        }
        List<ResponseBatchItem> out = new ArrayList<>();
        for (RequestBatchItem item : x.request.batchItem()) {
            out.add(answer(item));
        }
        x.reply(out);
    }

    ResponseBatchItem answer(RequestBatchItem item) {
        Operation op = item.operation();
        ResponsePayload payload;
        if (op.equals(Operation.DISCOVER_VERSIONS) && discoverVersions) {
            List<ProtocolVersion> out = new ArrayList<>();
            for (ProtocolVersion pv : ((DiscoverVersionsRequestPayload) item.requestPayload()).protocolVersions()) {
                if (supported.contains(new KmipVersion(pv.protocolVersionMajor(), pv.protocolVersionMinor()))) {
                    out.add(pv);
                }
            }
            payload = new DiscoverVersionsResponsePayload(out);
        } else if (op.equals(Operation.QUERY)) {
            payload = new QueryResponsePayload(List.of(Operation.QUERY, Operation.CREATE, Operation.GET), List.of(), "fake", null,
                    List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), null, null);
        } else if (op.equals(Operation.CREATE)) {
            payload = new CreateResponsePayload(ObjectType.SYMMETRIC_KEY, UniqueIdentifier.of("key-" + ids.incrementAndGet()), null);
        } else if (op.equals(Operation.ACTIVATE)) {
            payload = new ActivateResponsePayload(((ActivateRequestPayload) item.requestPayload()).uniqueIdentifier());
        } else if (op.equals(Operation.GET)) {
            UniqueIdentifier id = ((GetRequestPayload) item.requestPayload()).uniqueIdentifier();
            payload = new GetResponsePayload(ObjectType.SYMMETRIC_KEY, id, new SymmetricKey(new KeyBlock(KeyFormatType.RAW, null,
                    KeyValue.of(KeyMaterial.of(KEY)), CryptographicAlgorithm.AES, 256, null)));
        } else {
            return new ResponseBatchItem(op, item.uniqueBatchItemID(), ResultStatus.OPERATION_FAILED,
                    ResultReason.OPERATION_NOT_SUPPORTED, op + " is not supported", null, null, List.of());
        }
        return new ResponseBatchItem(op, item.uniqueBatchItemID(), ResultStatus.SUCCESS, null, null, null, payload, List.of());
    }
}
