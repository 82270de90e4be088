package io.kmipstack.codec.model;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.registry.Registry;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.ttlv.Ttlv;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A TTLV tree that does not fit the typed model: a missing required field, a child the structure
 * does not define, a repeated single field, or an item of the wrong type. The message names the
 * structure and the field, then where in the message the problem sits, as element names from the
 * decoded item down ({@code "RequestHeader: missing field BatchCount at RequestHeader"}); it never
 * contains a value, so it is safe to return to the peer as a Result Message.
 *
 * <p>Result reason: Invalid Message for the shape problems above, Invalid Field for a value that
 * the model rejects.
 */
public final class KmipDecodingException extends KmipException {

    private static final long serialVersionUID = 1L;

    private final String problem;
    // Element names from the item passed to the outermost decode down to the failing item. Filled
    // in while the exception unwinds through the nested decode methods, innermost first.
    private final transient Deque<String> path = new ArrayDeque<>(4);

    public KmipDecodingException(ResultReason reason, String problem) {
        super(reason, problem);
        this.problem = problem;
    }

    /** The problem without the location. */
    public String problem() {
        return problem;
    }

    /** The element names from the decoded item down to the failing one, joined by {@code /}. */
    public String path() {
        return String.join("/", path);
    }

    /**
     * Records that the failure happened inside {@code child} and returns this exception. Generated
     * decoders call it as the exception leaves them; {@code null} (a failure not inside a child)
     * adds nothing.
     */
    public KmipDecodingException within(Ttlv child) {
        if (child != null) {
            path.addFirst(Registry.tagName(child.tag()));
        }
        return this;
    }

    @Override
    public String getMessage() {
        return path.isEmpty() ? problem : problem + " at " + path();
    }
}
