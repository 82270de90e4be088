package io.kmipstack.codec.ttlv;

import static io.kmipstack.codec.ttlv.TtlvTestVectors.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A decoded tree holds ASCII text as views of the message and children in exact-size arrays; it
 * must still behave exactly like a tree built from the factories: equal, same hash, same text,
 * same encoding, and read-only.
 */
class TtlvDecodedTreeTest {

    private static Ttlv decodeText(String asciiHex) {
        byte[] value = hex(asciiHex);
        byte[] msg = new byte[8 + (value.length + 7) / 8 * 8];
        System.arraycopy(hex("42 00 55 | 07"), 0, msg, 0, 4);
        msg[7] = (byte) value.length;
        System.arraycopy(value, 0, msg, 8, value.length);
        return TtlvDecoder.create().decode(msg);
    }

    @Test
    void decodedAsciiTextEqualsBuiltText() {
        Ttlv decoded = decodeText("6B 65 79 31"); // "key1"
        Ttlv built = Ttlv.text(0x420055, "key1");
        assertThat(decoded.textValue()).isEqualTo("key1");
        assertThat(decoded).isEqualTo(built);
        assertThat(built).isEqualTo(decoded);
        assertThat(decoded.hashCode()).isEqualTo(built.hashCode());
        assertThat(decoded).isEqualTo(decodeText("6B 65 79 31"));
        assertThat(decoded.toString()).isEqualTo(built.toString()).isEqualTo("420055:TextString=\"key1\"");
        assertThat(TtlvEncoder.encode(decoded)).isEqualTo(TtlvEncoder.encode(built));
    }

    @Test
    void decodedAsciiTextDiffersFromOtherText() {
        Ttlv decoded = decodeText("6B 65 79 31");
        assertThat(decoded).isNotEqualTo(Ttlv.text(0x420055, "key2"));
        assertThat(decoded).isNotEqualTo(Ttlv.text(0x420055, "key"));
        assertThat(decoded).isNotEqualTo(Ttlv.text(0x420055, "key1 "));
        assertThat(decoded).isNotEqualTo(Ttlv.text(0x420056, "key1"));
        assertThat(decoded).isNotEqualTo(decodeText("6B 65 79 32"));
        assertThat(decoded).isNotEqualTo(decodeText("6B 65 79"));
        // A non-ASCII String never equals an ASCII view of the same length.
        assertThat(decodeText("63 61 66 65")).isNotEqualTo(Ttlv.text(0x420055, "caf\u00E9")); // "cafe" vs "café"
    }

    @Test
    void emptyTextAndEmptyStructure() {
        Ttlv empty = TtlvDecoder.create().decode(hex("42 00 55 | 07 | 00 00 00 00"));
        assertThat(empty).isEqualTo(Ttlv.text(0x420055, ""));
        assertThat(empty.hashCode()).isEqualTo(Ttlv.text(0x420055, "").hashCode());
        Ttlv struct = TtlvDecoder.create().decode(hex("42 00 78 | 01 | 00 00 00 00"));
        assertThat(struct.children()).isEmpty();
        assertThat(struct).isEqualTo(Ttlv.structure(0x420078));
    }

    @Test
    void decodedChildrenAreAReadOnlyListEqualToBuiltOnes() {
        Ttlv decoded = TtlvDecoder.create().decode(TtlvTestVectors.wireMessage("create_aes256_req"));
        List<Ttlv> children = decoded.children();
        assertThat(children).hasSize(2);
        assertThat(children).isEqualTo(List.copyOf(children));
        assertThat(children.hashCode()).isEqualTo(List.copyOf(children).hashCode());
        assertThat(Ttlv.structure(decoded.tag(), children)).isEqualTo(decoded);
        assertThatThrownBy(() -> children.add(children.get(0))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> children.set(0, children.get(1))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> children.remove(0)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> children.get(2)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
