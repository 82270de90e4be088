package io.kmipstack.codec.model;

import io.kmipstack.codec.registry.EnumDef;
import io.kmipstack.codec.registry.EnumValueDef;
import io.kmipstack.codec.registry.KmipEnum;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.Registry;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.TagDef;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.ItemType;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvWriter;
import java.time.Instant;
import java.util.List;

/**
 * The small steps the generated model code is made of: typed reads that check the item type,
 * the errors of a decoder, and the version checks of an encoder. Public because the generated
 * records live in two packages ({@code model} and {@code payload}); not meant for other callers.
 * Each encoding helper that builds a {@code Ttlv} has a {@code write...} twin for
 * {@link TtlvWriter}; both run the same check, so both paths refuse the same input with the same
 * message.
 *
 * <p>Every message names structures, fields, types and versions, never a value.
 */
public final class FieldCodec {

    private FieldCodec() {
    }

    // ----- decoding: item types -----

    public static void requireStructure(Ttlv item, String struct) {
        if (item.type() != ItemType.STRUCTURE) {
            throw new KmipDecodingException(ResultReason.INVALID_MESSAGE,
                    struct + ": type " + item.type().xmlName() + " (expected: Structure)");
        }
    }

    private static void expect(Ttlv c, ItemType type, String struct) {
        if (c.type() != type) {
            throw wrongType(struct, c, type.xmlName());
        }
    }

    public static int integer(Ttlv c, String struct) {
        expect(c, ItemType.INTEGER, struct);
        return c.intValue();
    }

    public static long longInteger(Ttlv c, String struct) {
        expect(c, ItemType.LONG_INTEGER, struct);
        return c.longValue();
    }

    public static Bytes bigInteger(Ttlv c, String struct) {
        expect(c, ItemType.BIG_INTEGER, struct);
        return c.bytesValue();
    }

    public static int enumeration(Ttlv c, String struct) {
        expect(c, ItemType.ENUMERATION, struct);
        return c.intValue();
    }

    public static boolean bool(Ttlv c, String struct) {
        expect(c, ItemType.BOOLEAN, struct);
        return c.booleanValue();
    }

    public static String text(Ttlv c, String struct) {
        expect(c, ItemType.TEXT_STRING, struct);
        return c.textValue();
    }

    public static Bytes bytes(Ttlv c, String struct) {
        expect(c, ItemType.BYTE_STRING, struct);
        return c.bytesValue();
    }

    public static Instant dateTime(Ttlv c, String struct) {
        expect(c, ItemType.DATE_TIME, struct);
        // The TTLV decoder refuses these already; a tree built another way may still hold one.
        long seconds = c.longValue();
        if (seconds < Instant.MIN.getEpochSecond() || seconds > Instant.MAX.getEpochSecond()) {
            throw new KmipDecodingException(ResultReason.INVALID_MESSAGE, struct + "." + Registry.tagName(c.tag())
                    + ": DateTime value " + seconds + " (expected: " + Instant.MIN.getEpochSecond() + " to "
                    + Instant.MAX.getEpochSecond() + ")");
        }
        return c.instantValue();
    }

    public static long interval(Ttlv c, String struct) {
        expect(c, ItemType.INTERVAL, struct);
        return c.longValue();
    }

    public static Instant dateTimeExtended(Ttlv c, String struct) {
        expect(c, ItemType.DATE_TIME_EXTENDED, struct);
        return c.instantValue();
    }

    // ----- decoding: errors -----

    public static KmipDecodingException wrongType(String struct, Ttlv c, String expected) {
        return new KmipDecodingException(ResultReason.INVALID_MESSAGE,
                struct + "." + Registry.tagName(c.tag()) + ": type " + c.type().xmlName() + " (expected: " + expected + ")");
    }

    public static KmipDecodingException unexpected(String struct, Ttlv c) {
        return new KmipDecodingException(ResultReason.INVALID_MESSAGE,
                struct + ": unexpected field " + Registry.tagName(c.tag()));
    }

