package io.kmipstack.codec.fuzz;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmipstack.codec.model.KmipDecodingException;
import io.kmipstack.codec.model.ResponseHeader;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.xml.KmipXml;
import io.kmipstack.codec.xml.KmipXmlException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The codec's fuzzing findings, each reduced to the smallest input that shows it. The fuzzer's
 * own inputs stay in the corpora as {@code finding-*} files and run with the fuzz tests.
 */
class FuzzFindingsTest {

    /**
     * Finding 1 (XmlDecoderFuzzTest): a stray {@code &} in the whitespace between elements escaped
     * as Woodstox's unchecked WstxLazyException instead of KmipXmlException, because Woodstox
     * parses text lazily and reports the error only when the text is looked at.
     */
    @Test
    void aMalformedCharacterBetweenElementsIsAKmipXmlException() {
        assertThatThrownBy(() -> KmipXml.read("<RequestMessage>\n &  <RequestHeader/></RequestMessage>"))
                .isInstanceOf(KmipXmlException.class)
                .hasMessageContaining("malformed XML")
                .hasMessageContaining("line 2");
    }

    /**
     * Finding 2 (ModelDecodeFuzzTest): a Date-Time of 0xF9000000_6593_7D25 seconds, far beyond the
     * years java.time can hold, escaped the model's decoders as DateTimeException (on the server:
     * General Failure instead of Invalid Message). TTLV itself allows any 64-bit value, so the
     * model refuses it where it turns one into an Instant.
     */
    @Test
    void aDateTimeBeyondJavaTimeIsInvalidInTheModel() {
        Ttlv huge = Ttlv.dateTime(Tag.TIME_STAMP, 0xF900_0000_6593_7D25L);
        assertThatThrownBy(() -> ResponseHeader.decode(header(huge))).isInstanceOf(KmipDecodingException.class)
                .hasMessageContaining("DateTime value");
        // Control: the latest instant java.time holds decodes.
        ResponseHeader.decode(header(Ttlv.dateTime(Tag.TIME_STAMP, Instant.MAX.getEpochSecond())));
    }

    private static Ttlv header(Ttlv timeStamp) {
        return Ttlv.structure(Tag.RESPONSE_HEADER, List.of(
                Ttlv.structure(Tag.PROTOCOL_VERSION, List.of(Ttlv.integer(Tag.PROTOCOL_VERSION_MAJOR, 1),
                        Ttlv.integer(Tag.PROTOCOL_VERSION_MINOR, 4))),
                timeStamp, Ttlv.integer(Tag.BATCH_COUNT, 1)));
    }
}
