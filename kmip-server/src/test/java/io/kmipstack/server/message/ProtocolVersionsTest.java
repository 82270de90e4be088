package io.kmipstack.server.message;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.codec.model.ProtocolVersion;
import io.kmipstack.codec.model.RequestHeader;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvEncoder;
import org.junit.jupiter.api.Test;

class ProtocolVersionsTest {

    @Test
    void supportedVersionsAreKeptLaterMinorsFallBackOthersAreRefused() {
        assertThat(ProtocolVersions.negotiate(KmipVersion.V1_0)).isEqualTo(KmipVersion.V1_0);
        assertThat(ProtocolVersions.negotiate(KmipVersion.V2_0)).isEqualTo(KmipVersion.V2_0);
        assertThat(ProtocolVersions.negotiate(new KmipVersion(1, 9))).isEqualTo(KmipVersion.V1_4);
        assertThat(ProtocolVersions.negotiate(new KmipVersion(2, 2))).isEqualTo(KmipVersion.V2_1);
        assertThat(ProtocolVersions.negotiate(new KmipVersion(3, 0))).isNull();
        assertThat(ProtocolVersions.negotiate(new KmipVersion(0, 9))).isNull();
        assertThat(ProtocolVersions.refusalVersion(new KmipVersion(3, 0))).isEqualTo(KmipVersion.V2_1);
        assertThat(ProtocolVersions.refusalVersion(new KmipVersion(0, 9))).isEqualTo(KmipVersion.V1_0);
    }

    @Test
    void theVersionIsReadFromTheIntactStartOfBrokenBytes() {
        Ttlv message = Ttlv.structure(Tag.REQUEST_MESSAGE,
                RequestHeader.of(new ProtocolVersion(1, 3), 1).encode(KmipVersion.V1_3));
        byte[] bytes = TtlvEncoder.encode(message);
        // 42 00 78 01 | len | 42 00 77 01 | len | 42 00 69 01 00 00 00 20 | 42 00 6A 02 00 00 00 04 00 00 00 01 ...
        assertThat(ProtocolVersions.sniff(Bytes.wrap(bytes))).isEqualTo(KmipVersion.V1_3);

        bytes[19] = 0x02; // Protocol Version no longer a Structure
        assertThat(ProtocolVersions.sniff(Bytes.wrap(bytes))).isNull();
        assertThat(ProtocolVersions.sniff(Bytes.fromHex("420078"))).isNull();
        assertThat(ProtocolVersions.forMalformed(null)).isEqualTo(KmipVersion.V1_0);
    }

    @Test
    void theVersionIsReadFromATreeAsFarAsItGoes() {
        Ttlv ok = Ttlv.structure(Tag.REQUEST_MESSAGE, Ttlv.structure(Tag.REQUEST_HEADER,
                new ProtocolVersion(2, 0).encode(Tag.PROTOCOL_VERSION, KmipVersion.V2_0)));
        Ttlv noHeader = Ttlv.structure(Tag.REQUEST_MESSAGE);
        Ttlv textMajor = Ttlv.structure(Tag.REQUEST_MESSAGE, Ttlv.structure(Tag.REQUEST_HEADER,
                Ttlv.structure(Tag.PROTOCOL_VERSION, Ttlv.text(Tag.PROTOCOL_VERSION_MAJOR, "2"),
                        Ttlv.integer(Tag.PROTOCOL_VERSION_MINOR, 0))));

        assertThat(ProtocolVersions.sniff(ok)).isEqualTo(KmipVersion.V2_0);
        assertThat(ProtocolVersions.sniff(noHeader)).isNull();
        assertThat(ProtocolVersions.sniff(textMajor)).isNull();
    }
}
