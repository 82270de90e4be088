package io.kmipstack.codec.ttlv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.InputStream;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@link TtlvDecoder#read}: one message off a blocking stream, bounded before allocation. */
class TtlvStreamReadTest {

    private static final Ttlv MESSAGE = Ttlv.structure(0x420078, Ttlv.text(0x420094, "key-1"), Ttlv.integer(0x42000D, 1));

    @Test
    void readsOneMessageAtATimeEvenWhenBytesTrickleIn() throws Exception {
        byte[] one = TtlvEncoder.encode(MESSAGE);
        byte[] two = new byte[one.length * 2];
        System.arraycopy(one, 0, two, 0, one.length);
        System.arraycopy(one, 0, two, one.length, one.length);
        InputStream trickle = new ByteArrayInputStream(two) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 3)); // a socket may hand over any few bytes at a time
            }
        };
        TtlvDecoder decoder = TtlvDecoder.create();
        assertThat(decoder.read(trickle)).isEqualTo(MESSAGE);
        assertThat(decoder.read(trickle)).isEqualTo(MESSAGE);
        assertThatThrownBy(() -> decoder.read(trickle)).isInstanceOf(EOFException.class);
    }

    @Test
    void aTruncatedMessageIsAnEndOfStream() {
        byte[] one = TtlvEncoder.encode(MESSAGE);
        InputStream cut = new ByteArrayInputStream(Arrays.copyOf(one, one.length - 1));
        assertThatThrownBy(() -> TtlvDecoder.create().read(cut)).isInstanceOf(EOFException.class);
    }

    @Test
    void aDeclaredLengthOverTheLimitIsRefusedFromTheHeader() {
        // Header only, declaring 4 GiB - 1: refused before the body is read or allocated.
        byte[] header = {0x42, 0x00, 0x78, 0x01, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF};
        assertThatThrownBy(() -> TtlvDecoder.create(new TtlvLimits(1024, 8)).read(new ByteArrayInputStream(header)))
                .isInstanceOf(TtlvDecodingException.class)
                .hasMessageContaining("message length: 4294967303 (expected: <= 1024)");
    }
}
