package io.kmipstack.codec.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.codec.payload.RawPayload;
import io.kmipstack.codec.payload.RequestPayloads;
import io.kmipstack.codec.payload.ResponsePayloads;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.Registry;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.registry.TagDef;
import io.kmipstack.codec.ttlv.Ttlv;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The OASIS KMIP 1.4 and 2.1 test cases (168 files) are the ground truth for field order and
 * optionality: every request and response message decodes into the typed model and encodes back,
 * for the version its header names, to the same TTLV tree; and every structure of the model,
 * wherever it appears in those messages (inside payloads too), does the same on its own. 1.x
 * attributes convert to their typed 2.x items and back.
 */
class XmlVectorModelTest {

    private static List<XmlVectors.Message> messages;

    /** Model records by default tag; tags several records share (Key Material, ...) are left out. */
    private static final Map<Integer, Class<?>> BY_TAG = new HashMap<>();

    @BeforeAll
    static void load() throws Exception {
        messages = XmlVectors.all();
        Set<Integer> shared = new HashSet<>();
        Path dir = Path.of("target/classes/io/kmipstack/codec/model");
        List<Path> classes;
        try (Stream<Path> s = Files.list(dir)) {
            classes = s.filter(p -> p.toString().endsWith(".class") && !p.getFileName().toString().contains("$")).toList();
        }
        for (Path p : classes) {
            String name = p.getFileName().toString().replace(".class", "");
            Class<?> c = Class.forName("io.kmipstack.codec.model." + name);
            if (!c.isRecord()) {
                continue;
            }
            try {
                int tag = c.getField("TAG").getInt(null);
                if (BY_TAG.put(tag, c) != null) {
                    shared.add(tag);
                }
            } catch (NoSuchFieldException e) {
                // hand-written records without a default tag (KmipAttribute)
            }
        }
        shared.forEach(BY_TAG::remove);
    }

    private static KmipVersion headerVersion(Ttlv message) {
        Ttlv header = message.children().get(0);
        Ttlv pv = header.child(Tag.PROTOCOL_VERSION);
        return new KmipVersion(pv.child(Tag.PROTOCOL_VERSION_MAJOR).intValue(), pv.child(Tag.PROTOCOL_VERSION_MINOR).intValue());
    }

    @Test
    void everyMessageRoundTrips() {
        List<String> failures = new ArrayList<>();
        int requests = 0;
        int responses = 0;
        for (XmlVectors.Message m : messages) {
            KmipVersion v = headerVersion(m.tree());
            try {
                Ttlv again;
                if (m.tree().tag() == Tag.REQUEST_MESSAGE) {
                    RequestMessage r = RequestMessage.decode(m.tree());
                    for (RequestBatchItem b : r.batchItem()) {
                        if (b.requestPayload() instanceof RawPayload != !RequestPayloads.isTyped(b.operation())) {
                            failures.add(m + ": " + b.operation() + " request payload typed wrongly");
                        }
                    }
                    again = r.encode(v);
                    requests++;
                } else {
                    ResponseMessage r = ResponseMessage.decode(m.tree());
                    for (ResponseBatchItem b : r.batchItem()) {
                        if (b.responsePayload() != null && b.operation() != null
                                && b.responsePayload() instanceof RawPayload != !ResponsePayloads.isTyped(b.operation())) {
                            failures.add(m + ": " + b.operation() + " response payload typed wrongly");
                        }
                    }
                    again = r.encode(v);
                    responses++;
                }
                if (!again.equals(m.tree())) {
                    failures.add(m + ": re-encoded differently");
                }
            } catch (RuntimeException e) {
                failures.add(m + ": " + e.getMessage());
            }
        }
        assertThat(failures).isEmpty();
        // Each file is a sequence of request/response pairs.
        assertThat(requests).isEqualTo(responses).isGreaterThan(1000);
    }

