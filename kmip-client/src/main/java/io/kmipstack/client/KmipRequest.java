package io.kmipstack.client;

import io.kmipstack.codec.model.KmipDecodingException;
import io.kmipstack.codec.payload.DecryptRequestPayload;
import io.kmipstack.codec.payload.EncryptRequestPayload;
import io.kmipstack.codec.payload.HashRequestPayload;
import io.kmipstack.codec.payload.MACRequestPayload;
import io.kmipstack.codec.payload.MACVerifyRequestPayload;
import io.kmipstack.codec.payload.RawPayload;
import io.kmipstack.codec.payload.RequestPayload;
import io.kmipstack.codec.payload.RequestPayloads;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.codec.payload.ResponsePayloads;
import io.kmipstack.codec.payload.SignRequestPayload;
import io.kmipstack.codec.payload.SignatureVerifyRequestPayload;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Ttlv;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * One operation ready to send, alone or as an item of a batch: its Operation, how to build its
 * request payload for the negotiated protocol version (1.x Template-Attribute or 2.x Attributes),
 * and the response payload type expected back. The fluent calls make these ({@code
 * client.async().create().aes(256).request()}); {@link #of} wraps a payload built by hand.
 *
 * <p>{@link #idempotent()} says whether the client may send it again after its connection failed
 * before the response arrived: true for reads and for stateless cryptography (Get, Get Attributes,
 * Get Attribute List, Locate, Check, Query, Discover Versions, RNG Retrieve, and Encrypt, Decrypt,
 * Sign, Signature Verify, MAC, MAC Verify, Hash without Correlation Value, Init or Final Indicator);
 * false for everything that creates, changes or destroys state. A repeated Locate may see a
 * different set of objects, which is still a correct answer to the question it asks.
 */
public final class KmipRequest<T extends ResponsePayload> {

    private static final Set<Operation> SAFE = Set.of(Operation.GET, Operation.GET_ATTRIBUTES, Operation.GET_ATTRIBUTE_LIST,
            Operation.LOCATE, Operation.CHECK, Operation.QUERY, Operation.DISCOVER_VERSIONS, Operation.RNG_RETRIEVE);
    private static final Set<Operation> SAFE_WITHOUT_STREAMING = Set.of(Operation.ENCRYPT, Operation.DECRYPT, Operation.SIGN,
            Operation.SIGNATURE_VERIFY, Operation.MAC, Operation.MAC_VERIFY, Operation.HASH);

    private final Operation operation;
    private final Function<KmipVersion, RequestPayload> payload;
    private final Class<T> responseType;
    private final boolean idempotent;

    KmipRequest(Operation operation, Function<KmipVersion, RequestPayload> payload, Class<T> responseType, boolean idempotent) {
        this.operation = Objects.requireNonNull(operation, "operation");
        this.payload = Objects.requireNonNull(payload, "payload");
        this.responseType = Objects.requireNonNull(responseType, "responseType");
        this.idempotent = idempotent;
    }

    /**
     * A request for a payload built by hand, e.g. {@code KmipRequest.of(ActivateRequestPayload.of(...),
     * ActivateResponsePayload.class)}. The payload is sent as it is, whatever version is negotiated;
     * the codec refuses it before sending if that version lacks a field it uses.
     */
    public static <T extends ResponsePayload> KmipRequest<T> of(RequestPayload payload, Class<T> responseType) {
        Objects.requireNonNull(payload, "payload");
        if (payload instanceof RawPayload) {
            throw new IllegalArgumentException("payload: RawPayload (expected: a typed payload; use of(Operation, ...))");
        }
        Operation op = RequestPayloads.operation(payload);
        return new KmipRequest<>(op, v -> payload, responseType, safeToRepeat(op, payload));
    }

    /** A request for an operation the codec has no typed payload for; never repeated. */
    public static KmipRequest<RawPayload> raw(Operation operation, Ttlv payload) {
        Objects.requireNonNull(payload, "payload");
        RawPayload raw = new RawPayload(payload);
        return new KmipRequest<>(operation, v -> raw, RawPayload.class, false);
    }

    public Operation operation() {
        return operation;
    }

    public Class<T> responseType() {
        return responseType;
    }

    /** True when the client may repeat this request after a connection failure (see the class comment). */
    public boolean idempotent() {
        return idempotent;
    }

    /** The payload for {@code version}; the codec may still refuse to encode it for that version. */
    RequestPayload payload(KmipVersion version) {
        return payload.apply(version);
    }

    /**
     * The response payload as {@link #responseType()}: a raw payload (the response named no
     * Operation) is decoded for this request's operation, and an absent one is decoded as empty,
     * which works for the operations whose response payload has no required field.
     */
    T response(ResponsePayload received) {
        ResponsePayload p = received;
        if (responseType == RawPayload.class) {
            return responseType.cast(p == null ? new RawPayload(Ttlv.structure(Tag.RESPONSE_PAYLOAD)) : p);
        }
        if (p == null) {
            p = ResponsePayloads.decode(operation, Ttlv.structure(Tag.RESPONSE_PAYLOAD));
        } else if (p instanceof RawPayload raw) {
            p = ResponsePayloads.decode(operation, raw.item());
        }
        if (!responseType.isInstance(p)) {
            throw new KmipDecodingException(ResultReason.INVALID_MESSAGE, operation + " response payload: "
                    + p.getClass().getSimpleName() + " (expected: " + responseType.getSimpleName() + ")");
        }
        return responseType.cast(p);
    }

    /** Whether a request with this operation and payload may be sent again (see the class comment). */
    static boolean safeToRepeat(Operation operation, RequestPayload payload) {
        if (SAFE.contains(operation)) {
            return true;
        }
        if (!SAFE_WITHOUT_STREAMING.contains(operation)) {
            return false;
        }
        if (payload instanceof EncryptRequestPayload p) {
            return stateless(p.correlationValue(), p.initIndicator(), p.finalIndicator());
        }
        if (payload instanceof DecryptRequestPayload p) {
            return stateless(p.correlationValue(), p.initIndicator(), p.finalIndicator());
        }
        if (payload instanceof SignRequestPayload p) {
            return stateless(p.correlationValue(), p.initIndicator(), p.finalIndicator());
        }
        if (payload instanceof SignatureVerifyRequestPayload p) {
            return stateless(p.correlationValue(), p.initIndicator(), p.finalIndicator());
        }
        if (payload instanceof MACRequestPayload p) {
            return stateless(p.correlationValue(), p.initIndicator(), p.finalIndicator());
        }
        if (payload instanceof MACVerifyRequestPayload p) {
            return stateless(p.correlationValue(), p.initIndicator(), p.finalIndicator());
        }
        if (payload instanceof HashRequestPayload p) {
            return stateless(p.correlationValue(), p.initIndicator(), p.finalIndicator());
        }
        return false;
    }

    static boolean stateless(Object correlationValue, Boolean init, Boolean fin) {
        return correlationValue == null && init == null && fin == null;
    }

    @Override
    public String toString() {
        return "KmipRequest[" + operation + (idempotent ? ", idempotent" : "") + "]";
    }
}
