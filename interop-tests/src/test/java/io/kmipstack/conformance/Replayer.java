package io.kmipstack.conformance;

import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.Registry;
import io.kmipstack.codec.registry.TagDef;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.ItemType;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvDecoder;
import io.kmipstack.codec.ttlv.TtlvEncoder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.BiFunction;

/**
 * A scripted KMIP "server" for one test-case file: it answers the n-th request with the file's
 * n-th expected response, but as a different conformant server would. Everything a server chooses
 * is its own: identifiers (UUIDs, longer than the reference's), times (now, with jitter), IVs,
 * tags and ciphertexts it could not have reproduced, generated key material and digests, random
 * bytes, signatures (other lengths), correlation values, result message text, the order of lists
 * the specification leaves unordered, and extra entries where a server may add them (attributes
 * in an all-attributes Get Attributes, names in Get Attribute List, capabilities in Query, a
 * Server Correlation Value in the header).
 *
 * <p>It also checks every request it receives against the file's request with its own values
 * substituted: the identifiers, IVs and data it handed out must come back where the file refers
 * to them, and {@code $NOW} times must be now. Each mismatch is recorded in {@link #problems()}.
 *
 * <p>Messages go through binary TTLV both ways, as on the wire. A {@code deviation} can alter a
 * response before it is sent, for the tests that check the runner catches what it must.
 */
final class Replayer implements Exchange {

    /** Alters the response to message {@code index} (0-based); identity for a faithful replay. */
    interface Deviation extends BiFunction<Integer, Ttlv, Ttlv> {
        Deviation NONE = (i, r) -> r;
    }

    private final TestCase tc;
    private final Random random;
    private final Deviation deviation;
    private final List<String> problems = new ArrayList<>();
    private final Map<String, Ttlv> values = new HashMap<>();
    private final Map<Integer, Ttlv> latestByTag = new HashMap<>();
    private final Map<String, Boolean> generated = new HashMap<>(); // uid -> content made by the server
    private final Map<String, ObjectType> types = new HashMap<>();
    private final java.util.Set<String> varied = new java.util.TreeSet<>();
    private int next;

    Replayer(TestCase tc, long seed, Deviation deviation) {
        this.tc = tc;
        this.random = new Random(seed);
        this.deviation = deviation;
    }

    List<String> problems() {
        return problems;
    }

    /** What this replay varied, as {@code "Operation/Tag"} or {@code "kind:Operation"} words. */
    java.util.Set<String> varied() {
        return varied;
    }

    /** How many requests were answered. */
    int answered() {
        return next;
    }

    @Override
    public Ttlv exchange(Ttlv request, Duration timeout) {
        Ttlv received = TtlvDecoder.create().decode(TtlvEncoder.encode(request));
        int i = next++;
        if (i >= tc.size()) {
            problems.add("request " + (i + 1) + ": the file has only " + tc.size());
            return received;
        }
        String mismatch = check(tc.request(i), received, "RequestMessage");
        if (mismatch != null) {
            problems.add("request " + (i + 1) + ": " + mismatch);
        }
        Ttlv response = respond(tc.expected(i), received);
        response = deviation.apply(i, response);
        return TtlvDecoder.create().decode(TtlvEncoder.encode(response));
    }

    @Override
    public void close() {
    }

    // ---------------------------------------------------------------------------------------
    // Checking requests.

