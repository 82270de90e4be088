package io.kmipstack.codec.ttlv;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Property: every well-formed tree encodes to bytes that decode to an equal tree and re-encode to
 * the same bytes, whichever output the encoder writes to. Trees are random but bounded (depth 6,
 * up to 6 children) and seeded, so a failure names a reproducible seed.
 */
class TtlvRoundTripPropertyTest {

    private static final ItemType[] TYPES = ItemType.values();

    @Test
    void randomTreesRoundTrip() {
        for (long seed = 0; seed < 2000; seed++) {
            Random random = new Random(seed);
            Ttlv tree = Ttlv.structure(0x420078, children(random, 1));
            byte[] bytes = TtlvEncoder.encode(tree);
            String where = "seed " + seed;
            assertThat(TtlvEncoder.encodedLength(tree)).as(where).isEqualTo(bytes.length);
            assertThat(bytes.length % 8).as(where).isZero();
            Ttlv decoded = TtlvDecoder.create().decode(bytes);
            assertThat(decoded).as(where).isEqualTo(tree);
            assertThat(decoded.hashCode()).as(where).isEqualTo(tree.hashCode());
            assertThat(TtlvEncoder.encode(decoded)).as(where).isEqualTo(bytes);

            ByteBuf direct = Unpooled.directBuffer(16);
            try {
                direct.writeLong(-1L);
                TtlvEncoder.encode(tree, direct);
                assertThat(ByteBufUtil.getBytes(direct, 8, direct.readableBytes() - 8)).as(where).isEqualTo(bytes);
            } finally {
                direct.release();
            }
        }
    }

    /** Up to six random items, Structures nested down to depth 6; TtlvWriterTest writes the same trees. */
    static List<Ttlv> children(Random random, int depth) {
        int n = random.nextInt(7);
        List<Ttlv> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(item(random, depth));
        }
        return out;
    }

    private static Ttlv item(Random random, int depth) {
        int tag = (random.nextInt(8) == 0 ? 0x540000 : 0x420000) | random.nextInt(0x10000);
        ItemType type = TYPES[random.nextInt(TYPES.length)];
        if (type == ItemType.STRUCTURE && depth >= 6) {
            type = ItemType.INTEGER;
        }
        return switch (type) {
            case STRUCTURE -> Ttlv.structure(tag, children(random, depth + 1));
            case INTEGER -> Ttlv.integer(tag, random.nextInt());
            case LONG_INTEGER -> Ttlv.longInteger(tag, random.nextLong());
            case BIG_INTEGER -> Ttlv.bigInteger(tag, Bytes.wrap(randomBytes(random, 8 * (1 + random.nextInt(4)))));
            case ENUMERATION -> Ttlv.enumeration(tag, random.nextInt());
            case BOOLEAN -> Ttlv.bool(tag, random.nextBoolean());
            case TEXT_STRING -> Ttlv.text(tag, randomText(random));
            case BYTE_STRING -> Ttlv.bytes(tag, Bytes.wrap(randomBytes(random, random.nextInt(41))));
            case DATE_TIME -> Ttlv.dateTime(tag, random.nextLong());
            case INTERVAL -> Ttlv.interval(tag, random.nextLong() & 0xFFFF_FFFFL);
            case DATE_TIME_EXTENDED -> Ttlv.dateTimeExtended(tag, random.nextLong());
        };
    }

    private static byte[] randomBytes(Random random, int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** ASCII most of the time, otherwise any Unicode scalar value (never a lone surrogate). */
    private static String randomText(Random random) {
        int n = random.nextInt(20);
        StringBuilder sb = new StringBuilder();
        boolean ascii = random.nextBoolean();
        for (int i = 0; i < n; i++) {
            int cp;
            if (ascii) {
                cp = random.nextInt(0x80);
            } else {
                do {
                    cp = random.nextInt(0x110000);
                } while (cp >= 0xD800 && cp <= 0xDFFF);
            }
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }
}
