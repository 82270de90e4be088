package io.kmipstack.conformance;

import io.kmipstack.codec.registry.EnumDef;
import io.kmipstack.codec.registry.EnumValueDef;
import io.kmipstack.codec.registry.KmipEnum;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.QueryFunction;
import io.kmipstack.codec.registry.Registry;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.registry.TagDef;
import io.kmipstack.codec.testcase.TreeDiff;
import io.kmipstack.codec.testcase.TreeDiff.Difference;
import io.kmipstack.codec.ttlv.ItemType;
import io.kmipstack.codec.ttlv.Ttlv;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Compares a server's response with the expected response of a test case, under the rules in
 * {@code interop-tests/README.md} ("Comparison rules"), and binds the placeholders the expected
 * response introduces. In short:
 * <ul>
 *   <li>Exact by default: tags, types, order and values, including result status and reason,
 *       echoed identifiers, attribute values the client set and the results of cryptography the
 *       request determines.
 *   <li>A placeholder in the expected response matches per {@link #comparePlaceholder}: a
 *       {@code $NOW±n} time must lie in the run's time window, an unbound named value binds to
 *       what the server sent (a new Unique Identifier must differ from every one bound before), a
 *       bound one must be equal.
 *   <li>Values the server chooses are compared by type, or by type and length where the length is
 *       fixed by the request; see {@link #leafRule}.
 *   <li>Lists whose order the specification leaves open are matched as multisets, and lists that
 *       describe the server are allowed to name more; see {@link #container}.
 *   <li>The response header's Protocol Version is the request's (KMIP 1.4 section 7, 2.1 section
 *       9: a server answers in the version it was asked in), whatever the expected response says.
 *   <li>Query's lists of operations and object types describe the server under test: see
 *       {@link #compareQuery}.
 * </ul>
 * The first difference found ends the comparison; it is reported with the tag path in
 * {@link TreeDiff}'s form and values in {@link TreeDiff#describe} words (byte values fingerprinted).
 */
final class ResponseComparator {

    /** How a leaf (or a structure compared as one) is matched. */
    enum Rule {
        /** Same type and value. */
        EXACT,
        /** Same type; the value is the server's. */
        TYPE,
        /** Same type and length (of a Byte String or Big Integer); the content is the server's. */
        TYPE_AND_LENGTH,
        /** A structure whose presence counts and whose content is the server's description of itself. */
        ANY_CONTENT
    }

    // Fields the specification lets a server add although the reference response has none; their
    // content is not compared. Response Header: Server and Client Correlation Value (KMIP 1.4
    // section 7.2, 2.1 section 8.2). Batch item: a Result Message on success. Payloads of the
    // operations that make objects: the 1.x Template-Attribute(s) "implicitly set by the server"
    // (1.4 sections 4.1-4.8).
    private static final Set<Integer> OPTIONAL_HEADER_FIELDS = Set.of(Tag.SERVER_CORRELATION_VALUE, Tag.CLIENT_CORRELATION_VALUE);
    private static final Set<Integer> OPTIONAL_ITEM_FIELDS = Set.of(Tag.RESULT_MESSAGE);
    private static final Set<Integer> OPTIONAL_CREATION_FIELDS = Set.of(Tag.TEMPLATE_ATTRIBUTE,
            Tag.PRIVATE_KEY_TEMPLATE_ATTRIBUTE, Tag.PUBLIC_KEY_TEMPLATE_ATTRIBUTE);
    private static final Set<Operation> CREATING = Set.of(Operation.CREATE, Operation.CREATE_KEY_PAIR, Operation.REGISTER,
            Operation.RE_KEY, Operation.RE_KEY_KEY_PAIR, Operation.DERIVE_KEY, Operation.CERTIFY, Operation.RE_CERTIFY);

    // The managed objects a Get (or Export) response carries.
    private static final Set<Integer> OBJECT_TAGS = Set.of(Tag.SYMMETRIC_KEY, Tag.SECRET_DATA, Tag.PRIVATE_KEY, Tag.PUBLIC_KEY,
            Tag.CERTIFICATE, Tag.OPAQUE_OBJECT, Tag.SPLIT_KEY, Tag.PGP_KEY, Tag.TEMPLATE);

    // Inside a managed object, the parts whose bytes are the object's content (not its metadata).
    private static final Set<Integer> CONTENT_TAGS = Set.of(Tag.KEY_VALUE, Tag.KEY_MATERIAL, Tag.KEY_WRAPPING_DATA,
            Tag.CERTIFICATE_VALUE, Tag.OPAQUE_DATA_VALUE);

    private final TestCase testCase;
    private final Clock clock;
    private final Instant fileStart;
    private final Duration skew;

    ResponseComparator(TestCase testCase, Clock clock, Instant fileStart, Duration skew) {
        this.testCase = testCase;
        this.clock = clock;
        this.fileStart = fileStart;
        this.skew = skew;
    }

    /**
     * The first difference between {@code expected} and {@code actual}, or {@code null}; binds the
     * placeholders of {@code expected} into {@code bindings} as it goes. {@code sent} is the
     * request as sent, which decides what the response may vary in.
     */
    Difference compare(Ttlv sent, Ttlv expected, Ttlv actual, Bindings bindings) {
        String path = Registry.tagName(expected.tag());
        if (expected.tag() != actual.tag()) {
            return new Difference(path, Registry.tagName(expected.tag()), Registry.tagName(actual.tag()));
        }
        if (!actual.isStructure()) {
            return new Difference(path, "Structure", actual.type().xmlName());
        }
        Scope root = new Scope(Area.MESSAGE, null, null, null, false, false, false, 0, 0, false);
        // Batch items pair by Unique Batch Item ID when every expected item has one (a server may
        // answer an unordered batch in any order); otherwise by position.
        Ttlv reordered = pairBatchItems(expected, actual);
        return compareStructure(expected, reordered, path, root, sent, bindings);
    }

    /**
     * Records what an answered batch item says about objects (who made each one, of what type)
     * and the values the server returned, for the requests and comparisons that follow.
     */
    private static void learn(Ttlv requestItem, Ttlv item, Bindings bindings, String idPlaceholder) {
        Ttlv op = item.child(Tag.OPERATION);
        Ttlv payload = item.child(Tag.RESPONSE_PAYLOAD);
        if (op == null || op.type() != ItemType.ENUMERATION || payload == null || !payload.isStructure()) {
            return;
        }
        Ttlv requestPayload = requestItem == null ? null : requestItem.child(Tag.REQUEST_PAYLOAD);
        Operation operation = Operation.valueOf(op.intValue());
        String uid = Items.text(payload, Tag.UNIQUE_IDENTIFIER);
        ObjectType type = objectType(payload);
        if (type == null) {
            type = objectType(requestPayload);
        }
        if (operation.equals(Operation.REGISTER) || operation.equals(Operation.IMPORT)) {
            put(bindings, uid, Bindings.Origin.CLIENT, type);
        } else if (operation.equals(Operation.CREATE_KEY_PAIR) || operation.equals(Operation.RE_KEY_KEY_PAIR)) {
            put(bindings, Items.text(payload, Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER), Bindings.Origin.SERVER, ObjectType.PRIVATE_KEY);
            put(bindings, Items.text(payload, Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER), Bindings.Origin.SERVER, ObjectType.PUBLIC_KEY);
        } else if (operation.equals(Operation.CREATE) || operation.equals(Operation.RE_KEY)
                || operation.equals(Operation.DERIVE_KEY) || operation.equals(Operation.CERTIFY)
                || operation.equals(Operation.RE_CERTIFY) || operation.equals(Operation.JOIN_SPLIT_KEY)) {
            if (type == null && operation.equals(Operation.RE_KEY)) {
                Bindings.ObjectInfo old = bindings.object(target(requestPayload, idPlaceholder));
                type = old == null ? null : old.objectType();
            }
            put(bindings, uid, Bindings.Origin.SERVER, type);
        } else if (operation.equals(Operation.CREATE_SPLIT_KEY)) {
            for (Ttlv id : payload.children(Tag.UNIQUE_IDENTIFIER)) {
                put(bindings, id.type() == ItemType.TEXT_STRING ? id.textValue() : null, Bindings.Origin.SERVER, ObjectType.SPLIT_KEY);
            }
        }
        // Values the server returned, for requests that name them without an expected response
        // having bound them (see RequestBinder).
        for (Ttlv c : payload.children()) {
            if (c.type() == ItemType.BYTE_STRING || c.type() == ItemType.TEXT_STRING) {
                bindings.observe(c);
            }
        }
    }

    private static void put(Bindings bindings, String uid, Bindings.Origin origin, ObjectType type) {
        if (uid != null) {
            bindings.object(uid, new Bindings.ObjectInfo(origin, type));
        }
    }

    private static ObjectType objectType(Ttlv payload) {
        if (payload == null || !payload.isStructure()) {
            return null;
        }
        Ttlv t = payload.child(Tag.OBJECT_TYPE);
        return t != null && t.type() == ItemType.ENUMERATION ? ObjectType.valueOf(t.intValue()) : null;
    }

    // ---------------------------------------------------------------------------------------
    // Scope: what the position in the response says about how to compare it.

    private enum Area { MESSAGE, HEADER, ITEM, PAYLOAD }

    /**
     * @param operation        the batch item's operation (payload and item areas)
     * @param requestPayload   the request payload as sent
     * @param target           the object the request works on, if the run knows it
     * @param clientContent    the object's content (and a wrapping key's) came from the client
     * @param asymmetric       the target is a public or private key or a certificate
     * @param serverIv         the server chose the IV (Encrypt without one in the request)
     * @param attribute        the tag of the attribute being compared, 0 outside one
     * @param object           the tag of the managed object being compared, 0 outside one
     * @param content          inside the object's content (key value, certificate value, ...)
     */
    private record Scope(Area area, Operation operation, Ttlv requestPayload, Bindings.ObjectInfo target,
            boolean clientContent, boolean asymmetric, boolean serverIv, int attribute, int object, boolean content) {

        Scope area(Area a) {
            return new Scope(a, operation, requestPayload, target, clientContent, asymmetric, serverIv, attribute, object, content);
        }

        Scope attribute(int tag) {
            return new Scope(area, operation, requestPayload, target, clientContent, asymmetric, serverIv, tag, object, content);
        }

        Scope object(int tag) {
            return new Scope(area, operation, requestPayload, target, clientContent, asymmetric, serverIv, attribute, tag, content);
        }

        Scope withinContent() {
            return new Scope(area, operation, requestPayload, target, clientContent, asymmetric, serverIv, attribute, object, true);
        }

        boolean is(Operation op) {
            return op.equals(operation);
        }
    }

    private Scope itemScope(Ttlv expectedItem, Ttlv requestItem, Bindings bindings, String idPlaceholder) {
        Ttlv op = expectedItem.child(Tag.OPERATION);
        Operation operation = op != null && op.type() == ItemType.ENUMERATION ? Operation.valueOf(op.intValue()) : null;
        Ttlv requestPayload = requestItem == null ? null : requestItem.child(Tag.REQUEST_PAYLOAD);
        Bindings.ObjectInfo target = bindings.object(target(requestPayload, idPlaceholder));
        boolean client = target != null && target.origin() == Bindings.Origin.CLIENT;
        // A wrapped key is the wrapping key's work too.
        Ttlv spec = requestPayload == null || !requestPayload.isStructure() ? null : requestPayload.child(Tag.KEY_WRAPPING_SPECIFICATION);
        if (spec != null) {
            for (int info : new int[] {Tag.ENCRYPTION_KEY_INFORMATION, Tag.MAC_SIGNATURE_KEY_INFORMATION}) {
                String wrapper = Items.text(spec.child(info), Tag.UNIQUE_IDENTIFIER);
                Bindings.ObjectInfo w = bindings.object(wrapper);
                if (spec.child(info) != null && (w == null || w.origin() != Bindings.Origin.CLIENT)) {
                    client = false;
                }
            }
        }
        ObjectType type = target == null ? null : target.objectType();
        boolean asymmetric = ObjectType.PUBLIC_KEY.equals(type) || ObjectType.PRIVATE_KEY.equals(type)
                || ObjectType.CERTIFICATE.equals(type);
        Ttlv expectedPayload = expectedItem.child(Tag.RESPONSE_PAYLOAD);
        boolean serverIv = requestPayload != null && requestPayload.isStructure()
                && requestPayload.child(Tag.IV_COUNTER_NONCE) == null
                && expectedPayload != null && expectedPayload.isStructure()
                && expectedPayload.child(Tag.IV_COUNTER_NONCE) != null;
        return new Scope(Area.ITEM, operation, requestPayload, target, client, asymmetric, serverIv, 0, 0, false);
    }

    /** The identifier a request payload names, else the ID Placeholder (the previous item's result). */
    private static String target(Ttlv requestPayload, String idPlaceholder) {
        String uid = Items.text(requestPayload, Tag.UNIQUE_IDENTIFIER);
        return uid != null ? uid : idPlaceholder;
    }

    // ---------------------------------------------------------------------------------------
    // The rules.

    /**
     * The rule for a leaf whose expected value is a literal (placeholders go to
     * {@link #comparePlaceholder}). Everything not named here is {@link Rule#EXACT}.
     */
    private static Rule leafRule(Scope s, Ttlv expected) {
        int tag = expected.tag();
        switch (s.area()) {
            case HEADER -> {
                // The reference server's clock and its own correlation value.
                return tag == Tag.TIME_STAMP || tag == Tag.SERVER_CORRELATION_VALUE ? Rule.TYPE : Rule.EXACT;
            }
            case ITEM -> {
                // Result Message is free text; an Asynchronous Correlation Value is the server's handle.
                return tag == Tag.RESULT_MESSAGE || tag == Tag.ASYNCHRONOUS_CORRELATION_VALUE ? Rule.TYPE : Rule.EXACT;
            }
            default -> {
            }
        }
        if (tag == Tag.CORRELATION_VALUE) {
            return Rule.TYPE; // streaming state of a multi-part operation: the server's handle
        }
        if (s.attribute() == Tag.LEASE_TIME) {
            return Rule.TYPE; // server policy
        }
        if (s.attribute() == Tag.DIGEST && tag == Tag.DIGEST_VALUE && !s.clientContent()) {
            return Rule.TYPE_AND_LENGTH; // digest of server-generated key material
        }
        if (s.content() && !s.clientContent()
                && (expected.type() == ItemType.BYTE_STRING || expected.type() == ItemType.BIG_INTEGER)) {
            // Generated (or wrapped-by-generated) key material: a symmetric key or secret's length
            // follows its Cryptographic Length; DER encodings and big integers vary by a byte or so.
            boolean fixed = expected.type() == ItemType.BYTE_STRING
                    && (s.object() == Tag.SYMMETRIC_KEY || s.object() == Tag.SECRET_DATA);
            return fixed ? Rule.TYPE_AND_LENGTH : Rule.TYPE;
        }
        if (s.is(Operation.ENCRYPT)) {
            if (tag == Tag.IV_COUNTER_NONCE) {
                return s.serverIv() ? Rule.TYPE_AND_LENGTH : Rule.EXACT;
            }
            if (tag == Tag.DATA || tag == Tag.AUTHENTICATED_ENCRYPTION_TAG) {
                // Determined by the request only with the client's key, the client's IV (or none)
                // and a deterministic algorithm; public-key encryption pads at random.
                return s.clientContent() && !s.serverIv() && !s.asymmetric() ? Rule.EXACT : Rule.TYPE_AND_LENGTH;
            }
        }
        if (s.is(Operation.SIGN) && tag == Tag.SIGNATURE_DATA) {
            // PSS and (EC)DSA signatures are randomized, and (EC)DSA's DER length varies; the
            // file's own Signature Verify checks the value by sending it back.
            return Rule.TYPE;
        }
        if (s.is(Operation.MAC) && tag == Tag.MAC_DATA) {
            return s.clientContent() ? Rule.EXACT : Rule.TYPE_AND_LENGTH;
        }
        if (s.is(Operation.RNG_RETRIEVE) && tag == Tag.DATA) {
            return Rule.TYPE_AND_LENGTH; // random bytes of the requested length
        }
        if (s.is(Operation.QUERY) && tag == Tag.VENDOR_IDENTIFICATION) {
            return Rule.TYPE;
        }
        if (s.is(Operation.PKCS_11) && tag == Tag.PKCS_11_OUTPUT_PARAMETERS) {
            return Rule.TYPE; // the server's token's answer (C_GetInfo and the like)
        }
        return Rule.EXACT;
    }

    /** The rule for a structure compared as a whole, or {@code null} to compare its children. */
    private static Rule structureRule(Scope s, Ttlv expected) {
        if (s.attribute() == Tag.RANDOM_NUMBER_GENERATOR
                && (expected.tag() == Tag.RANDOM_NUMBER_GENERATOR || expected.tag() == Tag.ATTRIBUTE_VALUE)) {
            return Rule.ANY_CONTENT; // the server's description of its own RNG
        }
        if (s.is(Operation.QUERY) && expected.tag() == Tag.SERVER_INFORMATION) {
            return Rule.ANY_CONTENT; // vendor-defined content
        }
        return null;
    }

    /** How a structure's children pair up. */
    private record Container(boolean unordered, Set<Integer> extensible, boolean anyExtra) {
        static final Container ORDERED = new Container(false, Set.of(), false);
    }

    /**
     * Ordered except: the payloads of Get Attributes (1.x), Get Attribute List and Locate and the
     * Attributes of a 2.x Get Attributes, whose order the specification does not fix. Get Attribute
     * List may name more than expected (the server's own attributes), and so may Get Attributes
     * when the request named no attribute (all of them). Query has its own rules
     * ({@link #compareQuery}).
     */
    private static Container container(Scope s, Ttlv expected) {
        int tag = expected.tag();
        if (tag == Tag.RESPONSE_PAYLOAD) {
            if (s.is(Operation.GET_ATTRIBUTES)) {
                return new Container(true, requestNamesAttributes(s) ? Set.of() : Set.of(Tag.ATTRIBUTE), false);
            }
            if (s.is(Operation.GET_ATTRIBUTE_LIST)) {
                return new Container(true, Set.of(Tag.ATTRIBUTE_NAME, Tag.ATTRIBUTE_REFERENCE), false);
            }
            if (s.is(Operation.LOCATE)) {
                return new Container(true, Set.of(), false);
            }
        }
        // The Attributes directly in the payload: inside it every child sets the attribute scope.
        if (tag == Tag.ATTRIBUTES && s.area() == Area.PAYLOAD && s.attribute() == 0 && s.object() == 0
                && s.is(Operation.GET_ATTRIBUTES)) {
            return new Container(true, Set.of(), !requestNamesAttributes(s));
        }
        return Container.ORDERED;
    }

    private static boolean requestNamesAttributes(Scope s) {
        Ttlv p = s.requestPayload();
        return p != null && p.isStructure()
                && (p.child(Tag.ATTRIBUTE_NAME) != null || p.child(Tag.ATTRIBUTE_REFERENCE) != null);
    }

    // ---------------------------------------------------------------------------------------
    // The walk.

    private Difference compareItem(Ttlv e, Ttlv a, String path, Scope s, Ttlv sent, Bindings b) {
        if (e.tag() != a.tag()) {
            return new Difference(path, Registry.tagName(e.tag()), Registry.tagName(a.tag()));
        }
        if (e.type() != a.type()) {
            return new Difference(path, e.type().xmlName(), a.type().xmlName());
        }
        Placeholder p = testCase.placeholder(e);
        if (p != null) {
            return comparePlaceholder(p, a, path, b);
        }
        if (e.isStructure()) {
            Rule whole = structureRule(s, e);
            return whole == Rule.ANY_CONTENT ? null : compareStructure(e, a, path, s, sent, b);
        }
        Rule rule = leafRule(s, e);
        return switch (rule) {
            case EXACT -> e.equals(a) ? null : new Difference(path, describe(e, s), describe(a, s));
            case TYPE, ANY_CONTENT -> null;
            case TYPE_AND_LENGTH -> Items.length(e) == Items.length(a) ? null
                    : new Difference(path, sized(e), sized(a));
        };
    }

    private Difference compareStructure(Ttlv e, Ttlv a, String path, Scope s, Ttlv sent, Bindings b) {
        if (e.tag() == Tag.RESPONSE_MESSAGE) {
            return compareChildren(e, a, path, s, sent, b, Container.ORDERED);
        }
        if (e.tag() == Tag.RESPONSE_PAYLOAD && s.area() == Area.PAYLOAD && s.is(Operation.QUERY)) {
            return compareQuery(e, a, path, s, sent, b);
        }
        return compareChildren(e, a, path, s, sent, b, container(s, e));
    }

    /**
     * A Query answer describes the server under test, not the reference server the file was
     * recorded against, so its Operation and Object Type lists are not compared with the file's.
     * Instead each entry must be an enumeration value the request's protocol version defines (or
     * an extension, {@code 8XXXXXXX}), listed once; and when the request asked for operations
     * (object types), every operation (object type) this file itself uses must be listed — a
     * server cannot claim less than it is about to be asked for. The rest of the payload (Vendor
     * Identification, Server Information, capabilities, ...) follows the ordinary rules: any
     * order, every expected entry present, more allowed.
     */
    private Difference compareQuery(Ttlv e, Ttlv a, String path, Scope s, Ttlv sent, Bindings b) {
        KmipVersion version = requestVersion(sent);
        Set<Integer> asked = new HashSet<>();
        if (s.requestPayload() != null && s.requestPayload().isStructure()) {
            for (Ttlv f : s.requestPayload().children(Tag.QUERY_FUNCTION)) {
                if (f.type() == ItemType.ENUMERATION) {
                    asked.add(f.intValue());
                }
            }
        }
        Difference d = serverList(a, path, Tag.OPERATION, "Operation", version,
                asked.contains(QueryFunction.QUERY_OPERATIONS.value()) ? testCase.operationsUsed() : Set.of());
        if (d == null) {
            d = serverList(a, path, Tag.OBJECT_TYPE, "ObjectType", version,
                    asked.contains(QueryFunction.QUERY_OBJECTS.value()) ? testCase.objectTypesUsed() : Set.of());
        }
        if (d != null) {
            return d;
        }
        List<Ttlv> rest = new ArrayList<>();
        for (Ttlv c : e.children()) {
            if (c.tag() != Tag.OPERATION && c.tag() != Tag.OBJECT_TYPE) {
                rest.add(c);
            }
        }
        return compareUnordered(e, rest, a.children(), path, s, sent, b, new Container(true, Set.of(), true));
    }

    /** The {@code tag} entries of a Query answer: well-typed, defined, each once, and covering {@code required}. */
    private static Difference serverList(Ttlv actual, String path, int tag, String table, KmipVersion version,
            Set<? extends KmipEnum> required) {
        EnumDef def = Registry.enumeration(table);
        List<Ttlv> children = actual.children();
        Set<Integer> listed = new HashSet<>();
        for (int j = 0; j < children.size(); j++) {
            Ttlv c = children.get(j);
            if (c.tag() != tag) {
                continue;
            }
            String at = path + "/" + step(children, j);
            if (c.type() != ItemType.ENUMERATION) {
                return new Difference(at, ItemType.ENUMERATION.xmlName(), c.type().xmlName());
            }
            EnumValueDef v = def.byCode(c.intValue());
            boolean extension = (c.intValue() & 0xF0000000) == 0x80000000;
            if (!extension && (v == null || version != null && !v.definedIn(version))) {
                return new Difference(at, "an " + table + " of KMIP " + (version == null ? "" : version + " ")
                        + "or an extension (0x8XXXXXXX)", TreeDiff.describe(c));
            }
            if (!listed.add(c.intValue())) {
                return new Difference(at, TreeDiff.describe(c) + " listed once", "listed again");
            }
        }
        for (KmipEnum r : required) {
            if (!listed.contains(r.value())) {
                return new Difference(path + "/" + Registry.tagName(tag), r.name() + " (this file uses it)", "absent");
            }
        }
        return null;
    }

    /** The request header's Protocol Version structure, or {@code null} if the request has none. */
    private static Ttlv requestVersionItem(Ttlv sent) {
        Ttlv header = sent.child(Tag.REQUEST_HEADER);
        Ttlv v = header == null || !header.isStructure() ? null : header.child(Tag.PROTOCOL_VERSION);
        return v != null && v.isStructure() ? v : null;
    }

    /** The request's protocol version, or {@code null} if it names none the registry knows. */
    private static KmipVersion requestVersion(Ttlv sent) {
        Ttlv v = requestVersionItem(sent);
        Ttlv major = v == null ? null : v.child(Tag.PROTOCOL_VERSION_MAJOR);
        Ttlv minor = v == null ? null : v.child(Tag.PROTOCOL_VERSION_MINOR);
        if (major == null || minor == null || major.type() != ItemType.INTEGER || minor.type() != ItemType.INTEGER
                || major.intValue() < 0 || minor.intValue() < 0) {
            return null;
        }
        KmipVersion version = new KmipVersion(major.intValue(), minor.intValue());
        return KmipVersion.SUPPORTED.contains(version) ? version : null;
    }

    private Difference compareChildren(Ttlv e, Ttlv a, String path, Scope s, Ttlv sent, Bindings b, Container how) {
        List<Ttlv> ec = e.children();
        List<Ttlv> ac = a.children();
        if (how.unordered()) {
            return compareUnordered(e, ec, ac, path, s, sent, b, how);
        }
        // Batch items of the message get their own scope, in order; the ID Placeholder follows
        // the identifiers the items return.
        List<Ttlv> requestItems = sent.children(Tag.BATCH_ITEM);
        int batchIndex = 0;
        String idPlaceholder = null;
        int i = 0;
        int j = 0;
        while (i < ec.size()) {
            Ttlv ei = ec.get(i);
            if (j >= ac.size()) {
                return new Difference(path + "/" + step(ec, i), "present", "absent");
            }
            Ttlv aj = ac.get(j);
            if (aj.tag() != ei.tag()) {
                if (optionalExtra(s, e.tag(), aj.tag()) && !hasTag(ec, aj.tag())) {
                    j++;
                    continue;
                }
                return laterHasTag(ec, i, aj.tag())
                        ? new Difference(path + "/" + step(ec, i), "present", "absent")
                        : new Difference(path + "/" + step(ac, j), "absent", "present");
            }
            Scope cs = childScope(s, e, ei);
            if (ei.tag() == Tag.RESPONSE_HEADER && e.tag() == Tag.RESPONSE_MESSAGE) {
                cs = s.area(Area.HEADER);
            } else if (ei.tag() == Tag.BATCH_ITEM && e.tag() == Tag.RESPONSE_MESSAGE) {
                Ttlv requestItem = batchIndex < requestItems.size() ? requestItems.get(batchIndex) : null;
                batchIndex++;
                cs = itemScope(ei, requestItem, b, idPlaceholder);
            } else if (ei.tag() == Tag.RESPONSE_PAYLOAD && s.area() == Area.ITEM) {
                cs = s.area(Area.PAYLOAD);
            }
            Difference d;
            if (ei.tag() == Tag.PROTOCOL_VERSION && e.tag() == Tag.RESPONSE_HEADER && requestVersionItem(sent) != null) {
                d = compareItem(requestVersionItem(sent), aj, path + "/" + step(ec, i), cs, sent, b);
                d = d == null ? null : new Difference(d.path(), d.expected() + " (the request's version)", d.actual());
            } else {
                d = compareItem(ei, aj, path + "/" + step(ec, i), cs, sent, b);
            }
            if (d != null) {
                return d;
            }
            if (ei.tag() == Tag.BATCH_ITEM && e.tag() == Tag.RESPONSE_MESSAGE) {
                learn(batchIndex - 1 < requestItems.size() ? requestItems.get(batchIndex - 1) : null, aj, b, idPlaceholder);
                String returned = returnedIdentifier(aj);
                if (returned != null) {
                    idPlaceholder = returned;
                }
            }
            i++;
            j++;
        }
        while (j < ac.size()) {
            Ttlv aj = ac.get(j);
            if (!(optionalExtra(s, e.tag(), aj.tag()) && !hasTag(ec, aj.tag()))) {
                return new Difference(path + "/" + step(ac, j), "absent", "present");
            }
            j++;
        }
        return null;
    }

    private Difference compareUnordered(Ttlv e, List<Ttlv> ec, List<Ttlv> ac, String path, Scope s, Ttlv sent,
            Bindings b, Container how) {
        boolean[] used = new boolean[ac.size()];
        for (int i = 0; i < ec.size(); i++) {
            Ttlv ei = ec.get(i);
            String at = path + "/" + step(ec, i);
            Scope cs = childScope(s, e, ei);
            int match = -1;
            for (int j = 0; j < ac.size() && match < 0; j++) {
                if (!used[j] && ac.get(j).tag() == ei.tag()) {
                    Bindings trial = b.copy();
                    if (compareItem(ei, ac.get(j), at, cs, sent, trial) == null) {
                        b.adopt(trial);
                        match = j;
                    }
                }
            }
            if (match >= 0) {
                used[match] = true;
                continue;
            }
            // No equal item. A value in a list (an identifier, an attribute name) is missing; a
            // structure is reported against the unused one that should have been it (for 1.x
            // attributes: the same Attribute Name), else as missing.
            if (!ei.isStructure()) {
                return new Difference(at, testCase.placeholder(ei) != null ? String.valueOf(testCase.placeholder(ei))
                        : describe(ei, cs), "absent");
            }
            String name = Items.text(ei, Tag.ATTRIBUTE_NAME);
            for (int j = 0; j < ac.size(); j++) {
                if (!used[j] && ac.get(j).tag() == ei.tag() && (name == null ? !hasNamedChildren(ei) : name.equals(Items.text(ac.get(j), Tag.ATTRIBUTE_NAME)))) {
                    return compareItem(ei, ac.get(j), at, cs, sent, b.copy());
                }
            }
            return new Difference(at, name == null ? "present" : "present (\"" + name + "\")", "absent");
        }
        for (int j = 0; j < ac.size(); j++) {
            if (!used[j] && !how.anyExtra() && !how.extensible().contains(ac.get(j).tag())) {
                return new Difference(path + "/" + step(ac, j), "absent", "present");
            }
        }
        return null;
    }

    // A 2.x attribute structure (Name, Link, Digest, ...) in an unordered list: several may share
    // the tag, so a mismatch is reported as missing rather than against an arbitrary sibling.
    private static boolean hasNamedChildren(Ttlv e) {
        return e.tag() != Tag.ATTRIBUTE && !e.children().isEmpty();
    }

    private Scope childScope(Scope s, Ttlv parent, Ttlv child) {
        Scope cs = s;
        if (child.tag() == Tag.ATTRIBUTE) {
            cs = cs.attribute(attributeTag(Items.text(child, Tag.ATTRIBUTE_NAME)));
        } else if (parent.tag() == Tag.ATTRIBUTES) {
            cs = cs.attribute(child.tag());
        }
        if (s.area() == Area.PAYLOAD && parent.tag() == Tag.RESPONSE_PAYLOAD && OBJECT_TAGS.contains(child.tag())) {
            cs = cs.object(child.tag());
        }
        if (s.object() != 0 && CONTENT_TAGS.contains(child.tag())) {
            cs = cs.withinContent();
        }
        return cs;
    }

    private static int attributeTag(String specName) {
        if (specName == null) {
            return 0;
        }
        TagDef def = Registry.tagBySpecName(specName);
        return def == null ? 0 : def.code();
    }

    /** The identifier a response batch item returned (the next item's ID Placeholder), or {@code null}. */
    private static String returnedIdentifier(Ttlv item) {
        Ttlv payload = item.child(Tag.RESPONSE_PAYLOAD);
        String priv = Items.text(payload, Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER);
        return priv != null ? priv : Items.text(payload, Tag.UNIQUE_IDENTIFIER);
    }

    // ---------------------------------------------------------------------------------------
    // Placeholders.

    /**
     * {@code $NOW±n}: a time in [file start + n - skew, now + n + skew]. A bound name: equal to its
     * value. An unbound indexed name, or any unindexed name: binds to the actual value (an unindexed
     * name such as {@code $IV_COUNTER_NONCE} means the server's latest such value, so it rebinds);
     * a new {@code $UNIQUE_IDENTIFIER_n} must not repeat an identifier bound to another n.
     */
    private Difference comparePlaceholder(Placeholder p, Ttlv a, String path, Bindings b) {
        if (p.now()) {
            if (a.type() != ItemType.DATE_TIME && a.type() != ItemType.DATE_TIME_EXTENDED) {
                return new Difference(path, "a time (" + p + ")", TreeDiff.describe(a));
            }
            Instant t = a.instantValue();
            Instant earliest = fileStart.plusSeconds(p.offsetSeconds()).minus(skew);
            Instant latest = clock.instant().plusSeconds(p.offsetSeconds()).plus(skew);
            if (t.isBefore(earliest) || t.isAfter(latest)) {
                return new Difference(path, p + " (between " + earliest + " and " + latest + ")", TreeDiff.describe(a));
            }
            return null;
        }
        Ttlv bound = b.named(p.text());
        if (bound != null && p.indexed()) {
            return Items.sameValue(bound, a) ? null
                    : new Difference(path, p + " = " + TreeDiff.describe(bound), TreeDiff.describe(a));
        }
        if (p.isUniqueIdentifier() && a.type() == ItemType.TEXT_STRING) {
            String other = b.identifierNamed(a.textValue());
            if (other != null && !other.equals(p.text())) {
                return new Difference(path, "a new identifier for " + p, TreeDiff.describe(a) + " (already " + other + ")");
            }
        }
        b.bind(p.text(), a);
        return null;
    }

    // ---------------------------------------------------------------------------------------
    // Helpers.

    private static Ttlv pairBatchItems(Ttlv expected, Ttlv actual) {
        List<Ttlv> eItems = expected.children(Tag.BATCH_ITEM);
        List<Ttlv> aItems = actual.children(Tag.BATCH_ITEM);
        if (eItems.size() < 2 || eItems.size() != aItems.size()) {
            return actual;
        }
        List<Ttlv> ordered = new ArrayList<>();
        for (Ttlv ei : eItems) {
            Ttlv id = ei.child(Tag.UNIQUE_BATCH_ITEM_ID);
            if (id == null) {
                return actual;
            }
            Ttlv found = null;
            for (Ttlv ai : aItems) {
                if (id.equals(ai.child(Tag.UNIQUE_BATCH_ITEM_ID))) {
                    found = ai;
                    break;
                }
            }
            if (found == null) {
                return actual; // the by-position comparison reports the wrong ID
            }
            ordered.add(found);
        }
        List<Ttlv> children = new ArrayList<>();
        int k = 0;
        for (Ttlv c : actual.children()) {
            children.add(c.tag() == Tag.BATCH_ITEM ? ordered.get(k++) : c);
        }
        return Ttlv.structure(actual.tag(), children);
    }

    /** True if a server may send a {@code tag} child of {@code parentTag} that the expected response lacks. */
    private static boolean optionalExtra(Scope s, int parentTag, int tag) {
        return switch (s.area()) {
            case HEADER -> parentTag == Tag.RESPONSE_HEADER && OPTIONAL_HEADER_FIELDS.contains(tag);
            case ITEM -> parentTag == Tag.BATCH_ITEM && OPTIONAL_ITEM_FIELDS.contains(tag);
            case PAYLOAD -> parentTag == Tag.RESPONSE_PAYLOAD && OPTIONAL_CREATION_FIELDS.contains(tag)
                    && s.operation() != null && CREATING.contains(s.operation());
            default -> false;
        };
    }

    private static boolean hasTag(List<Ttlv> items, int tag) {
        for (Ttlv t : items) {
            if (t.tag() == tag) {
                return true;
            }
        }
        return false;
    }

    private static boolean laterHasTag(List<Ttlv> items, int from, int tag) {
        for (int k = from + 1; k < items.size(); k++) {
            if (items.get(k).tag() == tag) {
                return true;
            }
        }
        return false;
    }

    // "Name" for the only child with that tag, "Name[k]" (0-based among its tag) otherwise, as TreeDiff names them.
    private static String step(List<Ttlv> siblings, int index) {
        int tag = siblings.get(index).tag();
        int ordinal = 0;
        int count = 0;
        for (int k = 0; k < siblings.size(); k++) {
            if (siblings.get(k).tag() == tag) {
                if (k < index) {
                    ordinal++;
                }
                count++;
            }
        }
        String name = Registry.tagName(tag);
        return count == 1 ? name : name + "[" + ordinal + "]";
    }

    // A 1.x Attribute Value is named by its Attribute Name: describe it as that attribute's tag
    // would be (enumeration and mask names instead of numbers).
    private static String describe(Ttlv item, Scope s) {
        if (item.tag() == Tag.ATTRIBUTE_VALUE && s.attribute() != 0 && !item.isStructure()) {
            TagDef def = Registry.tag(s.attribute());
            if (def != null && def.type() == item.type()) {
                return TreeDiff.describe(Items.retag(item, s.attribute()));
            }
        }
        return TreeDiff.describe(item);
    }

    private static String sized(Ttlv item) {
        return item.type().xmlName() + " of " + Items.length(item) + " bytes";
    }
}
