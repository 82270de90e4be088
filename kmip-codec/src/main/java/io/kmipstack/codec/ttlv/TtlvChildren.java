package io.kmipstack.codec.ttlv;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The children of a Structure: a read-only list over an exact-size array that the decoder (or
 * {@link Ttlv#structure}, from a copy) hands over and nobody touches again. One 16-byte object instead of an ArrayList, its slack and an
 * unmodifiable wrapper, which matters for messages made of many small Structures.
 */
final class TtlvChildren extends AbstractList<Ttlv> implements RandomAccess {

    static final TtlvChildren EMPTY = new TtlvChildren(new Ttlv[0]);

    private final Ttlv[] items;

    TtlvChildren(Ttlv[] items) {
        this.items = items;
    }

    /** {@code items}, refusing null elements as {@code List.of} would. */
    static Ttlv[] checked(Ttlv[] items) {
        for (Ttlv t : items) {
            java.util.Objects.requireNonNull(t, "child");
        }
        return items;
    }

    /** The array itself, for the encoder's loops; never to be written. */
    Ttlv[] array() {
        return items;
    }

    @Override
    public Ttlv get(int index) {
        return items[index];
    }

    @Override
    public int size() {
        return items.length;
    }
}