    @Test
    void everyModelStructureRoundTripsWhereverItAppears() throws Exception {
        Map<String, Integer> seen = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (XmlVectors.Message m : messages) {
            walk(m, m.tree(), headerVersion(m.tree()), seen, failures);
        }
        assertThat(failures).isEmpty();
        // The shapes the test cases exercise, each seen at least once.
        assertThat(seen).containsKeys("ProtocolVersion", "RequestHeader", "ResponseHeader", "SymmetricKey", "PrivateKey",
                "PublicKey", "SecretData", "OpaqueObject", "Certificate", "KeyBlock", "KeyWrappingData",
                "EncryptionKeyInformation", "KeyWrappingSpecification", "TemplateAttribute", "Attribute", "Attributes",
                "Name", "Link", "Digest", "CryptographicParameters", "RevocationReason", "UsageLimits",
                "ApplicationSpecificInformation", "AlternativeName", "NewAttribute");
    }

    private void walk(XmlVectors.Message m, Ttlv t, KmipVersion v, Map<String, Integer> seen, List<String> failures)
            throws Exception {
        if (!t.isStructure()) {
            return;
        }
        Class<?> c = BY_TAG.get(t.tag());
        if (c != null) {
            Method decode = c.getMethod("decode", Ttlv.class);
            Method encode = c.getMethod("encode", int.class, KmipVersion.class);
            try {
                Object value = decode.invoke(null, t);
                Ttlv again = (Ttlv) encode.invoke(value, t.tag(), v);
                if (!again.equals(t)) {
                    failures.add(m + ": " + c.getSimpleName() + " re-encoded differently");
                }
                seen.merge(c.getSimpleName(), 1, Integer::sum);
            } catch (java.lang.reflect.InvocationTargetException e) {
                failures.add(m + ": " + c.getSimpleName() + ": " + e.getCause().getMessage());
            }
        }
        for (Ttlv child : t.children()) {
            walk(m, child, v, seen, failures);
        }
    }

    @Test
    void v1AttributesConvertToTypedItemsAndBack() {
        List<String> failures = new ArrayList<>();
        int converted = 0;
        int structured = 0;
        for (XmlVectors.Message m : messages) {
            if (m.version().isV2()) {
                continue;
            }
            List<Ttlv> attributes = new ArrayList<>();
            collect(m.tree(), Tag.ATTRIBUTE, attributes);
            for (Ttlv a : attributes) {
                Attribute attribute = Attribute.decode(a);
                if (attribute.attributeValue() == null) {
                    continue;
                }
                KmipAttribute typed = KmipAttribute.fromAttribute(attribute);
                TagDef def = Registry.tag(typed.tag());
                if (!typed.isVendor() && def.type() != null && def.type() != typed.item().type()) {
                    failures.add(m + ": " + attribute.attributeName() + " is " + typed.item().type() + ", registry says " + def.type());
                }
                if (!typed.toAttribute().encode(KmipVersion.V1_4).equals(a)) {
                    failures.add(m + ": " + attribute.attributeName() + " did not convert back");
                }
                Class<?> schema = BY_TAG.get(typed.tag());
                if (schema != null && !typed.isVendor()) {
                    // A structured value reads as the model record of its attribute (Name, Link, ...).
                    try {
                        Object value = schema.getMethod("decode", Ttlv.class).invoke(null, typed.item());
                        Ttlv again = (Ttlv) schema.getMethod("encode", int.class, KmipVersion.class)
                                .invoke(value, typed.tag(), KmipVersion.V1_4);
                        if (!again.equals(typed.item())) {
                            failures.add(m + ": " + attribute.attributeName() + " value re-encoded differently");
                        }
                        structured++;
                    } catch (ReflectiveOperationException e) {
                        failures.add(m + ": " + attribute.attributeName() + ": " + e.getCause());
                    }
                }
                if (!typed.name().equals(attribute.attributeName())) {
                    failures.add(m + ": " + attribute.attributeName() + " named " + typed.name());
                }
                converted++;
            }
        }
        assertThat(failures).isEmpty();
        assertThat(converted).isGreaterThan(500);
        // Name, Link, Digest, Cryptographic Parameters, ... values
        assertThat(structured).isGreaterThan(50);
    }

    private static void collect(Ttlv t, int tag, List<Ttlv> out) {
        if (t.tag() == tag) {
            out.add(t);
        }
        if (t.isStructure()) {
            for (Ttlv c : t.children()) {
                collect(c, tag, out);
            }
        }
    }
}
