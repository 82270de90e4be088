package io.kmipstack.codec.xml;

import io.kmipstack.codec.registry.EnumDef;
import io.kmipstack.codec.registry.EnumValueDef;
import io.kmipstack.codec.registry.Registry;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.registry.TagDef;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.ItemType;
import io.kmipstack.codec.ttlv.Ttlv;
import java.math.BigInteger;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The text forms of KMIP tags and values that the XML and JSON encodings share (KMIP Additional
 * Message Encodings 1.0, sections 4.1 "JSON Encoding" and 6.1 "XML Encoding": hex
 * representations, tags, normalized names, values): a tag is its normalized name or {@code 0x}
 * and six hex digits; an enumeration value is its normalized name or {@code 0x} and eight hex
 * digits; a mask is the names of its bits; numbers may also be written as {@code 0x} hex; Byte
 * Strings and Big Integers are hex; Date-Times are ISO 8601 with an offset.
 *
 * <p>Which table names an Enumeration or mask value is decided by {@link Scope}: usually the
 * item's own tag, but a KMIP 1.x Attribute Value takes the table of the attribute its sibling
 * Attribute Name names, and a KMIP 2.x Attribute Reference enumerates tags. Used by
 * {@link KmipXml} and {@code io.kmipstack.codec.json.KmipJson}; errors are
 * {@link IllegalArgumentException}s without value bytes, which the readers wrap with a position.
 */
public final class KmipText {

    private static final HexFormat HEX = HexFormat.of();

    // DateTime: seconds precision, always written in UTC with an explicit +00:00 offset, as the
    // OASIS test cases write their fixed dates.
    private static final DateTimeFormatter SECONDS = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .appendOffset("+HH:MM", "+00:00")
            .toFormatter(Locale.ROOT);
    private static final DateTimeFormatter MICROS = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .appendFraction(ChronoField.MICRO_OF_SECOND, 6, 6, true)
            .appendOffset("+HH:MM", "+00:00")
            .toFormatter(Locale.ROOT);
    // 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z: outside these ISO 8601 needs an expanded
    // year that not every reader accepts, so such values are written in hex instead.
    private static final long MIN_ISO_SECONDS = -62135596800L;
    private static final long MAX_ISO_SECONDS = 253402300799L;

    private KmipText() {
    }

    // ---------------------------------------------------------------- tags

    /** The normalized name of {@code tag} ({@code "ActivationDate"}), or {@code null} if unknown. */
    public static String tagName(int tag) {
        TagDef def = Registry.tag(tag);
        return def == null ? null : def.name();
    }

    /** {@code 0x} and six uppercase hex digits: {@code "0x540001"}. */
    public static String hexTag(int tag) {
        return String.format("0x%06X", tag);
    }

    /**
     * The tag a name or hex form denotes.
     *
     * @throws IllegalArgumentException if {@code text} is neither a known tag name nor {@code 0x}
     *     and six hex digits in the KMIP (42XXXX) or extension (54XXXX) range
     */
    public static int parseTag(String text) {
        if (isHexPrefixed(text)) {
            return parseHexTag(text);
        }
        TagDef def = Registry.tagByName(text);
        if (def == null) {
            throw new IllegalArgumentException("unknown tag: " + text + " (expected: a KMIP tag name or 0x and 6 hex digits)");
        }
        return def.code();
    }

    /** Parses {@code 0x} and six hex digits as a tag in the 42XXXX or 54XXXX range. */
    public static int parseHexTag(String text) {
        if (!isHexPrefixed(text) || text.length() != 8 || !isHexDigits(text, 2)) {
            throw new IllegalArgumentException("tag: " + text + " (expected: 0x and 6 hex digits)");
        }
        int tag = Integer.parseInt(text, 2, 8, 16);
        int prefix = tag >>> 16;
        if (prefix != 0x42 && prefix != 0x54) {
            throw new IllegalArgumentException("tag: " + text + " (expected: 0x42XXXX or 0x54XXXX)");
        }
        return tag;
    }

    // ---------------------------------------------------------------- numbers

    static boolean isHexPrefixed(String text) {
        return text.length() > 2 && text.charAt(0) == '0' && (text.charAt(1) == 'x' || text.charAt(1) == 'X');
    }

    private static boolean isHexDigits(CharSequence s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return s.length() > from;
    }

