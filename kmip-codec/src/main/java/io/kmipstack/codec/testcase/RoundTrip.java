package io.kmipstack.codec.testcase;

import static java.util.Objects.requireNonNull;

import io.kmipstack.codec.json.KmipJson;
import io.kmipstack.codec.json.KmipJsonException;
import io.kmipstack.codec.model.KmipDecodingException;
import io.kmipstack.codec.model.KmipEncodingException;
import io.kmipstack.codec.model.RequestBatchItem;
import io.kmipstack.codec.model.RequestMessage;
import io.kmipstack.codec.model.ResponseBatchItem;
import io.kmipstack.codec.model.ResponseMessage;
import io.kmipstack.codec.payload.RawPayload;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.Registry;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.registry.TagDef;
import io.kmipstack.codec.ttlv.ItemType;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvDecoder;
import io.kmipstack.codec.ttlv.TtlvEncoder;
import io.kmipstack.codec.ttlv.TtlvLimits;
import io.kmipstack.codec.xml.KmipXml;
import io.kmipstack.codec.xml.KmipXmlException;
import io.kmipstack.codec.xml.ValueResolver;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Takes one KMIP message tree (as read from an OASIS test case) through every representation the
 * codec has, and says where it first came back different. The stages run in a chain, each fed
 * the previous one's output, and each output must equal the message it started from:
 * <ol>
 *   <li>{@link Stage#MODEL}: decoded as a typed {@code RequestMessage} or {@code ResponseMessage}
 *       (every payload typed: a payload kept raw would round-trip without proving anything) and
 *       encoded for the protocol version in its own header;
 *   <li>{@link Stage#OTHER_VERSION}: the typed message encoded for every other supported version
 *       either gives the very same tree or is refused with {@code KmipEncodingException}, and is
 *       refused whenever the message holds a tag, or a 1.x attribute name, that the version does
 *       not define, Attribute Values included: version gating never drops or rewrites silently;
 *   <li>{@link Stage#TTLV}: binary TTLV, written and decoded by the strict decoder;
 *   <li>{@link Stage#XML} and {@link Stage#JSON}: written and read back in the XML and JSON
 *       encodings of the KMIP Additional Message Encodings.
 * </ol>
 * A difference is reported by tag path with both values in words ({@link TreeDiff}); byte values
 * appear only as a length and fingerprint.
 */
public final class RoundTrip {

    private RoundTrip() {
    }

    /** The stages, in the order they run. */
    public enum Stage {
        MODEL("typed model"),
        OTHER_VERSION("other version"),
        TTLV("binary TTLV"),
        XML("XML"),
        JSON("JSON");

        private final String description;

        Stage(String description) {
            this.description = description;
        }

        /** The stage in words, as failure reports print it. */
        public String description() {
            return description;
        }
    }

    /**
     * Where a message first failed: the stage, the version the typed model was encoded for (for
     * {@link Stage#MODEL} and {@link Stage#OTHER_VERSION}; null for the others, and when the
     * message never got as far as a version), and what differed. When a stage threw instead of
     * producing a tree, {@code difference} has the path where it failed, what was expected there
     * and the exception as {@code actual}.
     */
    public record Failure(Stage stage, KmipVersion version, TreeDiff.Difference difference) {

        public Failure {
            requireNonNull(stage, "stage");
            requireNonNull(difference, "difference");
        }

        @Override
        public String toString() {
            return stage.description() + (version == null ? "" : " (KMIP " + version + ")") + ": " + difference;
        }
    }

    /**
     * The outcome for one message: {@code failure} is null when it passed every stage. The
     * counts say how the other-version encodings went (both zero when the message failed before
     * that stage).
     */
    public record Result(Failure failure, int otherVersionsIdentical, int otherVersionsRefused) {

        /** True when the message passed every stage. */
        public boolean passed() {
            return failure == null;
        }

        /** The failure, or empty when the message passed. */
        public Optional<Failure> failed() {
            return Optional.ofNullable(failure);
        }
    }

    /** Runs {@code message}, a Request Message or Response Message tree, through every stage. */
    public static Result run(Ttlv message) {
        requireNonNull(message, "message");
        String root = Registry.tagName(message.tag());
        if (message.tag() != Tag.REQUEST_MESSAGE && message.tag() != Tag.RESPONSE_MESSAGE) {
            return fail(Stage.MODEL, null, new TreeDiff.Difference(root, "RequestMessage or ResponseMessage", root));
        }
        boolean request = message.tag() == Tag.REQUEST_MESSAGE;

        // Typed model, encoded for the header's version.
        Object typed;
        try {
            typed = request ? RequestMessage.decode(message) : ResponseMessage.decode(message);
        } catch (RuntimeException e) {
            return fail(Stage.MODEL, null, thrown(root, e, "a typed " + root));
        }
        Failure raw = rawPayload(typed, root);
        if (raw != null) {
            return new Result(raw, 0, 0);
        }
        KmipVersion version;
        try {
            // Read from the tree, not the typed header: the version under test must not depend
            // on the model having decoded it right.
            version = headerVersion(message, request ? Tag.REQUEST_HEADER : Tag.RESPONSE_HEADER);
        } catch (RuntimeException e) {
            return fail(Stage.MODEL, null, thrown(root, e, "a protocol version in the header"));
        }
        Ttlv current;
        try {
            current = encode(typed, version);
        } catch (RuntimeException e) {
            return fail(Stage.MODEL, version, thrown(root, e, "an encoding for KMIP " + version));
        }
        Optional<TreeDiff.Difference> d = TreeDiff.first(message, current);
        if (d.isPresent()) {
            return fail(Stage.MODEL, version, d.get());
        }

        // Every supported version (the header's included): the same tree, or a refusal.
        int identical = 0;
        int refused = 0;
        for (KmipVersion v : KmipVersion.SUPPORTED) {
            Ttlv encoded;
            try {
                encoded = encode(typed, v);
            } catch (KmipEncodingException e) {
                refused++;
                continue;
            } catch (RuntimeException e) {
                return fail(Stage.OTHER_VERSION, v, thrown(root, e, "an encoding or KmipEncodingException"));
            }
            TreeDiff.Difference undefined = firstUndefined(message, v, root);
            if (undefined != null) {
                return new Result(new Failure(Stage.OTHER_VERSION, v, undefined), identical, refused);
            }
            d = TreeDiff.first(message, encoded);
            if (d.isPresent()) {
                return new Result(new Failure(Stage.OTHER_VERSION, v, d.get()), identical, refused);
            }
            identical++;
        }

        // Binary TTLV, XML and JSON, each fed the previous stage's tree.
        for (Stage stage : List.of(Stage.TTLV, Stage.XML, Stage.JSON)) {
            Ttlv back;
            try {
                back = through(stage, current);
            } catch (RuntimeException e) {
                return new Result(new Failure(stage, null, thrown(root, e, "a " + stage.description() + " round trip")),
                        identical, refused);
            }
            d = TreeDiff.first(message, back);
            if (d.isPresent()) {
                return new Result(new Failure(stage, null, d.get()), identical, refused);
            }
            current = back;
        }
        return new Result(null, identical, refused);
    }

    /** The message in a few words: its tag and its batch items' operations ({@code RequestMessage Create,Get}). */
    public static String describe(Ttlv message) {
        List<String> ops = new ArrayList<>();
        if (message.isStructure()) {
            for (Ttlv item : message.children(Tag.BATCH_ITEM)) {
                Ttlv op = item.isStructure() ? item.child(Tag.OPERATION) : null;
                ops.add(op == null ? "?" : Registry.enumeration("Operation").format(op.intValue()));
            }
        }
        String name = Registry.tagName(message.tag());
        return ops.isEmpty() ? name : name + " " + String.join(",", ops);
    }

    private static Result fail(Stage stage, KmipVersion version, TreeDiff.Difference difference) {
        return new Result(new Failure(stage, version, difference), 0, 0);
    }

    private static Ttlv encode(Object typed, KmipVersion v) {
        return typed instanceof RequestMessage r ? r.encode(v) : ((ResponseMessage) typed).encode(v);
    }

    private static Ttlv through(Stage stage, Ttlv tree) {
        return switch (stage) {
            case TTLV -> {
                byte[] bytes = TtlvEncoder.encode(tree);
                // The size limit protects a server from its peers; here the message is ours.
                TtlvLimits limits = new TtlvLimits(Math.max(bytes.length, TtlvLimits.DEFAULT_MAX_MESSAGE_SIZE),
                        TtlvLimits.DEFAULT_MAX_DEPTH);
                yield TtlvDecoder.create(limits).decode(bytes);
            }
            // What the writer wrote holds no placeholders: read it back resolving nothing.
            case XML -> KmipXml.read(new StringReader(KmipXml.write(tree)), ValueResolver.none());
            case JSON -> KmipJson.read(KmipJson.write(tree));
            default -> throw new IllegalArgumentException("stage " + stage + " (expected: TTLV, XML or JSON)");
        };
    }

    // A raw payload round-trips verbatim whatever its content, so it would prove nothing.
    private static Failure rawPayload(Object typed, String root) {
        if (typed instanceof RequestMessage r) {
            List<RequestBatchItem> items = r.batchItem();
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).requestPayload() instanceof RawPayload) {
                    return rawFailure(root, items.size(), i, "RequestPayload", items.get(i).operation());
                }
            }
        } else {
            List<ResponseBatchItem> items = ((ResponseMessage) typed).batchItem();
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i).responsePayload() instanceof RawPayload) {
                    return rawFailure(root, items.size(), i, "ResponsePayload", items.get(i).operation());
                }
            }
        }
        return null;
    }

    private static Failure rawFailure(String root, int count, int index, String payload, Operation operation) {
        String path = root + "/BatchItem" + (count == 1 ? "" : "[" + index + "]") + "/" + payload;
        String op = operation == null ? "an unnamed operation" : operation.name();
        return new Failure(Stage.MODEL, null, new TreeDiff.Difference(path, "a typed payload for " + op,
                "kept raw (no schema decoded it)"));
    }

    private static KmipVersion headerVersion(Ttlv message, int headerTag) {
        Ttlv protocolVersion = message.child(headerTag).child(Tag.PROTOCOL_VERSION);
        return new KmipVersion(protocolVersion.child(Tag.PROTOCOL_VERSION_MAJOR).intValue(),
                protocolVersion.child(Tag.PROTOCOL_VERSION_MINOR).intValue());
    }

    /** A stage that threw: where (when the exception knows), what was expected, the exception. */
    private static TreeDiff.Difference thrown(String root, RuntimeException e, String expected) {
        String path = root;
        String message = e.getMessage();
        if (e instanceof KmipDecodingException k) {
            path = k.path().isEmpty() ? root : root + "/" + k.path();
            message = k.problem();
        } else if (e instanceof KmipXmlException x && !x.tagPath().isEmpty()) {
            path = x.tagPath();
        } else if (e instanceof KmipJsonException j && !j.tagPath().isEmpty()) {
            path = j.tagPath();
        }
        return new TreeDiff.Difference(path, expected, e.getClass().getSimpleName() + ": " + message);
    }

    /**
     * The first item of {@code item} that version {@code v} does not define, as a difference
     * (expected: refused), or null. Checks every tag, inside Attribute Values too, and the name of
     * a 1.x Attribute: a spec name, not a custom {@code x-}/{@code y-} name or a 2.x vendor's.
     */
    static TreeDiff.Difference firstUndefined(Ttlv item, KmipVersion v, String path) {
        TagDef def = Registry.tag(item.tag());
        if (def != null && !def.definedIn(v)) {
            return new TreeDiff.Difference(path, "refused (" + def.name() + " is defined " + range(def) + ")",
                    "encoded");
        }
        if (!item.isStructure()) {
            return null;
        }
        if (item.tag() == Tag.ATTRIBUTE && item.child(Tag.VENDOR_IDENTIFICATION) == null) {
            Ttlv name = item.child(Tag.ATTRIBUTE_NAME);
            if (name != null && name.type() == ItemType.TEXT_STRING) {
                String text = name.textValue();
                TagDef named = text.startsWith("x-") || text.startsWith("y-") ? null : Registry.tagBySpecName(text);
                if (named != null && !named.definedIn(v)) {
                    return new TreeDiff.Difference(path + "/AttributeName",
                            "refused (attribute " + text + " is defined " + range(named) + ")", "encoded");
                }
            }
        }
        List<Ttlv> children = item.children();
        for (int i = 0; i < children.size(); i++) {
            TreeDiff.Difference d = firstUndefined(children.get(i), v, path + "/" + TreeDiff.step(children, i));
            if (d != null) {
                return d;
            }
        }
        return null;
    }

    private static String range(TagDef def) {
        return def.until() == null ? "since " + def.since() : def.since() + " to " + def.until();
    }
}
