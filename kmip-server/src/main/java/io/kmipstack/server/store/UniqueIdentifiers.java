package io.kmipstack.server.store;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Unique Identifiers the stores hand out: time-ordered (version 7, RFC 9562) UUIDs in their usual
 * text form: 48 bits of Unix time in milliseconds, then 74 random bits from {@link SecureRandom}.
 * Identifiers made later sort later, so every index keyed by identifier (the objects' and the
 * attribute rows', and the attribute match index within each value) grows at its end instead of at
 * random places: a Create touches a few hot pages rather than a page per index all over the
 * database file, which is what bounded durable Creates per second (docs/benchmarks.md).
 * Uniqueness across restarts needs no stored counter: 74 random bits per millisecond make a repeat
 * practically impossible, and the stores refuse to insert an identifier they already hold, so a
 * repeat could never overwrite an object. They are not meant to be secret (access control, not
 * guessing, protects objects); an identifier does tell when its object was made, as the object's
 * Initial Date does to whoever may read it.
 */
final class UniqueIdentifiers {

    private static final SecureRandom RANDOM = new SecureRandom();

    private UniqueIdentifiers() {
    }

    static String next() {
        return of(System.currentTimeMillis(), RANDOM.nextLong(), RANDOM.nextLong()).toString();
    }

    /** The version 7 UUID for {@code millis} with random bits taken from {@code a} and {@code b}. */
    static UUID of(long millis, long a, long b) {
        long msb = (millis << 16) | 0x7000L | (a & 0x0FFFL);
        long lsb = (b & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(msb, lsb);
    }
}