    /**
     * Parses {@code 0x} followed by one to {@code 2 * bytes} hex digits as an unsigned value of
     * that width; the bits are returned as they would sit in the TTLV value field.
     */
    public static long parseHex(String text, int bytes, String what) {
        int digits = text.length() - 2;
        if (!isHexPrefixed(text) || digits > 2 * bytes || !isHexDigits(text, 2)) {
            throw new IllegalArgumentException(what + " value: not hex (expected: 0x and 1 to " + 2 * bytes + " hex digits)");
        }
        return Long.parseUnsignedLong(text, 2, text.length(), 16);
    }

    /** A 32-bit value written as decimal (signed) or {@code 0x} hex (its bit pattern). */
    public static int parseInt32(String text, String what) {
        if (isHexPrefixed(text)) {
            return (int) parseHex(text, 4, what);
        }
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " value: not a 32-bit integer (expected: decimal or 0x and 1 to 8 hex digits)");
        }
    }

    /** A 64-bit value written as decimal (signed) or {@code 0x} hex (its bit pattern). */
    public static long parseInt64(String text, String what) {
        if (isHexPrefixed(text)) {
            return parseHex(text, 8, what);
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(what + " value: not a 64-bit integer (expected: decimal or 0x and 1 to 16 hex digits)");
        }
    }

    /** An Interval: unsigned seconds, decimal or {@code 0x} hex, at most 2^32-1. */
    public static long parseInterval(String text) {
        if (isHexPrefixed(text)) {
            return parseHex(text, 4, "Interval");
        }
        long v;
        try {
            v = Long.parseLong(text);
        } catch (NumberFormatException e) {
            v = -1;
        }
        if (v < 0 || v > 0xFFFF_FFFFL || text.charAt(0) == '+') {
            throw new IllegalArgumentException("Interval value: not seconds (expected: 0 to 4294967295)");
        }
        return v;
    }

    /** {@code true}, {@code false}, or the eight-byte hex forms of 1 and 0. */
    public static boolean parseBoolean(String text) {
        switch (text) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                if (isHexPrefixed(text)) {
                    long v = parseHex(text, 8, "Boolean");
                    if (v == 0 || v == 1) {
                        return v == 1;
                    }
                }
                throw new IllegalArgumentException("Boolean value: not a boolean (expected: true, false or 0x0000000000000001)");
        }
    }

    // ---------------------------------------------------------------- bytes

    /** Lowercase hex without prefix, as the OASIS test cases write Byte Strings. */
    public static String hex(Bytes bytes) {
        return HEX.formatHex(bytes.toByteArray());
    }

    /** Hex digits without prefix, an even number of them (none for an empty Byte String). */
    public static Bytes parseHexBytes(String text, String what) {
        if (text.length() % 2 != 0 || (!text.isEmpty() && !isHexDigits(text, 0))) {
            throw new IllegalArgumentException(what + " value: not hex (expected: an even number of hex digits)");
        }
        return Bytes.fromHex(text);
    }

    /**
     * A Big Integer's two's-complement bytes in hex, optionally prefixed {@code 0x}. Bytes are kept
     * as written when their length is a multiple of eight, as TTLV needs; otherwise the number is
     * sign-extended to the next multiple.
     */
    public static Ttlv parseBigInteger(int tag, String text) {
        String digits = isHexPrefixed(text) ? text.substring(2) : text;
        if (digits.isEmpty() || digits.length() % 2 != 0 || !isHexDigits(digits, 0)) {
            throw new IllegalArgumentException("BigInteger value: not hex (expected: an even number of hex digits)");
        }
        byte[] b = HEX.parseHex(digits);
        if (b.length % 8 == 0) {
            return Ttlv.bigInteger(tag, Bytes.wrap(b));
        }
        return Ttlv.bigInteger(tag, new BigInteger(b));
    }

    // ---------------------------------------------------------------- date-times

    /** ISO 8601 in UTC ({@code 2001-01-01T00:00:00+00:00}), or hex when outside years 1 to 9999. */
    public static String formatDateTime(long epochSeconds) {
        if (epochSeconds < MIN_ISO_SECONDS || epochSeconds > MAX_ISO_SECONDS) {
            return String.format("0x%016X", epochSeconds);
        }
        return SECONDS.format(OffsetDateTime.ofInstant(Instant.ofEpochSecond(epochSeconds), ZoneOffset.UTC));
    }

    /** ISO 8601 with an offset and whole seconds, or {@code 0x} and up to 16 hex digits. */
    public static long parseDateTime(String text) {
        if (isHexPrefixed(text)) {
            return parseHex(text, 8, "DateTime");
        }
        Instant t = parseIso(text, "DateTime");
        if (t.getNano() != 0) {
            throw new IllegalArgumentException("DateTime value: fractional seconds (expected: whole seconds)");
        }
        return t.getEpochSecond();
    }

    /** ISO 8601 in UTC with six fraction digits, or hex when outside years 1 to 9999. */
    public static String formatDateTimeExtended(long epochMicros) {
        long seconds = Math.floorDiv(epochMicros, 1_000_000L);
        if (seconds < MIN_ISO_SECONDS || seconds > MAX_ISO_SECONDS) {
            return String.format("0x%016X", epochMicros);
        }
        Instant t = Instant.ofEpochSecond(seconds, Math.floorMod(epochMicros, 1_000_000L) * 1000L);
        return MICROS.format(OffsetDateTime.ofInstant(t, ZoneOffset.UTC));
    }

    /** ISO 8601 with an offset and at most microsecond precision, or {@code 0x} hex microseconds. */
    public static long parseDateTimeExtended(String text) {
        if (isHexPrefixed(text)) {
            return parseHex(text, 8, "DateTimeExtended");
        }
        Instant t = parseIso(text, "DateTimeExtended");
        if (t.getNano() % 1000 != 0) {
            throw new IllegalArgumentException("DateTimeExtended value: sub-microsecond digits (expected: at most 6 fraction digits)");
        }
        try {
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1000);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("DateTimeExtended value: out of range (expected: a 64-bit microsecond count)");
        }
    }

    private static Instant parseIso(String text, String what) {
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        } catch (DateTimeException e) {
            throw new IllegalArgumentException(what + " value: not ISO 8601 (expected: e.g. 2001-01-01T10:00:00+10:00)");
        }
    }

    // ---------------------------------------------------------------- symbolic values

    /**
     * One registry table of symbolic names for Enumeration values or Integer mask bits. The 2.x
     * Attribute Reference, an "Enumeration (Tag)", uses the registry's {@code Tag} table, whose
     * names are the tag names.
     */
    public static final class Symbols {

        // One per registry table, so that a mask's sorted bits are computed once.
        private static final Map<String, Symbols> BY_TABLE = new ConcurrentHashMap<>();

        private final EnumDef def; // null when the registry lacks the table a tag names
        private final List<EnumValueDef> bitsAscending;

        private Symbols(EnumDef def) {
            this.def = def;
            List<EnumValueDef> bits = new ArrayList<>(def == null ? List.of() : def.values());
            bits.sort(Comparator.comparingLong(v -> v.code() & 0xFFFF_FFFFL));
            this.bitsAscending = List.copyOf(bits);
        }

        /** Whether these are mask bits (an Integer written as names) rather than enumeration values. */
        public boolean isMask() {
            return def.isMask();
        }

        /** The table's name, for messages: {@code "CryptographicAlgorithm"}. */
        public String name() {
            return def.name();
        }

        /** The normalized name of {@code value}, or {@code 0x} and eight hex digits if it has none. */
        public String format(int value) {
            EnumValueDef v = def.byCode(value);
            return v != null ? v.name() : String.format("0x%08X", value);
        }

        /**
         * The value a normalized name or {@code 0x} hex denotes.
         *
         * @throws IllegalArgumentException for a name this table does not have
         */
        public int parse(String text) {
            if (isHexPrefixed(text)) {
                return (int) parseHex(text, 4, "Enumeration");
            }
            EnumValueDef v = def.byName(text);
            if (v != null) {
                return v.code();
            }
            throw new IllegalArgumentException("unknown " + name() + " name: " + text);
        }

        /**
         * The names of the bits set in {@code mask}, lowest bit first, joined by {@code separator};
         * bits without a name are appended as one {@code 0x} hex word. {@code null} for zero,
         * which the caller writes as a plain number.
         */
        public String formatMask(int mask, String separator) {
            if (mask == 0) {
                return null;
            }
            StringBuilder sb = new StringBuilder();
            int rest = mask;
            for (EnumValueDef bit : bitsAscending) {
                int code = bit.code();
                if (code != 0 && (rest & code) == code) {
                    if (sb.length() > 0) {
                        sb.append(separator);
                    }
                    sb.append(bit.name());
                    rest &= ~code;
                }
            }
            if (rest != 0) {
                if (sb.length() > 0) {
                    sb.append(separator);
                }
                sb.append(String.format("0x%08X", rest));
            }
            return sb.toString();
        }

        /**
         * A mask written as a decimal number, or as words (bit names or {@code 0x} hex) that
         * {@code separator} splits; the words' values are or-ed.
         */
        public int parseMask(String text, char separator) {
            String trimmed = text.strip();
            if (!trimmed.isEmpty() && (Character.isDigit(trimmed.charAt(0)) || trimmed.charAt(0) == '-')
                    && !isHexPrefixed(trimmed)) {
                return parseInt32(trimmed, "Integer");
            }
            int mask = 0;
            int words = 0;
            int start = 0;
            for (int i = 0; i <= text.length(); i++) {
                if (i == text.length() || text.charAt(i) == separator
                        || (separator == ' ' && Character.isWhitespace(text.charAt(i)))) {
                    String word = text.substring(start, i).strip();
                    start = i + 1;
                    if (word.isEmpty()) {
                        if (separator == ' ') {
                            continue; // runs of spaces separate, as XML list values do
                        }
                        throw new IllegalArgumentException(name() + " mask: empty word (expected: names separated by " + separator + ")");
                    }
                    mask |= parseBit(word);
                    words++;
                }
            }
            if (words == 0) {
                throw new IllegalArgumentException(name() + " mask: empty (expected: names or a number)");
            }
            return mask;
        }

        private int parseBit(String word) {
            if (isHexPrefixed(word)) {
                return (int) parseHex(word, 4, "Integer");
            }
            EnumValueDef v = def.byName(word);
            if (v == null) {
                throw new IllegalArgumentException("unknown " + name() + " name: " + word);
            }
            return v.code();
        }

        /**
         * The table naming {@code tag}'s values when it has {@code type}, or {@code null} when its
         * values are plain numbers (no table, or a table of the other kind).
         */
        static Symbols forTag(int tag, ItemType type) {
            if (type != ItemType.ENUMERATION && type != ItemType.INTEGER) {
                return null;
            }
            TagDef t = Registry.tag(tag);
            if (t == null || t.enumeration() == null || t.enumeration().isEmpty()) {
                return null;
            }
            Symbols s = BY_TABLE.computeIfAbsent(t.enumeration(), name -> new Symbols(Registry.enumeration(name)));
            return s.def == null || s.def.isMask() != (type == ItemType.INTEGER) ? null : s;
        }
    }

    /**
     * What the earlier children of one Structure say about the later ones. A KMIP 1.x Attribute
     * (Attribute Name, Attribute Index, Attribute Value) types its value by name: the Attribute
     * Value of "Cryptographic Algorithm" is a Cryptographic Algorithm enumeration, that of
     * "Cryptographic Usage Mask" a mask. Vendor attributes (a Vendor Identification sibling, or a
     * name that is no KMIP attribute, such as {@code x-ID}) have no table: their values stay
     * numeric. Readers and writers feed every child to {@link #add} in order, so the rule is the
     * same in both directions.
     */
    public static final class Scope {

        private String attributeName;
        private boolean vendor;

        /** Records {@code child}, a child of this scope's Structure, after it was read or written. */
        public void add(Ttlv child) {
            if (child.tag() == Tag.ATTRIBUTE_NAME && child.type() == ItemType.TEXT_STRING) {
                attributeName = child.textValue();
            } else if (child.tag() == Tag.VENDOR_IDENTIFICATION) {
                vendor = true;
            }
        }

        /** The table naming the values of a child with {@code tag} and {@code type}, or {@code null}. */
        public Symbols symbolsFor(int tag, ItemType type) {
            if (tag == Tag.ATTRIBUTE_VALUE) {
                if (attributeName == null || vendor) {
                    return null;
                }
                TagDef named = Registry.tagBySpecName(attributeName);
                return named == null ? null : Symbols.forTag(named.code(), type);
            }
            return Symbols.forTag(tag, type);
        }
    }
}