    public static KmipDecodingException missing(String struct, String field) {
        return new KmipDecodingException(ResultReason.INVALID_MESSAGE, struct + ": missing field " + field);
    }

    public static KmipDecodingException repeated(String struct, String field) {
        return new KmipDecodingException(ResultReason.INVALID_MESSAGE,
                struct + "." + field + ": repeated (expected: at most once)");
    }

    // ----- encoding: versions -----

    private static boolean defined(KmipVersion v, KmipVersion since, KmipVersion until) {
        return v.atLeast(since) && (until == null || until.atLeast(v));
    }

    private static String range(KmipVersion since, KmipVersion until) {
        return until == null ? "since " + since : since + " to " + until;
    }

    /** Refuses to write a structure outside {@code [since, until]}. */
    public static void checkStruct(KmipVersion v, KmipVersion since, KmipVersion until, String struct) {
        if (!defined(v, since, until)) {
            throw new KmipEncodingException(struct + ": not defined in KMIP " + v + " (defined " + range(since, until) + ")");
        }
    }

    /** Refuses to write a present field outside {@code [since, until]}. */
    public static void checkField(KmipVersion v, KmipVersion since, KmipVersion until, String struct, String field) {
        if (!defined(v, since, until)) {
            throw new KmipEncodingException(struct + "." + field + ": not defined in KMIP " + v
                    + " (defined " + range(since, until) + ")");
        }
    }

    /**
     * An Enumeration item, refusing a named value that {@code v} does not define. Values the
     * registry does not name (extensions, vendor values) are the caller's choice and pass.
     */
    public static Ttlv enumeration(int tag, KmipEnum value, KmipVersion v, String struct, String field) {
        checkEnumeration(value, v, struct, field);
        return Ttlv.enumeration(tag, value.value());
    }

    /** {@link #enumeration(int, KmipEnum, KmipVersion, String, String)} into a writer. */
    public static void writeEnumeration(TtlvWriter w, int tag, KmipEnum value, KmipVersion v, String struct, String field) {
        checkEnumeration(value, v, struct, field);
        w.enumeration(tag, value.value());
    }

    private static void checkEnumeration(KmipEnum value, KmipVersion v, String struct, String field) {
        if (value.isKnown() && !value.definedIn(v)) {
            throw new KmipEncodingException(struct + "." + field + ": value " + value.name() + " not defined in KMIP " + v
                    + " (defined " + range(value.since(), value.until()) + ")");
        }
    }

    /** A mask-valued Integer item, refusing a named bit that {@code v} does not define. */
    public static Ttlv mask(int tag, int value, String maskName, KmipVersion v, String struct, String field) {
        checkMask(value, maskName, v, struct, field);
        return Ttlv.integer(tag, value);
    }

    /** {@link #mask} into a writer. */
    public static void writeMask(TtlvWriter w, int tag, int value, String maskName, KmipVersion v, String struct, String field) {
        checkMask(value, maskName, v, struct, field);
        w.integer(tag, value);
    }

    private static void checkMask(int value, String maskName, KmipVersion v, String struct, String field) {
        EnumDef def = Registry.enumeration(maskName);
        if (def != null) {
            for (int rest = value; rest != 0; rest &= rest - 1) {
                EnumValueDef bit = def.byCode(Integer.lowestOneBit(rest));
                if (bit != null && !bit.definedIn(v)) {
                    throw new KmipEncodingException(struct + "." + field + ": bit " + bit.name() + " not defined in KMIP " + v
                            + " (defined " + range(bit.since(), bit.until()) + ")");
                }
            }
        }
    }

