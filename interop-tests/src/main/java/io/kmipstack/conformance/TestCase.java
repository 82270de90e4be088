package io.kmipstack.conformance;

import io.kmipstack.codec.registry.ObjectType;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.ItemType;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.xml.KmipXml;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One OASIS KMIP test-case file read for running: its request/response pairs, with every
 * {@code $...} value kept as a placeholder to bind at run time (see {@link Placeholder}). The name
 * is the file name without {@code .xml}, e.g. {@code CS-BC-M-GCM-1-14}; its first dash-separated
 * words before {@code -M-} or {@code -O-} name the profile ({@code CS-BC}).
 *
 * <p>The codec's {@link KmipXml#readAll} reads the file once with a resolver that answers each
 * placeholder with a fresh stand-in item and remembers it by identity; the runner later replaces
 * the stand-ins in a request by the values bound so far, and the comparison recognizes them in an
 * expected response. Stand-ins never reach a server: an unbound one fails the file.
 */
public final class TestCase {

    private final Path file;
    private final String name;
    private final List<Ttlv> requests;
    private final List<Ttlv> responses;
    private final Map<Ttlv, Placeholder> placeholders;
    private final Set<Operation> operationsUsed;
    private final Set<ObjectType> objectTypesUsed;

    private TestCase(Path file, String name, List<Ttlv> requests, List<Ttlv> responses, Map<Ttlv, Placeholder> placeholders) {
        this.file = file;
        this.name = name;
        this.requests = requests;
        this.responses = responses;
        this.placeholders = placeholders;
        Set<Operation> ops = new LinkedHashSet<>();
        Set<ObjectType> types = new LinkedHashSet<>();
        for (Ttlv r : requests) {
            for (Ttlv item : r.children(Tag.BATCH_ITEM)) {
                Ttlv op = item.child(Tag.OPERATION);
                if (op != null && op.type() == ItemType.ENUMERATION) {
                    ops.add(Operation.valueOf(op.intValue()));
                }
            }
            collectObjectTypes(r, types);
        }
        for (Ttlv r : responses) {
            collectObjectTypes(r, types);
        }
        this.operationsUsed = Collections.unmodifiableSet(ops); // in order of first use
        this.objectTypesUsed = Collections.unmodifiableSet(types);
    }

    // Object Type fields and 1.x "Object Type" attributes anywhere in a message, except in a Query
    // answer: that list describes the reference server, not what this file does.
    private static void collectObjectTypes(Ttlv item, Set<ObjectType> into) {
        if (!item.isStructure()) {
            if (item.tag() == Tag.OBJECT_TYPE && item.type() == ItemType.ENUMERATION) {
                into.add(ObjectType.valueOf(item.intValue()));
            }
            return;
        }
        if (item.tag() == Tag.BATCH_ITEM && item.child(Tag.RESPONSE_PAYLOAD) != null) {
            Ttlv op = item.child(Tag.OPERATION);
            if (op != null && op.type() == ItemType.ENUMERATION && op.intValue() == Operation.QUERY.value()) {
                return;
            }
        }
        if (item.tag() == Tag.ATTRIBUTE && "Object Type".equals(Items.text(item, Tag.ATTRIBUTE_NAME))) {
            Ttlv v = item.child(Tag.ATTRIBUTE_VALUE);
            if (v != null && v.type() == ItemType.ENUMERATION) {
                into.add(ObjectType.valueOf(v.intValue()));
            }
        }
        for (Ttlv c : item.children()) {
            collectObjectTypes(c, into);
        }
    }

    /** Reads a test-case file; fails with {@link IllegalArgumentException} on a malformed one. */
    public static TestCase read(Path file) throws IOException {
        Objects.requireNonNull(file, "file");
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(file, nameOf(file), in);
        }
    }

    /** Reads a test case from {@code in}; {@code file} only names it in reports. */
    public static TestCase read(Path file, String name, Reader in) {
        Map<Ttlv, Placeholder> placeholders = new IdentityHashMap<>();
        List<Ttlv> messages = KmipXml.readAll(in, (tag, type, text) -> {
            Ttlv standIn = standIn(tag, type, text);
            if (standIn != null) {
                placeholders.put(standIn, Placeholder.parse(text));
            }
            return standIn;
        });
        List<Ttlv> requests = new ArrayList<>();
        List<Ttlv> responses = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            Ttlv m = messages.get(i);
            int expected = i % 2 == 0 ? Tag.REQUEST_MESSAGE : Tag.RESPONSE_MESSAGE;
            if (m.tag() != expected) {
                throw new IllegalArgumentException(name + ": message " + (i + 1) + " is "
                        + io.kmipstack.codec.registry.Registry.tagName(m.tag()) + " (expected: "
                        + io.kmipstack.codec.registry.Registry.tagName(expected) + ")");
            }
            (i % 2 == 0 ? requests : responses).add(m);
        }
        if (requests.isEmpty() || requests.size() != responses.size()) {
            throw new IllegalArgumentException(name + ": " + messages.size()
                    + " messages (expected: request/response pairs, at least one)");
        }
        return new TestCase(file, name, List.copyOf(requests), List.copyOf(responses), placeholders);
    }

    // A new object every call: the identity is what marks it. Types other than these three never
    // carry a placeholder in the vectors; for them the text is parsed as an ordinary value (and
    // fails, which names the file and line).
    private static Ttlv standIn(int tag, ItemType type, String text) {
        return switch (type) {
            case TEXT_STRING -> Ttlv.text(tag, text);
            case BYTE_STRING -> Ttlv.bytes(tag, Bytes.EMPTY);
            case DATE_TIME -> Ttlv.dateTime(tag, 0);
            case DATE_TIME_EXTENDED -> Ttlv.dateTimeExtended(tag, 0);
            default -> null;
        };
    }

    static String nameOf(Path file) {
        String n = file.getFileName().toString();
        return n.endsWith(".xml") ? n.substring(0, n.length() - 4) : n;
    }

    public Path file() {
        return file;
    }

    public String name() {
        return name;
    }

    /** The profile prefix: the words before {@code -M-} or {@code -O-} ({@code CS-BC}), else the name. */
    public String profile() {
        for (String marker : new String[] {"-M-", "-O-"}) {
            int at = name.indexOf(marker);
            if (at > 0) {
                return name.substring(0, at);
            }
        }
        return name;
    }

    /** True if this file's name starts with {@code prefix} followed by a dash (or is exactly it). */
    public boolean hasPrefix(String prefix) {
        return name.startsWith(prefix) && (name.length() == prefix.length() || name.charAt(prefix.length()) == '-');
    }

    public Wire wire() {
        return Wire.forTestCase(name);
    }

    /** The number of request/response pairs. */
    public int size() {
        return requests.size();
    }

    /** The {@code i}-th request (0-based) as written, placeholders still stand-ins. */
    Ttlv request(int i) {
        return requests.get(i);
    }

    /** The {@code i}-th expected response (0-based) as written. */
    Ttlv expected(int i) {
        return responses.get(i);
    }

    /** The operations of this file's requests (every batch item's Operation). */
    public Set<Operation> operationsUsed() {
        return operationsUsed;
    }

    /**
     * The object types this file names: Object Type fields and 1.x {@code Object Type} attributes
     * in its requests and expected responses, except in the answers to Query.
     */
    public Set<ObjectType> objectTypesUsed() {
        return objectTypesUsed;
    }

    /** The placeholder {@code item} stands in for, or {@code null} for an ordinary value. */
    Placeholder placeholder(Ttlv item) {
        return placeholders.get(item);
    }

    @Override
    public String toString() {
        return name;
    }
}
