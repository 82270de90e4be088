package io.kmipstack.codec.fuzz;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kmipstack.codec.xml.KmipXml;
import io.kmipstack.codec.xml.KmipXmlException;
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
}
