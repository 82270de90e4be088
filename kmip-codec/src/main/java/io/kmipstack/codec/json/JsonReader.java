package io.kmipstack.codec.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import io.kmipstack.codec.ttlv.ItemType;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvLimits;
import io.kmipstack.codec.xml.KmipText;
import java.io.IOException;
import java.io.Reader;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Streaming reader of the KMIP JSON encoding over jackson-core. Members of an item object may come
 * in any order; when {@code value} precedes {@code tag} or {@code type} it is buffered (a
 * {@link TokenBuffer}) and read once both are known. One instance reads one document.
 */
final class JsonReader {

    static final JsonFactory FACTORY = JsonFactory.builder().build();

    private static final BigInteger MIN_LONG = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger MAX_LONG = BigInteger.valueOf(Long.MAX_VALUE);

    private final int maxDepth = TtlvLimits.DEFAULT_MAX_DEPTH;
    // JSON Pointer segments and tag names from the root to the item being read, for errors only.
    private final ArrayList<String> pointer = new ArrayList<>();
    private final ArrayList<String> tags = new ArrayList<>();

    private JsonReader() {
    }

    static Ttlv read(Reader in) {
        JsonReader r = new JsonReader();
        try (JsonParser p = FACTORY.createParser(in)) {
            if (p.nextToken() == null) {
                throw r.fail("empty document (expected: an object {\"tag\", \"type\", \"value\"})");
            }
            Ttlv item = r.item(p, new KmipText.Scope(), 0);
            if (p.nextToken() != null) {
                throw r.fail("content after the top-level object (expected: end of document)");
            }
            return item;
        } catch (StreamReadException e) {
            String detail = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
            throw new KmipJsonException("malformed JSON: " + detail, r.pointerText(), String.join("/", r.tags), e);
        } catch (IOException e) {
            throw new KmipJsonException("reading JSON: " + e.getMessage(), r.pointerText(), String.join("/", r.tags), e);
        }
    }

