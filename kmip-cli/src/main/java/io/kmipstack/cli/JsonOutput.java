package io.kmipstack.cli;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.model.UniqueIdentifier;
import io.kmipstack.codec.registry.EnumDef;
import io.kmipstack.codec.registry.KmipEnum;
import io.kmipstack.codec.registry.Registry;
import io.kmipstack.codec.registry.TagDef;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.Ttlv;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Prints the codec's response records as JSON for {@code --json}: record components under their
 * camelCase names ({@code uniqueIdentifier}, {@code objectType}), absent fields and empty lists
 * left out, enumeration values by name, identifiers as text, times in ISO-8601, and byte values in
 * hex. Printing key material is deliberate here: it is the user's own data on their own terminal,
 * asked for with {@code --json}. Raw TTLV items (attribute values, transparent key material) are
 * shown as plain values by tag name ({@link #plain(Ttlv)}).
 */
final class JsonOutput {

    private static final ObjectMapper MAPPER = mapper();

    private JsonOutput() {
    }

    private static ObjectMapper mapper() {
        SimpleModule m = new SimpleModule("kmip");
        m.addSerializer(Bytes.class, new JsonSerializer<>() {
            @Override
            public void serialize(Bytes value, JsonGenerator gen, SerializerProvider p) throws IOException {
                gen.writeString(value.toHex());
            }
        });
        m.addSerializer(KmipEnum.class, new JsonSerializer<>() {
            @Override
            public void serialize(KmipEnum value, JsonGenerator gen, SerializerProvider p) throws IOException {
                gen.writeString(value.name());
            }
        });
        m.addSerializer(UniqueIdentifier.class, new JsonSerializer<>() {
            @Override
            public void serialize(UniqueIdentifier value, JsonGenerator gen, SerializerProvider p) throws IOException {
                gen.writeString(value.toString());
            }
        });
        m.addSerializer(Instant.class, new JsonSerializer<>() {
            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider p) throws IOException {
                gen.writeString(value.toString());
            }
        });
        m.addSerializer(Ttlv.class, new JsonSerializer<>() {
            @Override
            public void serialize(Ttlv value, JsonGenerator gen, SerializerProvider p) throws IOException {
                p.defaultSerializeValue(plain(value), gen);
            }
        });
        m.addSerializer(KmipAttribute.class, new JsonSerializer<>() {
            @Override
            public void serialize(KmipAttribute value, JsonGenerator gen, SerializerProvider p) throws IOException {
                Map<String, Object> o = new LinkedHashMap<>();
                o.put("name", value.name());
                if (value.index() != null) {
                    o.put("index", value.index());
                }
                o.put("value", plain(value.value()));
                p.defaultSerializeValue(o, gen);
            }
        });
        return new ObjectMapper()
                .registerModule(m)
                .setDefaultPropertyInclusion(JsonInclude.Include.NON_EMPTY)
                .enable(SerializationFeature.INDENT_OUTPUT)
                .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (IOException e) {
            throw new CliException("JSON output: " + e.getMessage(), e);
        }
    }

    /**
     * A TTLV item as a plain value: a structure as an object of its children by tag name (a
     * repeated tag as an array), an enumeration by value name, a mask-valued integer as its bit
     * names, bytes as hex, times as ISO-8601.
     */
    static Object plain(Ttlv t) {
        TagDef def = Registry.tag(t.tag());
        EnumDef table = def != null && def.enumeration() != null ? Registry.enumeration(def.enumeration()) : null;
        return switch (t.type()) {
            case STRUCTURE -> {
                Map<String, Object> o = new LinkedHashMap<>();
                for (Ttlv c : t.children()) {
                    String name = lowerCamel(Registry.tagName(c.tag()));
                    Object v = plain(c);
                    if (o.containsKey(name)) {
                        Object prev = o.get(name);
                        List<Object> list;
                        if (prev instanceof Repeated r) {
                            list = r.items;
                        } else {
                            list = new ArrayList<>();
                            list.add(prev);
                            o.put(name, new Repeated(list));
                        }
                        list.add(v);
                    } else {
                        o.put(name, v);
                    }
                }
                o.replaceAll((k, v) -> v instanceof Repeated r ? r.items : v);
                yield o;
            }
            case ENUMERATION -> table != null ? table.format(t.intValue()) : String.format("0x%08X", t.intValue());
            case INTEGER -> table != null && table.isMask() ? table.formatMask(t.intValue()) : (Object) t.intValue();
            case LONG_INTEGER, INTERVAL -> t.longValue();
            case BOOLEAN -> t.booleanValue();
            case TEXT_STRING -> t.textValue();
            case BYTE_STRING, BIG_INTEGER -> t.bytesValue().toHex();
            case DATE_TIME, DATE_TIME_EXTENDED -> t.instantValue().toString();
        };
    }

    private record Repeated(List<Object> items) {
    }

    static String lowerCamel(String upperCamel) {
        return upperCamel.isEmpty() ? upperCamel : Character.toLowerCase(upperCamel.charAt(0)) + upperCamel.substring(1);
    }
}