    /**
     * Refuses a bag item whose tag {@code v} does not define. Tags the registry does not know
     * (extensions, {@code 0x54XXXX}) pass.
     */
    public static void checkItems(KmipVersion v, List<Ttlv> items, String bag) {
        for (Ttlv item : items) {
            TagDef def = Registry.tag(item.tag());
            if (def != null && !def.definedIn(v)) {
                throw new KmipEncodingException(bag + "." + def.name() + ": not defined in KMIP " + v
                        + " (defined " + range(def.since(), def.until()) + ")");
            }
        }
    }

    // ----- encoding: values -----

    /**
     * A Big Integer item from two's-complement bytes, sign-extended to a multiple of eight bytes
     * when the caller gave a shorter form (bytes already a multiple of eight go out unchanged).
     */
    public static Ttlv bigInteger(int tag, Bytes twosComplement) {
        return Ttlv.bigInteger(tag, signExtended(twosComplement));
    }

    /** {@link #bigInteger(int, Bytes)} into a writer. */
    public static void writeBigInteger(TtlvWriter w, int tag, Bytes twosComplement) {
        w.bigInteger(tag, signExtended(twosComplement));
    }

    private static Bytes signExtended(Bytes twosComplement) {
        int len = twosComplement.length();
        if (len != 0 && len % 8 == 0) {
            return twosComplement;
        }
        int padded = Math.max(8, (len + 7) / 8 * 8);
        byte[] out = new byte[padded];
        if (len > 0 && twosComplement.byteAt(0) < 0) {
            java.util.Arrays.fill(out, 0, padded - len, (byte) 0xFF);
        }
        twosComplement.copyTo(out, padded - len);
        return Bytes.wrap(out);
    }

    public static Ttlv interval(int tag, long seconds, String struct, String field) {
        checkInterval(seconds, struct, field);
        return Ttlv.interval(tag, seconds);
    }

    /** {@link #interval(int, long, String, String)} into a writer. */
    public static void writeInterval(TtlvWriter w, int tag, long seconds, String struct, String field) {
        checkInterval(seconds, struct, field);
        w.interval(tag, seconds);
    }

    private static void checkInterval(long seconds, String struct, String field) {
        if (seconds < 0 || seconds > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(struct + "." + field + ": interval out of range (expected: 0 to 4294967295)");
        }
    }

    /** A Date-Time Extended item: microseconds since the epoch (sub-microsecond digits dropped). */
    public static Ttlv dateTimeExtended(int tag, Instant instant) {
        return Ttlv.dateTimeExtended(tag, micros(instant));
    }

    /** {@link #dateTimeExtended(int, Instant)} into a writer. */
    public static void writeDateTimeExtended(TtlvWriter w, int tag, Instant instant) {
        w.dateTimeExtended(tag, micros(instant));
    }

    private static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000);
    }

    /**
     * {@code item} under another tag (same type and value); {@code item} itself when the tag
     * matches. A writer does this without a copy: {@link TtlvWriter#write(int, Ttlv)}.
     */
    public static Ttlv retag(Ttlv item, int tag) {
        if (item.tag() == tag) {
            return item;
        }
        return switch (item.type()) {
            case STRUCTURE -> Ttlv.structure(tag, item.children());
            case INTEGER -> Ttlv.integer(tag, item.intValue());
            case LONG_INTEGER -> Ttlv.longInteger(tag, item.longValue());
            case BIG_INTEGER -> Ttlv.bigInteger(tag, item.bytesValue());
            case ENUMERATION -> Ttlv.enumeration(tag, item.intValue());
            case BOOLEAN -> Ttlv.bool(tag, item.booleanValue());
            case TEXT_STRING -> Ttlv.text(tag, item.textValue());
            case BYTE_STRING -> Ttlv.bytes(tag, item.bytesValue());
            case DATE_TIME -> Ttlv.dateTime(tag, item.longValue());
            case INTERVAL -> Ttlv.interval(tag, item.longValue());
            case DATE_TIME_EXTENDED -> Ttlv.dateTimeExtended(tag, item.longValue());
        };
    }
}
