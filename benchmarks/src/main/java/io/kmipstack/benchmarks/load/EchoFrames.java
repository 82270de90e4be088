package io.kmipstack.benchmarks.load;

import io.kmipstack.client.KmipAttributes;
import io.kmipstack.client.KmipClientOptions;
import io.kmipstack.codec.model.CryptographicParameters;
import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.model.ProtocolVersion;
import io.kmipstack.codec.model.RequestBatchItem;
import io.kmipstack.codec.model.RequestHeader;
import io.kmipstack.codec.model.RequestMessage;
import io.kmipstack.codec.model.TemplateAttribute;
import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.payload.CreateRequestPayload;
import io.kmipstack.codec.payload.DecryptRequestPayload;
import io.kmipstack.codec.payload.EncryptRequestPayload;
import io.kmipstack.codec.payload.GetRequestPayload;
import io.kmipstack.codec.payload.LocateRequestPayload;
import io.kmipstack.codec.payload.RequestPayload;
import io.kmipstack.codec.payload.SignRequestPayload;
import io.kmipstack.codec.registry.BlockCipherMode;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.CryptographicUsageMask;
import io.kmipstack.codec.registry.HashingAlgorithm;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.PaddingMethod;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.TtlvEncoder;
import java.util.ArrayList;
import java.util.List;

/**
 * The frames the echo ceiling sends: for each kind of request a load run would send, the message
 * the client would put on the wire for it, encoded by the codec: the same header (protocol version,
 * Maximum Response Size, Batch Count 1), the same payload fields in the same order, identifiers
 * and names of the same length as a real run's. So each echoed frame has the request's exact size;
 * the echo answers with that frame, which for Encrypt, Decrypt and Locate is within a few percent of
 * the real response and for Get and Sign smaller than it (see {@code docs/benchmarks.md}).
 */
final class EchoFrames {

    // A server-assigned identifier: ours and PyKMIP's are shorter or equal; a UUID is the long case.
    private static final String ID = "0123abcd-4567-89ef-0123-456789abcdef";
    private static final String NAME_PREFIX = "kmip-bench-01234567-";

    private EchoFrames() {
    }

    /** One frame per kind of {@code op}, in {@link KmipWorkload#kinds} order. */
    static List<byte[]> frames(BenchOperation op, int size, KmipVersion v) {
        List<byte[]> out = new ArrayList<>();
        for (int k = 0; k < KmipWorkload.kinds(op).size(); k++) {
            out.add(frame(KmipWorkload.operation(op, k), size, v));
        }
        return out;
    }

    static byte[] frame(BenchOperation kind, int size, KmipVersion v) {
        Bytes data = Bytes.wrap(KmipWorkload.plaintext(size));
        UniqueIdentifier id = UniqueIdentifier.of(ID);
        RequestPayload payload = switch (kind) {
            case GET -> new GetRequestPayload(id, null, null, null, null);
            case ENCRYPT -> new EncryptRequestPayload(id, gcm(), data, null, null, null, null, null);
            case DECRYPT -> new DecryptRequestPayload(id, gcm(), Bytes.wrap(new byte[size]), Bytes.wrap(new byte[12]), null, null,
                    null, null, Bytes.wrap(new byte[KmipWorkload.GCM_TAG_BYTES]));
            case SIGN -> new SignRequestPayload(id, new CryptographicParameters(null, PaddingMethod.PKCS1_V1_5,
                    HashingAlgorithm.SHA_256, null, null, CryptographicAlgorithm.RSA, null, null, null, null, null, null, null, null,
                    null, null, null, null), data, null, null, null, null);
            case LOCATE -> {
                List<KmipAttribute> a = List.of(KmipAttributes.name(NAME_PREFIX + "n-123"));
                yield new LocateRequestPayload(null, null, null, null, v.isV2() ? List.of() : KmipAttribute.toAttributeList(a),
                        v.isV2() ? KmipAttribute.toAttributes(a) : null);
            }
            case CREATE -> {
                List<KmipAttribute> a = List.of(
                        KmipAttributes.cryptographicAlgorithm(CryptographicAlgorithm.AES),
                        KmipAttributes.cryptographicLength(256),
                        KmipAttributes.name(NAME_PREFIX + "c-123456"),
                        KmipAttributes.cryptographicUsageMask(CryptographicUsageMask.ENCRYPT | CryptographicUsageMask.DECRYPT));
                yield new CreateRequestPayload(ObjectType.SYMMETRIC_KEY,
                        v.isV2() ? null : new TemplateAttribute(List.of(), KmipAttribute.toAttributeList(a)),
                        v.isV2() ? KmipAttribute.toAttributes(a) : null, null);
            }
            default -> throw new IllegalArgumentException("operation: " + kind + " (expected: a KMIP request operation)");
        };
        Operation operation = switch (kind) {
            case GET -> Operation.GET;
            case ENCRYPT -> Operation.ENCRYPT;
            case DECRYPT -> Operation.DECRYPT;
            case SIGN -> Operation.SIGN;
            case LOCATE -> Operation.LOCATE;
            default -> Operation.CREATE;
        };
        RequestHeader header = new RequestHeader(new ProtocolVersion(v.major(), v.minor()),
                KmipClientOptions.DEFAULT_MAXIMUM_RESPONSE_SIZE, null, null, null, null, null, List.of(), null, null, null, null, 1);
        RequestMessage m = new RequestMessage(header, List.of(new RequestBatchItem(operation, null, null, payload, List.of())));
        return TtlvEncoder.encode(m.encode(v));
    }

    private static CryptographicParameters gcm() {
        return new CryptographicParameters(BlockCipherMode.GCM, null, null, null, null, CryptographicAlgorithm.AES, null, null,
                KmipWorkload.GCM_TAG_BYTES, null, null, null, null, null, null, null, null, null);
    }
}
