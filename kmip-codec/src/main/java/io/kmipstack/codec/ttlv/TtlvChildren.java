package io.kmipstack.codec.ttlv;

import java.util.AbstractList;
import java.util.RandomAccess;

/**
 * The children of a decoded Structure: a read-only list over an exact-size array that the decoder
 * hands over and never touches again. One 16-byte object instead of an ArrayList, its slack and an
 * unmodifiable wrapper, which matters for messages made of many small Structures.
 */
final class TtlvChildren extends AbstractList<Ttlv> implements RandomAccess {

    private final Ttlv[] items;

    TtlvChildren(Ttlv[] items) {
        this.items = items;
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
