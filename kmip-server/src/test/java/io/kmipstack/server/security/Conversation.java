package io.kmipstack.server.security;

import io.kmipstack.codec.model.ResponseBatchItem;
import io.kmipstack.codec.model.ResponseMessage;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvDecoder;
import io.kmipstack.codec.ttlv.TtlvEncoder;
import io.kmipstack.codec.xml.KmipXml;
import io.kmipstack.server.message.MessageDispatcher;
import io.kmipstack.server.op.Handlers;
import io.kmipstack.server.store.ObjectStores;
import java.util.List;
import java.util.Set;

/**
 * Requests written as KMIP XML batch items, run through a {@link MessageDispatcher} with the
 * standard handlers and an in-memory store, as a given identity and protocol version: the message
 * layer exactly as the TTLV and HTTPS ports drive it, minus the sockets. Each response is checked
 * to survive the TTLV round trip the wire would give it.
 */
final class Conversation {

    final MessageDispatcher dispatcher;

    Conversation(Set<String> admins) {
        this.dispatcher = MessageDispatcher.builder()
                .handlers(Handlers.standard())
                .store(ObjectStores.memory())
                .admins(admins)
                .build();
    }

    /** The response message for the batch items {@code items} (XML) sent by {@code identity} in {@code v}. */
    Ttlv send(String identity, KmipVersion v, String headerExtra, String... items) {
        StringBuilder xml = new StringBuilder("<RequestMessage><RequestHeader><ProtocolVersion>")
                .append("<ProtocolVersionMajor type=\"Integer\" value=\"").append(v.major()).append("\"/>")
                .append("<ProtocolVersionMinor type=\"Integer\" value=\"").append(v.minor()).append("\"/>")
                .append("</ProtocolVersion>").append(headerExtra)
                .append("<BatchCount type=\"Integer\" value=\"").append(items.length).append("\"/></RequestHeader>");
        for (String item : items) {
            xml.append(item);
        }
        xml.append("</RequestMessage>");
        Ttlv response = dispatcher.handle(KmipXml.read(xml.toString()), identity, "127.0.0.1:1");
        return TtlvDecoder.create().decode(TtlvEncoder.encode(response));
    }

    List<ResponseBatchItem> items(String identity, KmipVersion v, String... items) {
        return ResponseMessage.decode(send(identity, v, "", items)).batchItem();
    }

    ResponseBatchItem one(String identity, KmipVersion v, String item) {
        return items(identity, v, item).get(0);
    }

    static String item(String operation, String payload) {
        return "<BatchItem><Operation type=\"Enumeration\" value=\"" + operation + "\"/><RequestPayload>" + payload
                + "</RequestPayload></BatchItem>";
    }

    static String id(String uid) {
        return "<UniqueIdentifier type=\"TextString\" value=\"" + uid + "\"/>";
    }

    /** The payload of a response batch item as raw TTLV (for comparing whole answers). */
    static Ttlv rawPayload(Ttlv response, int index) {
        return response.children().stream().filter(c -> c.tag() == Tag.BATCH_ITEM).toList().get(index)
                .child(Tag.RESPONSE_PAYLOAD);
    }

    /** A 1.x Attribute or a 2.x attribute item, from the 2.x element written once. */
    static String attribute(KmipVersion v, String name, String v1Value, String v2Item) {
        if (v.isV2()) {
            return v2Item;
        }
        return "<Attribute><AttributeName type=\"TextString\" value=\"" + name + "\"/>" + v1Value + "</Attribute>";
    }

    static String name(KmipVersion v, String value) {
        String inner = "<NameValue type=\"TextString\" value=\"" + value + "\"/>"
                + "<NameType type=\"Enumeration\" value=\"UninterpretedTextString\"/>";
        return attribute(v, "Name", "<AttributeValue>" + inner + "</AttributeValue>", "<Name>" + inner + "</Name>");
    }

    /** Create an AES-128 key named {@code keyName}. */
    static String createKey(KmipVersion v, String keyName) {
        String attrs = attribute(v, "Cryptographic Algorithm",
                "<AttributeValue type=\"Enumeration\" value=\"AES\"/>",
                "<CryptographicAlgorithm type=\"Enumeration\" value=\"AES\"/>")
                + attribute(v, "Cryptographic Length", "<AttributeValue type=\"Integer\" value=\"128\"/>",
                        "<CryptographicLength type=\"Integer\" value=\"128\"/>")
                + attribute(v, "Cryptographic Usage Mask", "<AttributeValue type=\"Integer\" value=\"Encrypt Decrypt\"/>",
                        "<CryptographicUsageMask type=\"Integer\" value=\"Encrypt Decrypt\"/>")
                + name(v, keyName);
        String wrapped = v.isV2() ? "<Attributes>" + attrs + "</Attributes>" : "<TemplateAttribute>" + attrs + "</TemplateAttribute>";
        return item("Create", "<ObjectType type=\"Enumeration\" value=\"SymmetricKey\"/>" + wrapped);
    }

    /** Register Secret Data (a password) holding {@code hex}, named {@code secretName}. */
    static String registerSecret(KmipVersion v, String secretName, String hex) {
        String attrs = attribute(v, "Cryptographic Usage Mask", "<AttributeValue type=\"Integer\" value=\"Verify\"/>",
                "<CryptographicUsageMask type=\"Integer\" value=\"Verify\"/>") + name(v, secretName);
        String wrapped = v.isV2() ? "<Attributes>" + attrs + "</Attributes>" : "<TemplateAttribute>" + attrs + "</TemplateAttribute>";
        return item("Register", "<ObjectType type=\"Enumeration\" value=\"SecretData\"/>" + wrapped
                + "<SecretData><SecretDataType type=\"Enumeration\" value=\"Password\"/><KeyBlock>"
                + "<KeyFormatType type=\"Enumeration\" value=\"Opaque\"/><KeyValue><KeyMaterial type=\"ByteString\" value=\""
                + hex + "\"/></KeyValue></KeyBlock></SecretData>");
    }
}
