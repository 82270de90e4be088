package io.kmipstack.server.crypto;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.server.object.KeyGeneration;
import java.util.Arrays;

/**
 * RNG Retrieve and RNG Seed (KMIP 1.4 sections 4.35-4.36, 2.1 sections 6.1.49-6.1.50) over the
 * server's one random bit generator, the NIST SP 800-90A DRBG that also makes keys
 * ({@link KeyGeneration#random()}). What a client sends to RNG Seed is mixed into that DRBG as
 * additional input ({@link java.security.SecureRandom#setSeed}: it supplements, never replaces,
 * the generator's own entropy), so a seed can neither weaken nor predict the output. How much of a
 * seed the server takes is its {@link SeedPolicy}: the spec lets it accept all, part or none, or
 * refuse (the four CS-RNG-O test cases show each answer).
 */
public final class Rngs {

    /** The most bytes one RNG Retrieve returns. */
    public static final int MAX_RETRIEVE = 1 << 20;

    private Rngs() {
    }

    /**
     * {@code length} random bytes.
     *
     * @throws KmipException Invalid Field for a length below 1, Server Limit Exceeded (1.x:
     *     Invalid Field) above {@link #MAX_RETRIEVE}
     */
    public static byte[] retrieve(int length, KmipVersion v) {
        if (length < 1) {
            throw CryptoFailures.invalidField("data length: " + length + " (expected: >= 1)");
        }
        if (length > MAX_RETRIEVE) {
            throw CryptoFailures.limit(v, "data length: " + length + " (expected: <= " + MAX_RETRIEVE + ")");
        }
        byte[] out = new byte[length];
        KeyGeneration.random().nextBytes(out);
        return out;
    }

    /**
     * How much of an RNG Seed the server takes: up to {@code maxBytes} of it, or none and the
     * request refused with Permission Denied when {@code refused}.
     */
    public record SeedPolicy(boolean refused, int maxBytes) {

        public SeedPolicy {
            if (maxBytes < 0) {
                throw new IllegalArgumentException("maxBytes: " + maxBytes + " (expected: >= 0)");
            }
        }

        /** Takes every byte (the default). */
        public static SeedPolicy acceptAll() {
            return new SeedPolicy(false, Integer.MAX_VALUE);
        }

        /** Takes at most {@code maxBytes} of each seed and says so in Data Length. */
        public static SeedPolicy acceptUpTo(int maxBytes) {
            return new SeedPolicy(false, maxBytes);
        }

        /** Answers success with Data Length 0: the seed is not used. */
        public static SeedPolicy ignore() {
            return new SeedPolicy(false, 0);
        }

        /** Refuses RNG Seed with Permission Denied. */
        public static SeedPolicy deny() {
            return new SeedPolicy(true, 0);
        }
    }

    /**
     * Mixes what {@code policy} accepts of {@code seed} into the DRBG; the number of bytes used.
     *
     * @throws KmipException Permission Denied when the policy refuses seeding
     */
    public static int seed(byte[] seed, SeedPolicy policy) {
        if (policy.refused()) {
            throw new KmipException(ResultReason.PERMISSION_DENIED, "RNG Seed: refused by this server's seeding policy");
        }
        int used = Math.min(seed.length, policy.maxBytes());
        if (used > 0) {
            KeyGeneration.random().setSeed(used == seed.length ? seed : Arrays.copyOf(seed, used));
        }
        return used;
    }
}