    /** Reads the object the parser is on, through its closing brace. */
    private Ttlv item(JsonParser p, KmipText.Scope scope, int depth) throws IOException {
        if (depth >= maxDepth) {
            throw fail("nesting depth: " + (depth + 1) + " (expected: <= " + maxDepth + ")");
        }
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw fail("a " + describe(p.currentToken()) + " (expected: an object {\"tag\", \"type\", \"value\"})");
        }
        int tagsBefore = tags.size();
        int tag = 0;
        boolean haveTag = false;
        ItemType type = null;
        boolean haveType = false;
        boolean haveValue = false;
        Ttlv result = null;
        TokenBuffer buffered = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String member = p.currentName();
            p.nextToken();
            switch (member) {
                case "tag" -> {
                    pointer.add("tag");
                    if (haveTag) {
                        throw fail("duplicate member (expected: one tag)");
                    }
                    if (p.currentToken() != JsonToken.VALUE_STRING) {
                        throw fail("tag is a " + describe(p.currentToken()) + " (expected: a string)");
                    }
                    String text = p.getText();
                    try {
                        tag = KmipText.parseTag(text);
                    } catch (IllegalArgumentException e) {
                        throw fail(e.getMessage(), e);
                    }
                    haveTag = true;
                    tags.add(text);
                    pointer.remove(pointer.size() - 1);
                }
                case "type" -> {
                    pointer.add("type");
                    if (haveType) {
                        throw fail("duplicate member (expected: one type)");
                    }
                    if (p.currentToken() != JsonToken.VALUE_STRING) {
                        throw fail("type is a " + describe(p.currentToken()) + " (expected: a string)");
                    }
                    type = ItemType.fromXmlName(p.getText());
                    if (type == null) {
                        throw fail("unknown type: " + p.getText() + " (expected: Structure, Integer, LongInteger, "
                                + "BigInteger, Enumeration, Boolean, TextString, ByteString, DateTime, Interval or "
                                + "DateTimeExtended)");
                    }
                    haveType = true;
                    pointer.remove(pointer.size() - 1);
                }
                case "value" -> {
                    pointer.add("value");
                    if (haveValue) {
                        throw fail("duplicate member (expected: one value)");
                    }
                    haveValue = true;
                    if (haveTag && haveType) {
                        result = value(p, tag, type, scope, depth);
                    } else if (haveTag && p.currentToken() == JsonToken.START_ARRAY) {
                        // Only a Structure's value is an array, so the type is known to be that
                        // (a contradicting "type" member after it fails below).
                        result = value(p, tag, ItemType.STRUCTURE, scope, depth);
                    } else {
                        buffered = new TokenBuffer(p);
                        buffered.copyCurrentStructure(p);
                    }
                    pointer.remove(pointer.size() - 1);
                }
                default -> {
                    pointer.add(member);
                    throw fail("unknown member: " + member + " (expected: tag, type or value)");
                }
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
            throw fail("unexpected " + describe(p.currentToken()));
        }
        if (!haveTag) {
            throw fail("missing member: tag");
        }
        if (!haveType) {
            type = ItemType.STRUCTURE; // section 4.1.4: an omitted type means Structure
        }
        if (!haveValue) {
            throw fail("missing member: value");
        }
        if (result != null && result.type() != type) {
            throw fail("type " + type.xmlName() + " with an array value (expected: Structure)");
        }
        if (result == null) {
            pointer.add("value");
            try (JsonParser replay = buffered.asParser()) {
                replay.nextToken();
                result = value(replay, tag, type, scope, depth);
            }
            pointer.remove(pointer.size() - 1);
        }
        while (tags.size() > tagsBefore) {
            tags.remove(tags.size() - 1);
        }
        return result;
    }

    /** Reads the value the parser is on as {@code type}. */
    private Ttlv value(JsonParser p, int tag, ItemType type, KmipText.Scope scope, int depth) throws IOException {
        JsonToken t = p.currentToken();
        if (type == ItemType.STRUCTURE) {
            if (t != JsonToken.START_ARRAY) {
                throw fail("Structure value is a " + describe(t) + " (expected: an array of objects)");
            }
            List<Ttlv> children = new ArrayList<>();
            KmipText.Scope inner = new KmipText.Scope();
            int index = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                pointer.add(Integer.toString(index++));
                Ttlv child = item(p, inner, depth + 1);
                inner.add(child);
                children.add(child);
                pointer.remove(pointer.size() - 1);
            }
            return Ttlv.structure(tag, children);
        }
        try {
            return switch (type) {
                case INTEGER -> {
                    KmipText.Symbols s = scope.symbolsFor(tag, type);
                    if (t == JsonToken.VALUE_NUMBER_INT) {
                        yield Ttlv.integer(tag, (int) integral(p, Integer.MIN_VALUE, Integer.MAX_VALUE, "Integer"));
                    }
                    String text = string(p, "Integer", "a number, 0x hex" + (s != null ? " or mask names joined by |" : ""));
                    yield Ttlv.integer(tag, s != null ? s.parseMask(text, '|') : hexOnly(text, 4, "Integer"));
                }
                case LONG_INTEGER -> {
                    if (t == JsonToken.VALUE_NUMBER_INT) {
                        yield Ttlv.longInteger(tag, integral(p, Long.MIN_VALUE, Long.MAX_VALUE, "LongInteger"));
                    }
                    yield Ttlv.longInteger(tag, KmipText.parseHex(string(p, "LongInteger", "a number or 0x hex"), 8, "LongInteger"));
                }
                case BIG_INTEGER -> {
                    if (t == JsonToken.VALUE_NUMBER_INT) {
                        yield Ttlv.bigInteger(tag, p.getBigIntegerValue());
                    }
                    String text = string(p, "BigInteger", "a number or 0x hex");
                    if (!text.startsWith("0x") && !text.startsWith("0X")) {
                        throw new IllegalArgumentException("BigInteger value: hex without 0x (expected: a number or 0x hex)");
                    }
                    yield KmipText.parseBigInteger(tag, text);
                }
                case ENUMERATION -> {
                    if (t == JsonToken.VALUE_NUMBER_INT) {
                        yield Ttlv.enumeration(tag, (int) integral(p, Integer.MIN_VALUE, 0xFFFF_FFFFL, "Enumeration"));
                    }
                    String text = string(p, "Enumeration", "a name, 0x hex or a number");
                    KmipText.Symbols s = scope.symbolsFor(tag, type);
                    yield Ttlv.enumeration(tag, s != null ? s.parse(text) : hexOnly(text, 4, "Enumeration"));
                }
                case BOOLEAN -> {
                    if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
                        yield Ttlv.bool(tag, t == JsonToken.VALUE_TRUE);
                    }
                    String text = string(p, "Boolean", "true, false or 0x hex");
                    if (!text.startsWith("0x") && !text.startsWith("0X")) {
                        throw new IllegalArgumentException("Boolean value: a string (expected: true, false or 0x hex)");
                    }
                    yield Ttlv.bool(tag, KmipText.parseBoolean(text));
                }
                case TEXT_STRING -> Ttlv.text(tag, string(p, "TextString", "a string"));
                case BYTE_STRING -> Ttlv.bytes(tag, KmipText.parseHexBytes(string(p, "ByteString", "hex digits"), "ByteString"));
                case DATE_TIME -> Ttlv.dateTime(tag, KmipText.parseDateTime(string(p, "DateTime", "an ISO 8601 string")));
                case INTERVAL -> {
                    if (t == JsonToken.VALUE_NUMBER_INT) {
                        yield Ttlv.interval(tag, integral(p, 0, 0xFFFF_FFFFL, "Interval"));
                    }
                    yield Ttlv.interval(tag, hexOnly(string(p, "Interval", "a number or 0x hex"), 4, "Interval") & 0xFFFF_FFFFL);
                }
                case DATE_TIME_EXTENDED -> Ttlv.dateTimeExtended(tag,
                        KmipText.parseDateTimeExtended(string(p, "DateTimeExtended", "an ISO 8601 string")));
                case STRUCTURE -> throw new AssertionError(type);
            };
        } catch (IllegalArgumentException e) {
            throw fail(e.getMessage(), e);
        }
    }

    private static long integral(JsonParser p, long min, long max, String what) throws IOException {
        BigInteger v = p.getBigIntegerValue();
        if (v.compareTo(BigInteger.valueOf(min)) < 0 || v.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new IllegalArgumentException(what + " value: out of range (expected: " + min + " to " + max + ")");
        }
        return v.longValue();
    }

    private static int hexOnly(String text, int bytes, String what) {
        return (int) KmipText.parseHex(text, bytes, what);
    }

    private static String string(JsonParser p, String what, String expected) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new IllegalArgumentException(what + " value is a " + describe(p.currentToken()) + " (expected: " + expected + ")");
        }
        return p.getText();
    }

    private static String describe(JsonToken t) {
        if (t == null) {
            return "end of input";
        }
        return switch (t) {
            case START_OBJECT -> "object";
            case START_ARRAY -> "array";
            case VALUE_STRING -> "string";
            case VALUE_NUMBER_INT -> "integer";
            case VALUE_NUMBER_FLOAT -> "non-integral number";
            case VALUE_TRUE, VALUE_FALSE -> "boolean";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : t.asString();
        };
    }

    private String pointerText() {
        StringBuilder sb = new StringBuilder();
        for (String segment : pointer) {
            sb.append('/').append(segment.replace("~", "~0").replace("/", "~1"));
        }
        return sb.toString();
    }

    private KmipJsonException fail(String problem) {
        return new KmipJsonException(problem, pointerText(), String.join("/", tags));
    }

    private KmipJsonException fail(String problem, Throwable cause) {
        return new KmipJsonException(problem, pointerText(), String.join("/", tags), cause);
    }
}