    private String check(Ttlv template, Ttlv received, String path) {
        Placeholder p = tc.placeholder(template);
        if (p != null) {
            if (received.tag() != template.tag() || received.type() != template.type()) {
                return path + ": " + received + " for " + p;
            }
            if (p.now()) {
                long want = Instant.now().getEpochSecond() + p.offsetSeconds();
                long got = received.instantValue().getEpochSecond();
                return Math.abs(got - want) <= 5 ? null : path + ": " + received.instantValue() + " for " + p;
            }
            Ttlv mine = values.get(p.text());
            if (mine == null) {
                mine = latestByTag.get(template.tag());
            }
            if (mine == null) {
                return path + ": " + p + " refers to nothing the replayer handed out";
            }
            return Items.sameValue(mine, received) ? null : path + ": " + received + " (expected " + p + " = " + mine + ")";
        }
        if (template.tag() != received.tag() || template.type() != received.type()) {
            return path + ": " + received.tag() + "/" + received.type() + " (expected " + template.tag() + "/" + template.type() + ")";
        }
        if (!template.isStructure()) {
            return template.equals(received) ? null : path + ": " + received + " (expected " + template + ")";
        }
        List<Ttlv> t = template.children();
        List<Ttlv> r = received.children();
        if (t.size() != r.size()) {
            return path + ": " + r.size() + " children (expected " + t.size() + ")";
        }
        for (int k = 0; k < t.size(); k++) {
            String m = check(t.get(k), r.get(k), path + "/" + Registry.tagName(t.get(k).tag()));
            if (m != null) {
                return m;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------------------------------
    // Making responses.

    private Ttlv respond(Ttlv expected, Ttlv request) {
        List<Ttlv> requestItems = request.children(Tag.BATCH_ITEM);
        List<Ttlv> out = new ArrayList<>();
        List<Ttlv> items = new ArrayList<>();
        int k = 0;
        String previousUid = null;
        for (Ttlv c : expected.children()) {
            if (c.tag() == Tag.RESPONSE_HEADER) {
                out.add(header(c, request.child(Tag.REQUEST_HEADER)));
            } else if (c.tag() == Tag.BATCH_ITEM) {
                Ttlv requestItem = k < requestItems.size() ? requestItems.get(k) : null;
                k++;
                Ttlv item = batchItem(c, requestItem, previousUid);
                String uid = returnedUid(item);
                if (uid != null) {
                    previousUid = uid;
                }
                items.add(item);
                out.add(item);
            } else {
                out.add(substitute(c, null));
            }
        }
        // An unordered batch may be answered in any order (matched by Unique Batch Item ID).
        Ttlv header = request.child(Tag.REQUEST_HEADER);
        Ttlv order = header == null ? null : header.child(Tag.BATCH_ORDER_OPTION);
        boolean ordered = order != null && order.booleanValue();
        boolean allIds = items.size() > 1 && items.stream().allMatch(it -> it.child(Tag.UNIQUE_BATCH_ITEM_ID) != null);
        if (!ordered && allIds) {
            varied.add("order:BatchItem");
            List<Ttlv> reversed = new ArrayList<>(items);
            Collections.reverse(reversed);
            int r = 0;
            for (int j = 0; j < out.size(); j++) {
                if (out.get(j).tag() == Tag.BATCH_ITEM) {
                    out.set(j, reversed.get(r++));
                }
            }
        }
        return Ttlv.structure(expected.tag(), out);
    }

    private Ttlv header(Ttlv expected, Ttlv requestHeader) {
        List<Ttlv> out = new ArrayList<>();
        boolean hasServerCorrelation = false;
        for (Ttlv c : expected.children()) {
            if (c.tag() == Tag.PROTOCOL_VERSION && requestHeader != null && requestHeader.child(Tag.PROTOCOL_VERSION) != null) {
                // A server answers in the version it was asked in, whatever the file's response says
                // (OMOS-O-1-14 writes 1.3 for one answer to a 1.4 request).
                Ttlv asked = requestHeader.child(Tag.PROTOCOL_VERSION);
                if (!asked.equals(c)) {
                    varied.add("header:ProtocolVersion");
                }
                out.add(asked);
            } else if (c.tag() == Tag.SERVER_CORRELATION_VALUE) {
                hasServerCorrelation = true;
                out.add(Ttlv.text(c.tag(), "replayer-" + UUID.randomUUID()));
            } else if (c.tag() == Tag.TIME_STAMP && tc.placeholder(c) == null) {
                out.add(Ttlv.dateTime(c.tag(), Instant.now()));
            } else {
                out.add(substitute(c, null));
            }
        }
        // A Server Correlation Value is optional; this server sends one now and then.
        if (!hasServerCorrelation && random.nextInt(3) == 0) {
            varied.add("extra:ServerCorrelationValue");
            out.add(out.size() - 1, Ttlv.text(Tag.SERVER_CORRELATION_VALUE, "replayer-" + random.nextInt(1000)));
        }
        return Ttlv.structure(expected.tag(), out);
    }

    private Ttlv batchItem(Ttlv expected, Ttlv requestItem, String previousUid) {
        Ttlv opItem = expected.child(Tag.OPERATION);
        Operation op = opItem == null ? null : Operation.valueOf(opItem.intValue());
        Ttlv requestPayload = requestItem == null ? null : requestItem.child(Tag.REQUEST_PAYLOAD);
        String target = Items.text(requestPayload, Tag.UNIQUE_IDENTIFIER);
        if (target == null) {
            target = previousUid;
        }
        Context ctx = new Context(op, requestPayload, expected.child(Tag.RESPONSE_PAYLOAD), target);
        List<Ttlv> out = new ArrayList<>();
        for (Ttlv c : expected.children()) {
            if (c.tag() == Tag.RESULT_MESSAGE && tc.placeholder(c) == null) {
                out.add(Ttlv.text(c.tag(), "replayed failure " + random.nextInt(100)));
            } else if (c.tag() == Tag.RESPONSE_PAYLOAD) {
                out.add(payload(c, ctx));
            } else {
                out.add(substitute(c, null)); // Operation, Unique Batch Item ID, status, reason: echoed or determined
            }
        }
        Ttlv item = Ttlv.structure(expected.tag(), out);
        learn(op, requestPayload, item);
        return item;
    }

    private record Context(Operation op, Ttlv requestPayload, Ttlv expectedPayload, String target) {
        boolean is(Operation o) {
            return o.equals(op);
        }
    }

    private Ttlv payload(Ttlv expected, Context ctx) {
        Ttlv p = substitute(expected, ctx);
        if (ctx.is(Operation.GET_ATTRIBUTES)) {
            boolean named = ctx.requestPayload() != null && (ctx.requestPayload().child(Tag.ATTRIBUTE_NAME) != null
                    || ctx.requestPayload().child(Tag.ATTRIBUTE_REFERENCE) != null);
            Ttlv attrs = p.child(Tag.ATTRIBUTES);
            if (attrs != null) {
                List<Ttlv> list = shuffled(attrs.children());
                if (!named) {
                    varied.add("extra:GetAttributes");
                    list.add(random.nextInt(list.size() + 1), Ttlv.bool(Tag.FRESH, true));
                }
                return replaceChild(p, attrs, Ttlv.structure(Tag.ATTRIBUTES, list));
            }
            List<Ttlv> list = shuffled(p.children());
            if (!named) {
                varied.add("extra:GetAttributes");
                list.add(Ttlv.structure(Tag.ATTRIBUTE, Ttlv.text(Tag.ATTRIBUTE_NAME, "x-replayer"),
                        Ttlv.text(Tag.ATTRIBUTE_VALUE, "added by the replayer")));
            }
            return Ttlv.structure(p.tag(), list);
        }
        if (ctx.is(Operation.GET_ATTRIBUTE_LIST)) {
            varied.add("extra:GetAttributeList");
            List<Ttlv> list = shuffled(p.children());
            list.add(list.isEmpty() || list.get(0).tag() == Tag.ATTRIBUTE_NAME
                    ? Ttlv.text(Tag.ATTRIBUTE_NAME, "x-replayer")
                    : Ttlv.enumeration(Tag.ATTRIBUTE_REFERENCE, Tag.FRESH));
            return Ttlv.structure(p.tag(), list);
        }
        if (ctx.is(Operation.LOCATE)) {
            return Ttlv.structure(p.tag(), shuffled(p.children()));
        }
        if (ctx.is(Operation.QUERY)) {
            // This server lists its own abilities: it adds one the reference server did not list,
            // and lacks some of the reference server's, though never one this file goes on to use.
            varied.add("extra:Query");
            java.util.Set<Integer> used = new java.util.HashSet<>();
            for (int k = 0; k < tc.size(); k++) {
                for (Ttlv item : tc.request(k).children(Tag.BATCH_ITEM)) {
                    used.add(item.child(Tag.OPERATION).intValue());
                }
            }
            List<Ttlv> list = new ArrayList<>();
            for (Ttlv c : shuffled(p.children())) {
                if (c.tag() == Tag.OPERATION && !used.contains(c.intValue()) && c.intValue() != Operation.VALIDATE.value()
                        && random.nextBoolean()) {
                    varied.add("fewer:Query");
                    continue;
                }
                list.add(c);
            }
            if (list.stream().noneMatch(c -> c.tag() == Tag.OPERATION && c.intValue() == Operation.VALIDATE.value())) {
                list.add(Ttlv.enumeration(Tag.OPERATION, Operation.VALIDATE.value()));
            }
            return Ttlv.structure(p.tag(), list);
        }
        return p;
    }

    /** {@code item} with placeholders replaced and server-chosen literals re-chosen. */
    private Ttlv substitute(Ttlv item, Context ctx) {
        return substitute(item, ctx, null);
    }

    // The replayer's own statement of what a server chooses, written from the specification's
    // point of view rather than taken from the runner: the faithful-replay test shows the runner
    // tolerates all of it; the deviation tests show it tolerates nothing else that matters.
    private Ttlv substitute(Ttlv item, Context ctx, String attribute) {
        Placeholder p = tc.placeholder(item);
        if (p != null) {
            return value(item, p);
        }
        if (ctx != null && serverChosen(item, ctx, attribute)) {
            varied.add(ctx.op() + "/" + Registry.tagName(item.tag()));
            return rechoose(item);
        }
        if (!item.isStructure()) {
            return item;
        }
        if (ctx != null && serverDescribed(item, ctx, attribute)) {
            varied.add(ctx.op() + "/" + Registry.tagName(item.tag()));
            return Ttlv.structure(item.tag(), Ttlv.text(Tag.VENDOR_IDENTIFICATION, "replayer"));
        }
        List<Ttlv> out = new ArrayList<>();
        for (Ttlv c : item.children()) {
            String a = attribute;
            if (c.tag() == Tag.ATTRIBUTE) {
                a = Items.text(c, Tag.ATTRIBUTE_NAME);
            } else if (item.tag() == Tag.ATTRIBUTES) {
                TagDef def = Registry.tag(c.tag());
                a = def == null ? null : def.specName();
            }
            out.add(substitute(c, ctx, a));
        }
        return Ttlv.structure(item.tag(), out);
    }

    private boolean serverChosen(Ttlv item, Context ctx, String attribute) {
        int tag = item.tag();
        boolean bytes = item.type() == ItemType.BYTE_STRING || item.type() == ItemType.BIG_INTEGER;
        boolean generatedTarget = ctx.target() == null || !Boolean.FALSE.equals(generated.get(ctx.target()))
                || wrappedByGenerated(ctx);
        if (tag == Tag.CORRELATION_VALUE || (tag == Tag.PKCS_11_OUTPUT_PARAMETERS)) {
            return true;
        }
        if (ctx.is(Operation.ENCRYPT) && bytes && (tag == Tag.DATA || tag == Tag.IV_COUNTER_NONCE || tag == Tag.AUTHENTICATED_ENCRYPTION_TAG)) {
            boolean serverIv = ctx.requestPayload() != null && ctx.requestPayload().child(Tag.IV_COUNTER_NONCE) == null
                    && ctx.expectedPayload() != null && ctx.expectedPayload().child(Tag.IV_COUNTER_NONCE) != null;
            ObjectType type = types.get(ctx.target());
            boolean publicKey = ObjectType.PUBLIC_KEY.equals(type) || ObjectType.PRIVATE_KEY.equals(type);
            if (tag == Tag.IV_COUNTER_NONCE) {
                return serverIv;
            }
            return serverIv || publicKey || generatedTarget;
        }
        if (ctx.is(Operation.SIGN) && tag == Tag.SIGNATURE_DATA) {
            return true;
        }
        if (ctx.is(Operation.MAC) && tag == Tag.MAC_DATA) {
            return generatedTarget;
        }
        if (ctx.is(Operation.RNG_RETRIEVE) && tag == Tag.DATA) {
            return true;
        }
        if ((ctx.is(Operation.GET)) && bytes && generatedTarget) {
            return true; // inside the object: key material, wrapped key value
        }
        if (ctx.is(Operation.GET_ATTRIBUTES) && tag == Tag.DIGEST_VALUE && generatedTarget) {
            return true;
        }
        if ("Lease Time".equals(attribute) && item.type() == ItemType.INTERVAL) {
            return true;
        }
        if (ctx.is(Operation.QUERY) && tag == Tag.VENDOR_IDENTIFICATION) {
            return true;
        }
        return false;
    }

    private boolean wrappedByGenerated(Context ctx) {
        Ttlv p = ctx.requestPayload();
        Ttlv spec = p == null ? null : p.child(Tag.KEY_WRAPPING_SPECIFICATION);
        if (spec == null) {
            return false;
        }
        Ttlv info = spec.child(Tag.ENCRYPTION_KEY_INFORMATION);
        String wrapper = Items.text(info, Tag.UNIQUE_IDENTIFIER);
        return wrapper == null || !Boolean.FALSE.equals(generated.get(wrapper));
    }

    private boolean serverDescribed(Ttlv item, Context ctx, String attribute) {
        if (ctx.is(Operation.QUERY) && item.tag() == Tag.SERVER_INFORMATION) {
            return true;
        }
        return "Random Number Generator".equals(attribute)
                && (item.tag() == Tag.RANDOM_NUMBER_GENERATOR || item.tag() == Tag.ATTRIBUTE_VALUE);
    }

    private Ttlv rechoose(Ttlv item) {
        return switch (item.type()) {
            case BYTE_STRING -> {
                int n = item.bytesValue().length();
                // A signature may differ in length too; everything else keeps its length.
                int len = item.tag() == Tag.SIGNATURE_DATA || item.tag() == Tag.CORRELATION_VALUE
                        || item.tag() == Tag.PKCS_11_OUTPUT_PARAMETERS ? n + 1 + random.nextInt(8) : n;
                yield Ttlv.bytes(item.tag(), Bytes.wrap(randomBytes(len)));
            }
            case BIG_INTEGER -> Ttlv.bigInteger(item.tag(), Bytes.wrap(randomBytes(item.bytesValue().length())));
            case TEXT_STRING -> Ttlv.text(item.tag(), "replayer " + random.nextInt(1000));
            case INTERVAL -> Ttlv.interval(item.tag(), item.longValue() + 1 + random.nextInt(100));
            default -> item;
        };
    }

    private Ttlv value(Ttlv standIn, Placeholder p) {
        int tag = standIn.tag();
        varied.add(p.now() ? "placeholder:$NOW" : "placeholder:" + p.text().replaceAll("_\\d+$", "_n"));
        if (p.now()) {
            Instant t = Instant.now().plusSeconds(p.offsetSeconds()).minusMillis(random.nextInt(2000));
            return standIn.type() == ItemType.DATE_TIME_EXTENDED
                    ? Ttlv.dateTimeExtended(tag, t.getEpochSecond() * 1_000_000L + t.getNano() / 1000)
                    : Ttlv.dateTime(tag, t.getEpochSecond());
        }
        Ttlv v = p.indexed() ? values.get(p.text()) : null;
        if (v == null) {
            v = switch (standIn.type()) {
                case TEXT_STRING -> Ttlv.text(tag, "replayer-" + new UUID(random.nextLong(), random.nextLong()));
                case BYTE_STRING -> Ttlv.bytes(tag, Bytes.wrap(randomBytes(8 + random.nextInt(40))));
                default -> throw new IllegalStateException("placeholder " + p + " of type " + standIn.type());
            };
            values.put(p.text(), v);
        }
        Ttlv out = Items.retag(v, tag);
        latestByTag.put(tag, out);
        return out;
    }

    private void learn(Operation op, Ttlv requestPayload, Ttlv item) {
        Ttlv payload = item.child(Tag.RESPONSE_PAYLOAD);
        if (op == null || payload == null) {
            return;
        }
        String uid = Items.text(payload, Tag.UNIQUE_IDENTIFIER);
        Ttlv type = requestPayload == null ? null : requestPayload.child(Tag.OBJECT_TYPE);
        if (op.equals(Operation.REGISTER) && uid != null) {
            generated.put(uid, false);
            if (type != null) {
                types.put(uid, ObjectType.valueOf(type.intValue()));
            }
        } else if (op.equals(Operation.CREATE_KEY_PAIR) || op.equals(Operation.RE_KEY_KEY_PAIR)) {
            String priv = Items.text(payload, Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER);
            String pub = Items.text(payload, Tag.PUBLIC_KEY_UNIQUE_IDENTIFIER);
            generated.put(priv, true);
            generated.put(pub, true);
            types.put(priv, ObjectType.PRIVATE_KEY);
            types.put(pub, ObjectType.PUBLIC_KEY);
        } else if (uid != null && !generated.containsKey(uid)) {
            generated.put(uid, true);
        }
        for (Ttlv c : payload.children()) {
            if (c.type() == ItemType.BYTE_STRING || c.type() == ItemType.TEXT_STRING) {
                latestByTag.put(c.tag(), c);
            }
        }
    }

    private static String returnedUid(Ttlv item) {
        Ttlv payload = item.child(Tag.RESPONSE_PAYLOAD);
        String priv = Items.text(payload, Tag.PRIVATE_KEY_UNIQUE_IDENTIFIER);
        return priv != null ? priv : Items.text(payload, Tag.UNIQUE_IDENTIFIER);
    }

    private List<Ttlv> shuffled(List<Ttlv> items) {
        List<Ttlv> out = new ArrayList<>(items);
        if (out.size() > 2) {
            varied.add("order:list");
        }
        // Keep a leading Unique Identifier first, where a payload has one; shuffle the rest.
        int from = !out.isEmpty() && out.get(0).tag() == Tag.UNIQUE_IDENTIFIER && out.stream().filter(t -> t.tag() == Tag.UNIQUE_IDENTIFIER).count() == 1 ? 1 : 0;
        Collections.shuffle(out.subList(from, out.size()), random);
        return out;
    }

    private static Ttlv replaceChild(Ttlv parent, Ttlv old, Ttlv replacement) {
        List<Ttlv> out = new ArrayList<>();
        for (Ttlv c : parent.children()) {
            out.add(c == old ? replacement : c);
        }
        return Ttlv.structure(parent.tag(), out);
    }

    private byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}
