package io.kmipstack.conformance;

/**
 * How the messages of one test-case file travel. Every file goes as binary TTLV over mutual TLS
 * except the three Additional Message Encodings files, whose point is the transport: MSGENC-HTTPS
 * posts TTLV over HTTPS, MSGENC-XML and MSGENC-JSON post the XML and JSON encodings (KMIP
 * Additional Message Encodings 1.0, sections 2, 4 and 6). Their XML content is the same; only the
 * wire differs.
 */
public enum Wire {
    /** Binary TTLV frames over a mutual-TLS connection (the KMIP default, port 5696). */
    TTLV("TTLV over TLS", null),
    /** HTTP POST over TLS with a TTLV body. */
    HTTPS_TTLV("TTLV over HTTPS", "application/octet-stream"),
    /** HTTP POST over TLS with an XML body. */
    HTTPS_XML("XML over HTTPS", "text/xml"),
    /** HTTP POST over TLS with a JSON body. */
    HTTPS_JSON("JSON over HTTPS", "application/json");

    private final String description;
    private final String contentType;

    Wire(String description, String contentType) {
        this.description = description;
        this.contentType = contentType;
    }

    /** True for the three HTTPS wires. */
    public boolean isHttps() {
        return contentType != null;
    }

    /** The HTTP Content-Type of a body on this wire; {@code null} for {@link #TTLV}. */
    public String contentType() {
        return contentType;
    }

    /** The wire a test-case file of this name needs: by its {@code MSGENC-*} prefix, else TTLV. */
    public static Wire forTestCase(String name) {
        if (name.startsWith("MSGENC-HTTPS")) {
            return HTTPS_TTLV;
        }
        if (name.startsWith("MSGENC-XML")) {
            return HTTPS_XML;
        }
        if (name.startsWith("MSGENC-JSON")) {
            return HTTPS_JSON;
        }
        return TTLV;
    }

    @Override
    public String toString() {
        return description;
    }
}
