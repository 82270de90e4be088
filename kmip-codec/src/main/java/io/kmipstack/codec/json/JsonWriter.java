package io.kmipstack.codec.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.xml.KmipText;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;

/** Writes the KMIP JSON encoding with a jackson-core generator, compactly (no whitespace). */
final class JsonWriter {

    // Section 4.1.5: JSON numbers are IEEE doubles in most readers, exact only up to 2^52 here;
    // Long Integers outside (-2^52, 2^52) are written as hex strings.
    private static final long JSON_EXACT = 1L << 52;

    private final JsonGenerator json;
    private final ArrayList<String> tags = new ArrayList<>();

    private JsonWriter(JsonGenerator json) {
        this.json = json;
    }

    static void write(Ttlv item, Writer out) {
        JsonWriter w = null;
        try (JsonGenerator g = JsonReader.FACTORY.createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            w = new JsonWriter(g);
            w.item(item, new KmipText.Scope());
        } catch (IOException e) {
            throw new KmipJsonException("writing JSON: " + e.getMessage(), "", w == null ? "" : String.join("/", w.tags), e);
        }
    }

    private void item(Ttlv item, KmipText.Scope scope) throws IOException {
        int tag = item.tag();
        String name = KmipText.tagName(tag);
        tags.add(name != null ? name : KmipText.hexTag(tag));
        json.writeStartObject();
        json.writeStringField("tag", name != null ? name : KmipText.hexTag(tag));
        if (!item.isStructure()) {
            json.writeStringField("type", item.type().xmlName());
        }
        json.writeFieldName("value");
        switch (item.type()) {
            case STRUCTURE -> {
                json.writeStartArray();
                KmipText.Scope inner = new KmipText.Scope();
                for (Ttlv child : item.children()) {
                    item(child, inner);
                    inner.add(child);
                }
                json.writeEndArray();
            }
            case INTEGER -> {
                KmipText.Symbols s = scope.symbolsFor(tag, item.type());
                String words = s == null ? null : s.formatMask(item.intValue(), "|");
                if (words != null) {
                    json.writeString(words);
                } else {
                    json.writeNumber(item.intValue());
                }
            }
            case LONG_INTEGER -> {
                long v = item.longValue();
                if (v > -JSON_EXACT && v < JSON_EXACT) {
                    json.writeNumber(v);
                } else {
                    json.writeString(String.format("0x%016X", v));
                }
            }
            case BIG_INTEGER -> json.writeString("0x" + KmipText.hex(item.bytesValue()));
            case ENUMERATION -> {
                KmipText.Symbols s = scope.symbolsFor(tag, item.type());
                json.writeString(s != null ? s.format(item.intValue()) : String.format("0x%08X", item.intValue()));
            }
            case BOOLEAN -> json.writeBoolean(item.booleanValue());
            case TEXT_STRING -> json.writeString(item.textValue());
            case BYTE_STRING -> json.writeString(KmipText.hex(item.bytesValue()));
            case DATE_TIME -> json.writeString(KmipText.formatDateTime(item.longValue()));
            case INTERVAL -> json.writeNumber(item.longValue());
            case DATE_TIME_EXTENDED -> json.writeString(KmipText.formatDateTimeExtended(item.longValue()));
            default -> throw new AssertionError(item.type());
        }
        json.writeEndObject();
        tags.remove(tags.size() - 1);
    }
}
