package io.kmipstack.server.op;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.model.RequestBatchItem;
import io.kmipstack.codec.model.RequestMessage;
import io.kmipstack.codec.payload.GetAttributesRequestPayload;
import io.kmipstack.codec.payload.ResponsePayload;
import io.kmipstack.codec.registry.BatchErrorContinuationOption;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.Registry;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.ResultStatus;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.testcase.TreeDiff;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.ItemType;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvEncoder;
import io.kmipstack.codec.xml.KmipXml;
import io.kmipstack.codec.xml.ValueResolver;
import io.kmipstack.server.store.ObjectStore;
import io.kmipstack.server.store.ObjectStores;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test helper: replays OASIS test-case files (a sequence of request and expected response
 * messages) directly against the handlers of {@link Handlers#standard()}, one store and one
 * requester for a whole run, and compares each answer with the expected one in a simplified way:
 *
 * <ul>
 *   <li>Batches: items run in order in one store transaction; ID Placeholder carried; with Batch
 *       Error Continuation Option Undo a failure rolls the batch back and earlier items answer
 *       Operation Undone; Stop (the default) ends the batch at a failure; Maximum Response Size
 *       is emulated per item. Headers are not compared (the message layer's business).</li>
 *   <li>Result Status, Result Reason and Operation must be equal; Result Message is not
 *       compared (free text).</li>
 *   <li>{@code $UNIQUE_IDENTIFIER_n} binds to the first value seen and must match after;
 *       {@code $NOW±s} in an answer matches a time within five minutes of it; a Byte String
 *       placeholder matches any Byte String.</li>
 *   <li>Values the reference server generated (key material and digests of objects created by
 *       Create, Create Key Pair or Re-key in the run; the Random Number Generator description)
 *       compare by type and length only.</li>
 *   <li>Get Attributes without names and Get Attribute List: every expected attribute must be in
 *       the answer, in any order; more are allowed (the reference server's set of server-set
 *       attributes is its own). Query: the answer must carry each kind of field the expected one
 *       carries; the lists themselves say what the reference server supported.</li>
 * </ul>
 */
final class VectorReplay {

    private static final Pattern MESSAGE = Pattern.compile("<(RequestMessage|ResponseMessage)>.*?</\\1>", Pattern.DOTALL);
    private static final Pattern COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
    private static final Pattern NOW = Pattern.compile("\\$NOW(?:([+-])(\\d{1,10}))?");
    private static final long NOW_SENTINEL = -4_000_000_000_000L;
    private static final Bytes ANY_BYTES = Bytes.wrap("\0$ANY$\0".getBytes(StandardCharsets.US_ASCII));

    private final Map<Operation, OperationHandler> handlers = Handlers.standard();
    private final ObjectStore store;
    private final Map<String, String> bindings = new HashMap<>();
    private final Set<String> generated = new HashSet<>();
    private final String identity;
    private Instant now;

    VectorReplay(String identity, Instant start) {
        this(ObjectStores.memory(), identity, start);
    }

    VectorReplay(ObjectStore store, String identity, Instant start) {
        this.store = store;
        this.identity = identity;
        this.now = start;
    }

    /** The outcome of one file. */
    record Result(String file, List<String> problems) {
        boolean passed() {
            return problems.isEmpty();
        }
    }

    /** Replays {@code file}; bindings start afresh, the store is kept (test cases build on each other). */
    Result replay(Path file) throws IOException {
        bindings.clear();
        List<String> problems = new ArrayList<>();
        String text = COMMENT.matcher(Files.readString(file, StandardCharsets.UTF_8)).replaceAll("");
        Matcher m = MESSAGE.matcher(text);
        List<String> chunks = new ArrayList<>();
        while (m.find()) {
            chunks.add(m.group());
        }
        for (int i = 0; i + 1 < chunks.size(); i += 2) {
            now = now.plusSeconds(1);
            try {
                Ttlv request = KmipXml.read(new StringReader(chunks.get(i)), this::resolveRequest);
                RequestMessage decoded = RequestMessage.decode(request);
                List<Ttlv> actual = run(decoded);
                Ttlv expected = KmipXml.read(new StringReader(chunks.get(i + 1)), VectorReplay::resolveExpected);
                compareMessage(expected, actual, decoded, problems, "message " + (i / 2));
            } catch (RuntimeException e) {
                problems.add("message " + (i / 2) + ": " + e);
            }
            if (!problems.isEmpty()) {
                break;
            }
        }
        return new Result(file.getFileName().toString(), problems);
    }

    // ---- running a batch ----

    private record Outcome(RequestBatchItem request, ResultStatus status, ResultReason reason, String message, Ttlv payload) {
    }

    private static final class Rollback extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient List<Outcome> outcomes;

        Rollback(List<Outcome> outcomes) {
            super(null, null, false, false);
            this.outcomes = outcomes;
        }
    }

    /** The batch items of the answer, each as a BatchItem tree. */
    private List<Ttlv> run(RequestMessage request) {
        var header = request.requestHeader();
        KmipVersion v = new KmipVersion(header.protocolVersion().protocolVersionMajor(), header.protocolVersion().protocolVersionMinor());
        BatchErrorContinuationOption option = header.batchErrorContinuationOption() == null
                ? BatchErrorContinuationOption.STOP : header.batchErrorContinuationOption();
        Integer maxSize = header.maximumResponseSize();
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        List<Outcome> outcomes;
        try {
            outcomes = store.transact(tx -> {
                TestContext.Batch batch = new TestContext.Batch();
                List<Outcome> out = new ArrayList<>();
                for (RequestBatchItem item : request.batchItem()) {
                    Outcome o = runItem(new TestContext(identity, false, v, item.operation(), tx, clock, batch), item, v, maxSize);
                    out.add(o);
                    if (o.status != ResultStatus.SUCCESS) {
                        if (BatchErrorContinuationOption.UNDO.equals(option)) {
                            throw new Rollback(out);
                        }
                        if (BatchErrorContinuationOption.STOP.equals(option)) {
                            break;
                        }
                    }
                }
                return out;
            });
        } catch (Rollback r) {
            outcomes = new ArrayList<>();
            for (Outcome o : r.outcomes) {
                outcomes.add(o.status == ResultStatus.SUCCESS
                        ? new Outcome(o.request, ResultStatus.OPERATION_UNDONE, null, null, o.payload) : o);
            }
        }
        List<Ttlv> items = new ArrayList<>();
        for (Outcome o : outcomes) {
            List<Ttlv> kids = new ArrayList<>();
            kids.add(Ttlv.enumeration(Tag.OPERATION, o.request.operation().value()));
            if (o.request.uniqueBatchItemID() != null) {
                kids.add(Ttlv.bytes(Tag.UNIQUE_BATCH_ITEM_ID, o.request.uniqueBatchItemID()));
            }
            kids.add(Ttlv.enumeration(Tag.RESULT_STATUS, o.status.value()));
            if (o.reason != null) {
                kids.add(Ttlv.enumeration(Tag.RESULT_REASON, o.reason.value()));
            }
            if (o.message != null) {
                kids.add(Ttlv.text(Tag.RESULT_MESSAGE, o.message));
            }
            if (o.payload != null) {
                kids.add(o.payload);
            }
            items.add(Ttlv.structure(Tag.BATCH_ITEM, kids));
        }
        return items;
    }

    private Outcome runItem(TestContext ctx, RequestBatchItem item, KmipVersion v, Integer maxSize) {
        OperationHandler h = handlers.get(item.operation());
        if (h == null) {
            return new Outcome(item, ResultStatus.OPERATION_FAILED, ResultReason.OPERATION_NOT_SUPPORTED, "not supported", null);
        }
        try {
            ResponsePayload p = h.handle(ctx, item.requestPayload());
            Ttlv encoded = p.encode(v);
            if (maxSize != null && TtlvEncoder.encodedLength(encoded) > maxSize) {
                return new Outcome(item, ResultStatus.OPERATION_FAILED, ResultReason.RESPONSE_TOO_LARGE, "too large", null);
            }
            if (Operation.CREATE.equals(item.operation()) || Operation.CREATE_KEY_PAIR.equals(item.operation())
                    || Operation.RE_KEY.equals(item.operation()) || Operation.RE_KEY_KEY_PAIR.equals(item.operation())) {
                for (Ttlv c : encoded.children()) {
                    if (c.type() == ItemType.TEXT_STRING) {
                        generated.add(c.textValue());
                    }
                }
            }
            return new Outcome(item, ResultStatus.SUCCESS, null, null, encoded);
        } catch (KmipException e) {
            return new Outcome(item, e.resultStatus(), e.resultReason(), e.getMessage(), null);
        } catch (RuntimeException e) {
            throw new IllegalStateException(item.operation().name() + " failed unexpectedly", e);
        }
    }

    // ---- placeholders ----

    private Ttlv resolveRequest(int tag, ItemType type, String placeholder) {
        if (type == ItemType.TEXT_STRING && placeholder.startsWith("$UNIQUE_IDENTIFIER_")) {
            String id = bindings.get(placeholder);
            if (id == null) {
                throw new IllegalStateException(placeholder + ": used before any answer bound it");
            }
            return Ttlv.text(tag, id);
        }
        Matcher m = NOW.matcher(placeholder);
        if (type == ItemType.DATE_TIME && m.matches()) {
            return Ttlv.dateTime(tag, now.getEpochSecond() + offset(m));
        }
        return null;
    }

    private static Ttlv resolveExpected(int tag, ItemType type, String placeholder) {
        Matcher m = NOW.matcher(placeholder);
        if (type == ItemType.DATE_TIME && m.matches()) {
            return Ttlv.dateTime(tag, NOW_SENTINEL + offset(m));
        }
        if (type == ItemType.BYTE_STRING) {
            return Ttlv.bytes(tag, ANY_BYTES);
        }
        return null;
    }

    private static long offset(Matcher m) {
        return m.group(1) == null ? 0 : ("-".equals(m.group(1)) ? -1 : 1) * Long.parseLong(m.group(2));
    }

    // ---- comparison ----

    private void compareMessage(Ttlv expected, List<Ttlv> actual, RequestMessage request, List<String> problems, String where) {
        List<Ttlv> items = expected.children(Tag.BATCH_ITEM);
        if (items.size() != actual.size()) {
            problems.add(where + ": " + actual.size() + " batch items (expected: " + items.size() + ")"
                    + (actual.isEmpty() ? "" : "; last: " + describe(actual.get(actual.size() - 1))));
            return;
        }
        for (int i = 0; i < items.size(); i++) {
            compareItem(items.get(i), actual.get(i), request.batchItem().get(i), problems, where + " item " + i);
        }
    }

    private void compareItem(Ttlv e, Ttlv a, RequestBatchItem request, List<String> problems, String where) {
        for (int tag : new int[] {Tag.OPERATION, Tag.RESULT_STATUS, Tag.RESULT_REASON, Tag.UNIQUE_BATCH_ITEM_ID}) {
            Ttlv ev = e.child(tag);
            Ttlv av = a.child(tag);
            if (ev == null && av == null) {
                continue;
            }
            if (ev == null || av == null || !ev.equals(av)) {
                problems.add(where + " " + Registry.tagName(tag) + ": expected " + (ev == null ? "none" : TreeDiff.describe(ev))
                        + ", got " + (av == null ? "none" : TreeDiff.describe(av)) + " — " + describe(a));
                return;
            }
        }
        Ttlv ep = e.child(Tag.RESPONSE_PAYLOAD);
        Ttlv ap = a.child(Tag.RESPONSE_PAYLOAD);
        if (ep == null) {
            return;
        }
        if (ap == null) {
            problems.add(where + ": no payload");
            return;
        }
        Operation op = Operation.valueOf(e.child(Tag.OPERATION).intValue());
        Ttlv uid = ap.child(Tag.UNIQUE_IDENTIFIER);
        boolean gen = uid != null && uid.type() == ItemType.TEXT_STRING && generated.contains(uid.textValue());
        String path = where + " " + op.name();
        if (Operation.QUERY.equals(op)) {
            for (Ttlv c : ep.children()) {
                if (ap.child(c.tag()) == null) {
                    problems.add(path + ": no " + Registry.tagName(c.tag()) + " in the answer");
                }
            }
        } else if (Operation.GET_ATTRIBUTE_LIST.equals(op) || (request.requestPayload() instanceof GetAttributesRequestPayload g
                && g.attributeNames().isEmpty() && g.attributeReferences().isEmpty())) {
            compareUnordered(ep, ap, gen, problems, path);
        } else {
            compare(ep, ap, gen, problems, path);
        }
    }

    private void compareUnordered(Ttlv ep, Ttlv ap, boolean gen, List<String> problems, String path) {
        List<Ttlv> have = flatten(ap);
        for (Ttlv want : flatten(ep)) {
            boolean found = false;
            for (Ttlv h : have) {
                if (h.tag() == want.tag() && sameKey(want, h)) {
                    List<String> sub = new ArrayList<>();
                    compare(want, h, gen, sub, path);
                    if (sub.isEmpty()) {
                        found = true;
                        break;
                    }
                }
            }
            if (!found) {
                problems.add(path + ": expected " + TreeDiff.describe(want) + " " + label(want) + " not in the answer");
            }
        }
    }

    // A 2.x answer nests its attributes in Attributes; 1.x lists Attribute structures (or names) directly.
    private static List<Ttlv> flatten(Ttlv payload) {
        List<Ttlv> out = new ArrayList<>();
        for (Ttlv c : payload.children()) {
            if (c.tag() == Tag.ATTRIBUTES) {
                out.addAll(c.children());
            } else if (c.tag() != Tag.UNIQUE_IDENTIFIER) {
                out.add(c);
            }
        }
        return out;
    }

    private static boolean sameKey(Ttlv want, Ttlv have) {
        if (want.tag() == Tag.ATTRIBUTE) {
            Ttlv wn = want.child(Tag.ATTRIBUTE_NAME);
            Ttlv hn = have.child(Tag.ATTRIBUTE_NAME);
            return wn != null && hn != null && wn.equals(hn);
        }
        return true;
    }

    private static String label(Ttlv item) {
        if (item.tag() == Tag.ATTRIBUTE && item.child(Tag.ATTRIBUTE_NAME) != null) {
            return item.child(Tag.ATTRIBUTE_NAME).textValue();
        }
        if (item.type() == ItemType.TEXT_STRING) {
            return item.textValue();
        }
        return Registry.tagName(item.tag());
    }

    private void compare(Ttlv e, Ttlv a, boolean gen, List<String> problems, String path) {
        String here = path + "/" + Registry.tagName(e.tag());
        if (e.tag() != a.tag() || e.type() != a.type()) {
            problems.add(here + ": expected " + Registry.tagName(e.tag()) + " " + e.type().xmlName() + ", got "
                    + Registry.tagName(a.tag()) + " " + a.type().xmlName());
            return;
        }
        switch (e.type()) {
            case STRUCTURE -> {
                if (e.tag() == Tag.RANDOM_NUMBER_GENERATOR || isRngAttributeValue(e, path)) {
                    return;
                }
                List<Ttlv> ec = e.children();
                List<Ttlv> ac = a.children();
                if (ec.size() != ac.size()) {
                    problems.add(here + ": " + ac.size() + " fields (expected: " + ec.size() + ") " + names(ac) + " vs " + names(ec));
                    return;
                }
                String sub = here;
                for (int i = 0; i < ec.size(); i++) {
                    if (ec.get(i).tag() == Tag.ATTRIBUTE_NAME && ec.get(i).textValue().equals("Random Number Generator")) {
                        sub = here + "[RNG]";
                    }
                    compare(ec.get(i), ac.get(i), gen, problems, sub);
                }
            }
            case TEXT_STRING -> {
                String want = e.textValue();
                if (want.startsWith("$UNIQUE_IDENTIFIER_")) {
                    String bound = bindings.putIfAbsent(want, a.textValue());
                    if (bound != null && !bound.equals(a.textValue())) {
                        problems.add(here + ": " + want + " is " + bound + ", got " + a.textValue());
                    }
                } else if (!want.equals(a.textValue())) {
                    problems.add(here + ": expected \"" + want + "\", got \"" + a.textValue() + "\"");
                }
            }
            case DATE_TIME -> {
                long want = e.longValue();
                if (want < NOW_SENTINEL / 2) {
                    long target = now.getEpochSecond() + (want - NOW_SENTINEL);
                    if (Math.abs(a.longValue() - target) > 300) {
                        problems.add(here + ": expected about " + Instant.ofEpochSecond(target) + ", got " + a.instantValue());
                    }
                } else if (want != a.longValue()) {
                    problems.add(here + ": expected " + e.instantValue() + ", got " + a.instantValue());
                }
            }
            case BYTE_STRING, BIG_INTEGER -> {
                if (e.bytesValue().equals(ANY_BYTES)) {
                    return;
                }
                boolean serverChosen = gen && (e.tag() == Tag.KEY_MATERIAL || e.tag() == Tag.DIGEST_VALUE || isKeyPart(path));
                if (serverChosen ? e.bytesValue().length() != a.bytesValue().length() : !e.bytesValue().equals(a.bytesValue())) {
                    problems.add(here + ": expected " + TreeDiff.describe(e) + ", got " + TreeDiff.describe(a));
                }
            }
            default -> {
                if (!e.equals(a)) {
                    problems.add(here + ": expected " + TreeDiff.describe(e) + ", got " + TreeDiff.describe(a));
                }
            }
        }
    }

    private static boolean isRngAttributeValue(Ttlv e, String path) {
        return e.tag() == Tag.ATTRIBUTE_VALUE && path.endsWith("[RNG]");
    }

    private static boolean isKeyPart(String path) {
        return path.contains("/KeyMaterial");
    }

    private static String names(List<Ttlv> items) {
        List<String> out = new ArrayList<>();
        for (Ttlv t : items) {
            out.add(label(t));
        }
        return out.toString();
    }

    private static String describe(Ttlv batchItem) {
        Ttlv reason = batchItem.child(Tag.RESULT_REASON);
        Ttlv msg = batchItem.child(Tag.RESULT_MESSAGE);
        return TreeDiff.describe(batchItem.child(Tag.RESULT_STATUS)) + (reason == null ? "" : " " + TreeDiff.describe(reason))
                + (msg == null ? "" : " " + msg.textValue());
    }
}
