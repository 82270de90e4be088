package io.kmipstack.conformance;

import io.kmipstack.codec.registry.Registry;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Ttlv;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Edits of a TTLV tree by tag path, for the deviation tests: {@code "BatchItem/ResponsePayload/Data"}
 * names the first child with each tag from the root; {@code "Attribute[2]"} the third with that tag.
 */
final class Edits {

    private Edits() {
    }

    /** {@code root} with the item at {@code path} replaced by {@code f} of it; {@code f} answering {@code null} removes it. */
    static Ttlv replace(Ttlv root, String path, UnaryOperator<Ttlv> f) {
        String[] steps = path.split("/");
        return replace(root, steps, 0, f);
    }

    /** {@code root} with {@code item} added as the last child of the structure at {@code path} ("" for the root). */
    static Ttlv append(Ttlv root, String path, Ttlv item) {
        UnaryOperator<Ttlv> add = s -> {
            List<Ttlv> c = new ArrayList<>(s.children());
            c.add(item);
            return Ttlv.structure(s.tag(), c);
        };
        return path.isEmpty() ? add.apply(root) : replace(root, path, add);
    }

    /** The item at {@code path}. */
    static Ttlv get(Ttlv root, String path) {
        Ttlv at = root;
        for (String step : path.split("/")) {
            at = at.children().get(index(at, step));
        }
        return at;
    }

    /** The 0-based index of the first expected response whose (first) batch item has {@code operation}. */
    static int firstResponse(TestCase tc, String operation) {
        for (int i = 0; i < tc.size(); i++) {
            Ttlv item = tc.expected(i).child(Tag.BATCH_ITEM);
            Ttlv op = item.child(Tag.OPERATION);
            if (io.kmipstack.codec.registry.Operation.valueOf(op.intValue()).name().equals(operation)) {
                return i;
            }
        }
        throw new IllegalArgumentException(tc.name() + " has no " + operation + " response");
    }

    /** {@code "BatchItem"} or {@code "BatchItem[k]"}: the path of the batch item of {@code response} with {@code operation}. */
    static String item(Ttlv response, String operation) {
        List<Ttlv> items = response.children(Tag.BATCH_ITEM);
        for (int k = 0; k < items.size(); k++) {
            Ttlv op = items.get(k).child(Tag.OPERATION);
            if (io.kmipstack.codec.registry.Operation.valueOf(op.intValue()).name().equals(operation)) {
                return items.size() == 1 ? "BatchItem" : "BatchItem[" + k + "]";
            }
        }
        throw new IllegalArgumentException("no " + operation + " item");
    }

    private static Ttlv replace(Ttlv at, String[] steps, int k, UnaryOperator<Ttlv> f) {
        int idx = index(at, steps[k]);
        List<Ttlv> children = new ArrayList<>(at.children());
        Ttlv child = children.get(idx);
        Ttlv replaced = k == steps.length - 1 ? f.apply(child) : replace(child, steps, k + 1, f);
        if (replaced == null) {
            children.remove(idx);
        } else {
            children.set(idx, replaced);
        }
        return Ttlv.structure(at.tag(), children);
    }

    private static int index(Ttlv at, String step) {
        String name = step;
        int ordinal = 0;
        int bracket = step.indexOf('[');
        if (bracket > 0) {
            name = step.substring(0, bracket);
            ordinal = Integer.parseInt(step.substring(bracket + 1, step.length() - 1));
        }
        int tag = Registry.tagByName(name).code();
        List<Ttlv> children = at.children();
        for (int i = 0, seen = 0; i < children.size(); i++) {
            if (children.get(i).tag() == tag && seen++ == ordinal) {
                return i;
            }
        }
        throw new IllegalArgumentException(step + ": not in " + Registry.tagName(at.tag()));
    }
}
