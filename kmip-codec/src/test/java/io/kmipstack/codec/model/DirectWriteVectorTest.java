package io.kmipstack.codec.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.testcase.TestCaseFile;
import io.kmipstack.codec.testing.SharedData;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvDecoder;
import io.kmipstack.codec.ttlv.TtlvEncoder;
import io.kmipstack.codec.ttlv.TtlvTestVectors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The direct path ({@code toBytes}, the generated {@code writeTo} methods and
 * {@link io.kmipstack.codec.ttlv.TtlvWriter}) against the tree path
 * ({@code TtlvEncoder.encode(message.encode(v))}) for every message the shared vectors hold: the
 * OASIS KMIP 1.4 and 2.1 test cases, the KMIP 1.1 test-case messages and the PyKMIP 0.10 wire
 * captures, each decoded to a typed message and written for every supported version. Where the
 * tree path gives bytes the direct path must give the same bytes; where it refuses, the direct
 * path must refuse with the same exception type and message.
 */
class DirectWriteVectorTest {

    /** kmip-vectors' README lists 168 files; every one has at least one message. */
    private static final int MIN_OASIS_MESSAGES = 168;
    /** 15 messages in the KMIP 1.1 TSV and 16 PyKMIP captures, as TtlvVectorRoundTripTest counts. */
    private static final int TTLV_MESSAGES = 31;

    private int messages;
    private int identical;
    private int refused;
    private final List<String> failures = new ArrayList<>();

    @Test
    void oasisTestCases() throws Exception {
        Path root = SharedData.path("kmip-vectors");
        for (Path file : TestCaseFile.find(List.of(root))) {
            int i = 0;
            for (Ttlv message : TestCaseFile.read(file).messages()) {
                compareEveryVersion(root.relativize(file) + " message " + i++, message);
            }
        }
        report(MIN_OASIS_MESSAGES);
    }

    @Test
    void ttlvVectors() {
        List<TtlvTestVectors.Message> all = new ArrayList<>(TtlvTestVectors.testCaseMessages());
        all.addAll(TtlvTestVectors.wireMessages());
        assertThat(all).hasSize(TTLV_MESSAGES);
        for (TtlvTestVectors.Message m : all) {
            Ttlv tree = TtlvDecoder.create().decode(m.bytes());
            compareEveryVersion(m.name(), tree);
            // The version the header names gives back the captured bytes themselves.
            assertThat(toBytes(tree, headerVersion(tree))).as(m.name()).isEqualTo(m.bytes());
        }
        report(TTLV_MESSAGES);
    }

    private void report(int minMessages) {
        System.out.println("direct write: " + messages + " messages x " + KmipVersion.SUPPORTED.size() + " versions: "
                + identical + " identical bytes, " + refused + " identical refusals, " + failures.size() + " differences");
        assertThat(failures).isEmpty();
        assertThat(messages).isGreaterThanOrEqualTo(minMessages);
        assertThat(identical + refused).isEqualTo(messages * KmipVersion.SUPPORTED.size());
        // Both outcomes must occur, or half of the comparison checked nothing.
        assertThat(identical).isPositive();
        assertThat(refused).isPositive();
    }

    private void compareEveryVersion(String name, Ttlv tree) {
        messages++;
        Object typed = tree.tag() == Tag.REQUEST_MESSAGE ? RequestMessage.decode(tree) : ResponseMessage.decode(tree);
        for (KmipVersion v : KmipVersion.SUPPORTED) {
            Outcome viaTree = outcome(() -> TtlvEncoder.encode(encode(typed, v)));
            Outcome direct = outcome(() -> toBytes(typed, v));
            if (!viaTree.equals(direct)) {
                failures.add(name + " KMIP " + v + ": tree " + viaTree + ", direct " + direct);
            } else if (viaTree.bytes != null) {
                identical++;
            } else {
                refused++;
            }
        }
    }

    /** Bytes, or the type and message of what was thrown. */
    private record Outcome(Bytes bytes, Class<?> thrown, String message) {
        @Override
        public String toString() {
            return bytes != null ? bytes.length() + " bytes " + bytes.hashCode() : thrown.getSimpleName() + ": " + message;
        }
    }

    private static Outcome outcome(Supplier<byte[]> encoding) {
        try {
            return new Outcome(Bytes.wrap(encoding.get()), null, null);
        } catch (RuntimeException e) {
            return new Outcome(null, e.getClass(), e.getMessage());
        }
    }

    private static Ttlv encode(Object typed, KmipVersion v) {
        return typed instanceof RequestMessage r ? r.encode(v) : ((ResponseMessage) typed).encode(v);
    }

    private static byte[] toBytes(Object typed, KmipVersion v) {
        return typed instanceof RequestMessage r ? r.toBytes(v) : ((ResponseMessage) typed).toBytes(v);
    }

    private static byte[] toBytes(Ttlv tree, KmipVersion v) {
        Function<Ttlv, Object> decode = tree.tag() == Tag.REQUEST_MESSAGE ? RequestMessage::decode : ResponseMessage::decode;
        return toBytes(decode.apply(tree), v);
    }

    private static KmipVersion headerVersion(Ttlv message) {
        Ttlv pv = message.children().get(0).child(Tag.PROTOCOL_VERSION);
        return new KmipVersion(pv.child(Tag.PROTOCOL_VERSION_MAJOR).intValue(), pv.child(Tag.PROTOCOL_VERSION_MINOR).intValue());
    }
}
