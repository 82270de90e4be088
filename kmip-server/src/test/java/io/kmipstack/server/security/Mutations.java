package io.kmipstack.server.security;

import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvDecoder;
import io.kmipstack.codec.ttlv.TtlvEncoder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seeded mutations of a valid TTLV message that keep its frame intact (the first eight bytes are
 * rewritten to a Request Message Structure whose length is what follows), so that a server must
 * answer each one and stay in step. Half are byte-level (bit flips, random bytes, overwritten length
 * and type fields of inner items, truncation, duplicated and deleted eight-byte runs, TTLV's
 * alignment unit), which mostly yield bytes that are not TTLV; half are tree-level (a child removed,
 * duplicated or moved, a number or enumeration replaced, a text emptied or enlarged), which yield
 * well-formed TTLV that is a wrong request, to exercise the message layer and the handlers.
 */
final class Mutations {

    private Mutations() {
    }

    static byte[] mutate(byte[] valid, Random r) {
        if (r.nextBoolean()) {
            Ttlv tree = TtlvDecoder.create().decode(valid);
            int rounds = 1 + r.nextInt(3);
            for (int i = 0; i < rounds; i++) {
                tree = tree(tree, r, 0);
            }
            return frame(TtlvEncoder.encode(tree.isStructure() ? tree : Ttlv.structure(0x420078, List.of(tree))));
        }
        byte[] m = valid.clone();
        int rounds = 1 + r.nextInt(4);
        for (int i = 0; i < rounds; i++) {
            m = once(m, r);
        }
        return frame(m);
    }

    private static byte[] once(byte[] m, Random r) {
        if (m.length <= 16) {
            return m;
        }
        int at = 8 + r.nextInt(m.length - 8);
        int aligned = 8 + ((at - 8) & ~7);
        switch (r.nextInt(7)) {
            case 0 -> m[at] ^= (byte) (1 << r.nextInt(8));
            case 1 -> m[at] = (byte) r.nextInt(256);
            case 2 -> {
                // An inner item's length field: small changes, zero, or huge.
                if (aligned + 8 <= m.length) {
                    int[] choices = {0, 1, 7, 8, 9, 0x7FFFFFFF, -1, m.length};
                    int len = r.nextBoolean() ? choices[r.nextInt(choices.length)] : r.nextInt(m.length + 16);
                    m[aligned + 4] = (byte) (len >>> 24);
                    m[aligned + 5] = (byte) (len >>> 16);
                    m[aligned + 6] = (byte) (len >>> 8);
                    m[aligned + 7] = (byte) len;
                }
            }
            case 3 -> {
                // An inner item's type byte: any value, including the unassigned ones.
                if (aligned + 3 < m.length) {
                    m[aligned + 3] = (byte) r.nextInt(16);
                }
            }
            case 4 -> m = Arrays.copyOf(m, 8 + r.nextInt(m.length - 8));
            case 5 -> {
                byte[] run = Arrays.copyOfRange(m, aligned, Math.min(m.length, aligned + 8 * (1 + r.nextInt(4))));
                byte[] out = new byte[m.length + run.length];
                System.arraycopy(m, 0, out, 0, aligned);
                System.arraycopy(run, 0, out, aligned, run.length);
                System.arraycopy(m, aligned, out, aligned + run.length, m.length - aligned);
                m = out;
            }
            default -> {
                int n = Math.min(8 * (1 + r.nextInt(3)), m.length - aligned);
                byte[] out = new byte[m.length - n];
                System.arraycopy(m, 0, out, 0, aligned);
                System.arraycopy(m, aligned + n, out, aligned, m.length - aligned - n);
                m = out;
            }
        }
        return m;
    }

    /** Mutates one node somewhere below {@code t}, chosen by walking down at random. */
    private static Ttlv tree(Ttlv t, Random r, int depth) {
        if (t.isStructure() && !t.children().isEmpty() && (depth == 0 || r.nextInt(3) > 0)) {
            List<Ttlv> kids = new ArrayList<>(t.children());
            int i = r.nextInt(kids.size());
            switch (r.nextInt(6)) {
                case 0 -> kids.remove(i);
                case 1 -> kids.add(i, kids.get(i));
                case 2 -> {
                    Ttlv moved = kids.remove(i);
                    kids.add(r.nextInt(kids.size() + 1), moved);
                }
                default -> kids.set(i, tree(kids.get(i), r, depth + 1));
            }
            return Ttlv.structure(t.tag(), kids);
        }
        int[] ints = {0, -1, 1, 2, 0x7FFFFFFF, 0x80000000, 0x40, r.nextInt()};
        return switch (t.type()) {
            case INTEGER -> Ttlv.integer(t.tag(), ints[r.nextInt(ints.length)]);
            case ENUMERATION -> Ttlv.enumeration(t.tag(), ints[r.nextInt(ints.length)]);
            case TEXT_STRING -> Ttlv.text(t.tag(), r.nextBoolean() ? "" : "x".repeat(1 + r.nextInt(3000)));
            case STRUCTURE -> Ttlv.structure(t.tag(), List.of(Ttlv.integer(0x42000D, r.nextInt(4))));
            default -> r.nextBoolean() ? Ttlv.text(t.tag(), "not a " + t.type()) : Ttlv.structure(t.tag(), List.of());
        };
    }

    /** Rewrites the header: tag Request Message, type Structure, length of the rest. */
    private static byte[] frame(byte[] m) {
        byte[] out = m.length < 8 ? Arrays.copyOf(m, 8) : m;
        int len = out.length - 8;
        out[0] = 0x42;
        out[1] = 0x00;
        out[2] = 0x78;
        out[3] = 0x01;
        out[4] = (byte) (len >>> 24);
        out[5] = (byte) (len >>> 16);
        out[6] = (byte) (len >>> 8);
        out[7] = (byte) len;
        return out;
    }
}
