package io.kmipstack.server.op;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.model.Attribute;
import io.kmipstack.codec.model.Attributes;
import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.model.Name;
import io.kmipstack.codec.model.TemplateAttribute;
import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.payload.CreateRequestPayload;
import io.kmipstack.codec.payload.CreateResponsePayload;
import io.kmipstack.codec.payload.GetAttributesRequestPayload;
import io.kmipstack.codec.payload.GetAttributesResponsePayload;
import io.kmipstack.codec.payload.RequestPayload;
import io.kmipstack.codec.payload.RequestPayloads;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.CryptographicUsageMask;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.NameType;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.server.store.ObjectStore;
import io.kmipstack.server.store.ObjectStores;
import io.kmipstack.server.store.StoredObject;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs single operations against {@link Handlers#standard()} and an in-memory store, as one
 * requester in one protocol version, each in its own transaction; the clock stands still until a
 * test moves it. Payloads are encoded for the version and decoded back before they reach the
 * handler, and answers are encoded for the version, so a test also proves what crosses the wire.
 */
final class OpHarness {

    final Map<Operation, OperationHandler> handlers = Handlers.standard();
    final ObjectStore store = ObjectStores.memory();
    final TestContext.Batch batch = new TestContext.Batch();
    Instant now = Instant.parse("2024-05-01T12:00:00Z");
    KmipVersion version;
    String identity = "alice";
    boolean admin;

    OpHarness(KmipVersion version) {
        this.version = version;
    }

    /** Runs {@code request}; its answer, encoded for the version and decoded back. */
    @SuppressWarnings("unchecked")
    <T extends ResponsePayload> T call(RequestPayload request) {
        Operation op = RequestPayloads.operation(request);
        RequestPayload wire = RequestPayloads.decode(op, request.encode(version));
        ResponsePayload answer = store.transact(tx -> handlers.get(op).handle(
                new TestContext(identity, admin, version, op, tx, Clock.fixed(now, ZoneOffset.UTC), batch), wire));
        answer.encode(version);
        return (T) answer;
    }

    /** Runs {@code request}, which must fail; the reason. */
    ResultReason fails(RequestPayload request) {
        try {
            call(request);
        } catch (KmipException e) {
            return e.resultReason();
        }
        throw new AssertionError(RequestPayloads.operation(request).name() + " succeeded (expected: a failure)");
    }

    /** Runs {@code request}, which must fail; the exception. */
    KmipException failure(RequestPayload request) {
        try {
            call(request);
        } catch (KmipException e) {
            return e;
        }
        throw new AssertionError(RequestPayloads.operation(request).name() + " succeeded (expected: a failure)");
    }

    StoredObject stored(String id) {
        return store.read(tx -> tx.get(id)).orElseThrow();
    }

    // ---- request builders, in the version's attribute form ----

    /** Template-Attribute (1.x) or Attributes (2.x) of these 2.x attribute items. */
    TemplateAttribute template(Ttlv... items) {
        return version.isV2() ? null : new TemplateAttribute(List.of(), KmipAttribute.toAttributeList(kmip(items)));
    }

    Attributes attributes(Ttlv... items) {
        return version.isV2() ? KmipAttribute.toAttributes(kmip(items)) : null;
    }

    static List<KmipAttribute> kmip(Ttlv... items) {
        List<KmipAttribute> out = new ArrayList<>();
        for (Ttlv t : items) {
            out.add(KmipAttribute.of(t));
        }
        return out;
    }

    CreateRequestPayload createRequest(ObjectType type, Ttlv... items) {
        return new CreateRequestPayload(type, template(items), attributes(items), null);
    }

    /** Creates an AES key of {@code bits} with the extra attributes; its id. */
    String createAes(int bits, Ttlv... extra) {
        List<Ttlv> items = new ArrayList<>(List.of(alg(CryptographicAlgorithm.AES), len(bits),
                mask(CryptographicUsageMask.ENCRYPT | CryptographicUsageMask.DECRYPT)));
        items.addAll(List.of(extra));
        CreateResponsePayload r = call(createRequest(ObjectType.SYMMETRIC_KEY, items.toArray(Ttlv[]::new)));
        return r.uniqueIdentifier().toString();
    }

    /** The attribute items of {@code id}, as the version's Get Attributes answers (2.x item form). */
    List<KmipAttribute> attributes(String id, int... tags) {
        List<String> names = new ArrayList<>();
        List<io.kmipstack.codec.model.AttributeReference> refs = new ArrayList<>();
        for (int t : tags) {
            if (version.isV2()) {
                refs.add(io.kmipstack.codec.model.AttributeReference.of(t));
            } else {
                names.add(io.kmipstack.codec.registry.Registry.tag(t).specName());
            }
        }
        GetAttributesResponsePayload r = call(new GetAttributesRequestPayload(UniqueIdentifier.of(id), names, refs));
        return version.isV2() ? KmipAttribute.of(r.attributes()) : KmipAttribute.fromAttributes(r.attributeList());
    }

    /** The value of the one attribute {@code tag} of {@code id}, or null. */
    Ttlv attribute(String id, int tag) {
        List<KmipAttribute> all = attributes(id, tag);
        return all.isEmpty() ? null : all.get(0).value();
    }

    static UniqueIdentifier uid(String id) {
        return UniqueIdentifier.of(id);
    }

    static Ttlv alg(CryptographicAlgorithm a) {
        return Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, a.value());
    }

    static Ttlv len(int bits) {
        return Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, bits);
    }

    static Ttlv mask(int mask) {
        return Ttlv.integer(Tag.CRYPTOGRAPHIC_USAGE_MASK, mask);
    }

    static Ttlv name(String value) {
        return new Name(value, NameType.UNINTERPRETED_TEXT_STRING).encode(Tag.NAME, KmipVersion.V2_1);
    }

    static Ttlv date(int tag, Instant t) {
        return Ttlv.dateTime(tag, t);
    }

    /** A 1.x Attribute structure. */
    static Attribute v1(String name, Integer index, Ttlv value) {
        return new Attribute(null, name, index, value);
    }
}
