package io.kmipstack.server;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.model.ProtocolVersion;
import io.kmipstack.codec.model.RequestBatchItem;
import io.kmipstack.codec.model.RequestHeader;
import io.kmipstack.codec.model.RequestMessage;
import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.payload.ActivateRequestPayload;
import io.kmipstack.codec.payload.ActivateResponsePayload;
import io.kmipstack.codec.payload.ArchiveResponsePayload;
import io.kmipstack.codec.payload.CreateRequestPayload;
import io.kmipstack.codec.payload.CreateResponsePayload;
import io.kmipstack.codec.payload.QueryResponsePayload;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.server.op.OperationHandler;
import io.kmipstack.server.store.StoredObject;
import java.util.List;
import java.util.Map;

/** Request builders and fake operation handlers shared by the server tests. */
final class Requests {

    private Requests() {
    }

    static RequestHeader header(KmipVersion v, int batchCount) {
        return RequestHeader.of(new ProtocolVersion(v.major(), v.minor()), batchCount);
    }

    static RequestMessage message(KmipVersion v, RequestBatchItem... items) {
        return new RequestMessage(header(v, items.length), List.of(items));
    }

    static RequestMessage message(RequestHeader header, RequestBatchItem... items) {
        return new RequestMessage(header, List.of(items));
    }

    static RequestBatchItem item(String batchId, Operation op, io.kmipstack.codec.payload.RequestPayload payload) {
        return new RequestBatchItem(op, null, batchId == null ? null : Bytes.fromHex(batchId), payload, null);
    }

    static RequestBatchItem create(String batchId) {
        return item(batchId, Operation.CREATE, CreateRequestPayload.of(ObjectType.SYMMETRIC_KEY));
    }

    /** Activate naming {@code id}, or relying on the ID Placeholder when {@code id} is null. */
    static RequestBatchItem activate(String batchId, String id) {
        return item(batchId, Operation.ACTIVATE, new ActivateRequestPayload(id == null ? null : UniqueIdentifier.of(id)));
    }

    /** Creates a stored object owned by the requester and sets the ID Placeholder, like a real Create. */
    static final OperationHandler CREATE = (ctx, request) -> {
        String id = ctx.store().newUniqueIdentifier();
        ctx.store().insert(new StoredObject(id, ObjectType.SYMMETRIC_KEY, ctx.identity(), 0, List.of(),
                Bytes.of(new byte[16])));
        ctx.idPlaceholder(id);
        return CreateResponsePayload.of(ObjectType.SYMMETRIC_KEY, UniqueIdentifier.of(id));
    };

    /** Resolves its object through the context (placeholder, access control) and echoes its id. */
    static final OperationHandler ACTIVATE = (ctx, request) -> {
        StoredObject o = ctx.object(((ActivateRequestPayload) request).uniqueIdentifier());
        return new ActivateResponsePayload(UniqueIdentifier.of(o.uniqueIdentifier()));
    };

    /** Always fails. */
    static final OperationHandler FAIL = (ctx, request) -> {
        throw new KmipException(ResultReason.PERMISSION_DENIED, "refused by the test");
    };

    /** Answers with a Vendor Identification of 2000 characters: a large response. */
    static final OperationHandler BIG_QUERY = (ctx, request) -> new QueryResponsePayload(null, null, "v".repeat(2000),
            null, null, null, null, null, null, null, null, null, null, null);

    /** Fails the way a bug does, with internal detail in the exception that must not reach the client. */
    static final OperationHandler BUG = (ctx, request) -> {
        throw new IllegalStateException("internal detail: table kmip_objects, row 42");
    };

    /** Answers 1.x clients with a 2.x-only value (a Unique Identifier Enumeration). */
    static final OperationHandler INEXPRESSIBLE = (ctx, request) -> new ArchiveResponsePayload(
            new UniqueIdentifier.Placeholder(io.kmipstack.codec.registry.UniqueIdentifier.ID_PLACEHOLDER));

    static final Map<Operation, OperationHandler> FAKES = Map.of(
            Operation.CREATE, CREATE,
            Operation.ACTIVATE, ACTIVATE,
            Operation.DESTROY, FAIL,
            Operation.QUERY, BIG_QUERY,
            Operation.REVOKE, BUG,
            Operation.ARCHIVE, INEXPRESSIBLE);
}
