package io.kmipstack.server.object;

import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.registry.State;
import io.kmipstack.codec.ttlv.Ttlv;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The attributes of one managed object while a handler works on it: a mutable list of
 * {@link KmipAttribute} instances in their version-neutral (2.x item) form. Every instance carries
 * its 1.x Attribute Index (KMIP 1.4 section 2.1.1): single-valued attributes have index 0; a new
 * instance of a multi-valued attribute gets one more than the highest index in use, and an index
 * never changes while the instance lives, so 1.x clients can address instances whatever was
 * added or deleted meanwhile. Not thread-safe; one handler owns it for one request.
 */
public final class AttributeSet {

    private final List<KmipAttribute> items;

    private AttributeSet(List<KmipAttribute> items) {
        this.items = items;
    }

    /** A working copy of {@code attributes}; instances without an index get one. */
    public static AttributeSet of(List<KmipAttribute> attributes) {
        AttributeSet set = new AttributeSet(new ArrayList<>(attributes.size()));
        for (KmipAttribute a : attributes) {
            if (a.index() != null) {
                set.items.add(a);
            } else {
                set.items.add(new KmipAttribute(a.item(), set.nextIndex(AttributeKey.of(a))));
            }
        }
        return set;
    }

    public static AttributeSet empty() {
        return new AttributeSet(new ArrayList<>());
    }

    /** The instances, in insertion order. */
    public List<KmipAttribute> list() {
        return List.copyOf(items);
    }

    /** Every instance of {@code key}, lowest index first. */
    public List<KmipAttribute> all(AttributeKey key) {
        List<KmipAttribute> out = new ArrayList<>(2);
        for (KmipAttribute a : items) {
            if (matches(a, key)) {
                out.add(a);
            }
        }
        out.sort((x, y) -> Integer.compare(x.index(), y.index()));
        return out;
    }

    public List<KmipAttribute> all(int tag) {
        return all(AttributeKey.of(tag));
    }

    public boolean has(AttributeKey key) {
        for (KmipAttribute a : items) {
            if (matches(a, key)) {
                return true;
            }
        }
        return false;
    }

    public boolean has(int tag) {
        return has(AttributeKey.of(tag));
    }

    /** The instance of {@code key} with {@code index}, or null. */
    public KmipAttribute instance(AttributeKey key, int index) {
        for (KmipAttribute a : items) {
            if (matches(a, key) && a.index() == index) {
                return a;
            }
        }
        return null;
    }

    /** The instance of {@code key} whose value item equals {@code item}'s, or null. */
    public KmipAttribute instance(AttributeKey key, Ttlv item) {
        for (KmipAttribute a : items) {
            if (matches(a, key) && a.item().equals(item)) {
                return a;
            }
        }
        return null;
    }

    /** The value item of the lowest-index instance of {@code tag}, or null. */
    public Ttlv value(int tag) {
        List<KmipAttribute> all = all(tag);
        return all.isEmpty() ? null : all.get(0).value();
    }

    /** Sets a single-valued attribute: replaces every instance by {@code item} (index 0). */
    public void set(Ttlv item) {
        AttributeKey key = AttributeKey.of(KmipAttribute.of(item));
        int at = removeAll(key);
        KmipAttribute a = new KmipAttribute(item, 0);
        if (at >= 0) {
            items.add(at, a);
        } else {
            items.add(a);
        }
    }

    /** Adds an instance with the next free index; returns it. */
    public KmipAttribute add(Ttlv item) {
        KmipAttribute probe = KmipAttribute.of(item);
        KmipAttribute a = new KmipAttribute(item, nextIndex(AttributeKey.of(probe)));
        items.add(a);
        return a;
    }

    /** Replaces {@code instance} by {@code item}, keeping its index and position; returns the new instance. */
    public KmipAttribute replace(KmipAttribute instance, Ttlv item) {
        int at = items.indexOf(instance);
        if (at < 0) {
            throw new IllegalArgumentException("replace: instance " + AttributeKey.of(instance) + " not in the set");
        }
        KmipAttribute a = new KmipAttribute(item, instance.index());
        items.set(at, a);
        return a;
    }

    /** Removes one instance; false if it was not there. */
    public boolean remove(KmipAttribute instance) {
        return items.remove(instance);
    }

    /** Removes every instance of {@code key}; returns the position of the first, or -1 if none. */
    public int removeAll(AttributeKey key) {
        int first = -1;
        for (int i = items.size() - 1; i >= 0; i--) {
            if (matches(items.get(i), key)) {
                items.remove(i);
                first = i;
            }
        }
        return first;
    }

    public int removeAll(int tag) {
        return removeAll(AttributeKey.of(tag));
    }

    public State state() {
        Ttlv v = value(io.kmipstack.codec.registry.Tag.STATE);
        return v == null ? null : State.valueOf(v.intValue());
    }

    /** A Date-Time attribute's value, or null. */
    public Instant date(int tag) {
        Ttlv v = value(tag);
        return v == null ? null : v.instantValue();
    }

    /** An Integer, Enumeration or mask attribute's value, or null. */
    public Integer integer(int tag) {
        Ttlv v = value(tag);
        return v == null ? null : v.intValue();
    }

    /** A Boolean attribute's value, or {@code absent} when it has none. */
    public boolean bool(int tag, boolean absent) {
        Ttlv v = value(tag);
        return v == null ? absent : v.booleanValue();
    }

    /** A Text String attribute's value, or null. */
    public String text(int tag) {
        Ttlv v = value(tag);
        return v == null ? null : v.textValue();
    }

    private int nextIndex(AttributeKey key) {
        int next = 0;
        for (KmipAttribute a : items) {
            if (a.index() != null && matches(a, key)) {
                next = Math.max(next, a.index() + 1);
            }
        }
        return next;
    }

    private static boolean matches(KmipAttribute a, AttributeKey key) {
        if (a.tag() != key.tag()) {
            return false;
        }
        return !key.isVendor() || AttributeKey.of(a).equals(key);
    }
}
