package io.kmipstack.conformance;

import io.kmipstack.codec.ttlv.ItemType;
import io.kmipstack.codec.ttlv.Ttlv;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a request as written in a test case into the request to send, replacing each placeholder:
 * <ul>
 *   <li>{@code $NOW±n}: the current time plus {@code n} seconds, taken when the request is bound;
 *   <li>a named placeholder ({@code $UNIQUE_IDENTIFIER_2}, {@code $IV_COUNTER_NONCE},
 *       {@code $DATA_0}, ...): the value bound to that name from an earlier response;
 *   <li>a named placeholder the expected responses never bind (the 1.4 vectors write the server's
 *       IV or ciphertext as the reference server's literal bytes, then refer to it as
 *       {@code $IV_COUNTER_NONCE} or {@code $DATA_0}): the latest value the server returned under
 *       the same tag in this file.
 * </ul>
 * Anything else is an {@link UnboundPlaceholderException}: the request cannot be sent as the test
 * case means it.
 */
final class RequestBinder {

    private RequestBinder() {
    }

    /** Thrown for a placeholder no earlier response supplied. */
    static final class UnboundPlaceholderException extends Exception {
        private static final long serialVersionUID = 1L;

        UnboundPlaceholderException(String message) {
            super(message);
        }
    }

    static Ttlv bind(Ttlv request, TestCase testCase, Bindings bindings, Instant now) throws UnboundPlaceholderException {
        Placeholder p = testCase.placeholder(request);
        if (p != null) {
            return value(request, p, bindings, now);
        }
        if (!request.isStructure()) {
            return request;
        }
        List<Ttlv> children = request.children();
        List<Ttlv> out = null;
        for (int i = 0; i < children.size(); i++) {
            Ttlv c = children.get(i);
            Ttlv b = bind(c, testCase, bindings, now);
            if (b != c && out == null) {
                out = new ArrayList<>(children.subList(0, i));
            }
            if (out != null) {
                out.add(b);
            }
        }
        return out == null ? request : Ttlv.structure(request.tag(), out);
    }

    private static Ttlv value(Ttlv standIn, Placeholder p, Bindings bindings, Instant now) throws UnboundPlaceholderException {
        int tag = standIn.tag();
        ItemType type = standIn.type();
        if (p.now()) {
            Instant t = now.plusSeconds(p.offsetSeconds());
            return type == ItemType.DATE_TIME_EXTENDED
                    ? Ttlv.dateTimeExtended(tag, t.getEpochSecond() * 1_000_000L + t.getNano() / 1000)
                    : Ttlv.dateTime(tag, t.getEpochSecond());
        }
        Ttlv bound = bindings.named(p.text());
        if (bound == null) {
            bound = bindings.latest(tag);
        }
        if (bound == null) {
            throw new UnboundPlaceholderException(p.text() + " is not bound (no earlier response supplied it)");
        }
        if (bound.type() != type) {
            throw new UnboundPlaceholderException(p.text() + " is bound to a " + bound.type().xmlName()
                    + " (expected: " + type.xmlName() + ")");
        }
        return Items.retag(bound, tag);
    }
}
