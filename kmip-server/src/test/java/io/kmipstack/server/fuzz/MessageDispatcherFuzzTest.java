package io.kmipstack.server.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kmipstack.codec.model.ResponseBatchItem;
import io.kmipstack.codec.model.ResponseMessage;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvDecoder;
import io.kmipstack.codec.ttlv.TtlvDecodingException;
import io.kmipstack.codec.ttlv.TtlvEncoder;
import io.kmipstack.server.message.MessageDispatcher;
import io.kmipstack.server.op.Handlers;
import io.kmipstack.server.store.ObjectStores;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Fuzzes the server's message handling as the TTLV port drives it: bytes cut into TTLV frames (up
 * to {@value #MAX_MESSAGES} per input, so that one input can create an object and then work on
 * it), each decoded and handed to a {@link MessageDispatcher} with the standard handlers and a
 * fresh in-memory store, or answered as undecodable. Contract for every message: an answer comes
 * back (the dispatcher never throws), it encodes as TTLV and decodes as a Response Message, and no
 * batch item carries the dispatcher's "internal error", which it only sends when a handler or the
 * store threw something unexpected: a malformed request must be refused for a reason, never
 * crash its way to General Failure. Seeded with the requests of the OASIS test cases.
 */
class MessageDispatcherFuzzTest {

    static final int MAX_MESSAGES = 4;
    private static final TtlvDecoder DECODER = TtlvDecoder.create();

    @FuzzTest
    void handle(byte[] data) {
        MessageDispatcher dispatcher = MessageDispatcher.builder()
                .handlers(Handlers.standard())
                .store(ObjectStores.memory())
                .admins(Set.of("ops"))
                .build();
        for (byte[] frame : frames(data)) {
            Ttlv response;
            try {
                response = dispatcher.handle(DECODER.decode(frame), "alice", "127.0.0.1:1");
            } catch (TtlvDecodingException e) {
                response = dispatcher.handleUndecodable(Bytes.wrap(frame), e.getMessage(), "alice", "127.0.0.1:1");
            }
            check(response);
        }
    }

    private static void check(Ttlv response) {
        byte[] encoded = TtlvEncoder.encode(response);
        ResponseMessage m = ResponseMessage.decode(DECODER.decode(encoded));
        for (ResponseBatchItem item : m.batchItem()) {
            if (ResultReason.GENERAL_FAILURE.equals(item.resultReason()) && "internal error".equals(item.resultMessage())) {
                throw new AssertionError("the server failed unexpectedly on "
                        + (item.operation() == null ? "the message" : item.operation().name()) + " (see the log)");
            }
        }
    }

    /** Cuts {@code data} at the lengths its TTLV headers declare; the last frame takes what is left. */
    static List<byte[]> frames(byte[] data) {
        List<byte[]> out = new ArrayList<>();
        int at = 0;
        while (at < data.length && out.size() < MAX_MESSAGES) {
            long declared = at + 8 <= data.length
                    ? ((data[at + 4] & 0xFFL) << 24 | (data[at + 5] & 0xFF) << 16 | (data[at + 6] & 0xFF) << 8 | (data[at + 7] & 0xFF))
                    : Long.MAX_VALUE;
            int end = out.size() == MAX_MESSAGES - 1 || declared > data.length - at - 8 ? data.length : at + 8 + (int) declared;
            out.add(Arrays.copyOfRange(data, at, end));
            at = end;
        }
        return out;
    }
}
