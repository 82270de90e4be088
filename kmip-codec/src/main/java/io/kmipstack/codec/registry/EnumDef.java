package io.kmipstack.codec.registry;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One enumeration or bit-mask table of the registry (KMIP 2.1 sections 11 and 12), for code that
 * works from names rather than the generated classes: the XML and JSON codecs, diagnostics, the
 * CLI. Formatting never fails: a value without a name prints as {@code 0x%08X}, and parsing
 * accepts that form back, so extension and vendor values round-trip.
 */
public final class EnumDef {

    private final String name;
    private final boolean mask;
    private final List<EnumValueDef> values;
    private final Map<Integer, EnumValueDef> byCode;
    private final Map<String, EnumValueDef> byName;

    EnumDef(String name, boolean mask, List<EnumValueDef> values) {
        this.name = name;
        this.mask = mask;
        this.values = List.copyOf(values);
        this.byCode = new HashMap<>(values.size() * 2);
        this.byName = new HashMap<>(values.size() * 2);
        for (EnumValueDef v : this.values) {
            byCode.put(v.code(), v);
            byName.put(v.name(), v);
        }
    }

    /** The table's name, which is also the generated class's name ({@code ObjectType}). */
    public String name() {
        return name;
    }

    /** True for a bit mask (values are single bits, combined in one Integer). */
    public boolean isMask() {
        return mask;
    }

    /** The named values in code order. */
    public List<EnumValueDef> values() {
        return values;
    }

    /** The named value with this code, or {@code null}. */
    public EnumValueDef byCode(int code) {
        return byCode.get(code);
    }

    /** The value with this XML/JSON name, or {@code null}. */
    public EnumValueDef byName(String name) {
        return byName.get(name);
    }

    /** The value's name, or {@code 0x%08X} when the table does not name it. */
    public String format(int code) {
        EnumValueDef v = byCode.get(code);
        return v != null ? v.name() : hex(code);
    }

    /**
     * The code of a name, or of {@code 0x}-prefixed hex (the form {@link #format(int)} gives values
     * without a name).
     *
     * @throws IllegalArgumentException if {@code text} is neither
     */
    public int parse(String text) {
        EnumValueDef v = byName.get(text);
        return v != null ? v.code() : parseHex(name, text);
    }

    /**
     * The names of the set bits, lowest first, separated by single spaces as the XML test cases
     * write them ({@code "Encrypt Decrypt"} is 0x0C); bits without a name follow as one
     * {@code 0x%08X} word. Zero formats as {@code 0x00000000}.
     */
    public String formatMask(int bits) {
        if (bits == 0) {
            return hex(0);
        }
        StringBuilder sb = new StringBuilder();
        int unknown = 0;
        for (int rest = bits; rest != 0; rest &= rest - 1) {
            int bit = Integer.lowestOneBit(rest);
            EnumValueDef v = byCode.get(bit);
            if (v == null) {
                unknown |= bit;
            } else {
                if (sb.length() > 0) {
                    sb.append(' ');
                }
                sb.append(v.name());
            }
        }
        if (unknown != 0) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(hex(unknown));
        }
        return sb.toString();
    }

    /**
     * Parses a mask: bit names and {@code 0x} hex words separated by spaces or {@code |}, in any
     * order, or a plain decimal integer.
     *
     * @throws IllegalArgumentException on a word that is neither a name nor hex, or an empty text
     */
    public int parseMask(String text) {
        String trimmed = text.strip();
        if (!trimmed.isEmpty() && isDecimal(trimmed)) {
            try {
                return Integer.parseInt(trimmed);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + ": " + text + " (expected: a 32-bit mask)", e);
            }
        }
        int bits = 0;
        int words = 0;
        for (String word : trimmed.split("[\\s|]+")) {
            if (word.isEmpty()) {
                continue;
            }
            EnumValueDef v = byName.get(word);
            bits |= v != null ? v.code() : parseHex(name, word);
            words++;
        }
        if (words == 0) {
            throw new IllegalArgumentException(name + ": '" + text + "' (expected: bit names separated by spaces)");
        }
        return bits;
    }

    @Override
    public String toString() {
        return "EnumDef[" + name + (mask ? ", mask, " : ", ") + values.size() + " values]";
    }

    /** {@code 0x%08X} without the cost of a Formatter. */
    static String hex(int value) {
        char[] out = new char[10];
        out[0] = '0';
        out[1] = 'x';
        for (int i = 9; i >= 2; i--) {
            out[i] = Character.toUpperCase(Character.forDigit(value & 0xF, 16));
            value >>>= 4;
        }
        return new String(out);
    }

    /** Parses {@code 0x} followed by 1 to 8 hex digits; the message names the table and the text. */
    static int parseHex(String table, String text) {
        if (text != null && text.length() > 2 && text.length() <= 10
                && text.charAt(0) == '0' && (text.charAt(1) == 'x' || text.charAt(1) == 'X')) {
            int value = 0;
            boolean valid = true;
            for (int i = 2; i < text.length() && valid; i++) {
                int d = Character.digit(text.charAt(i), 16);
                valid = d >= 0;
                value = value << 4 | d;
            }
            if (valid) {
                return value;
            }
        }
        throw new IllegalArgumentException(table + ": " + text + " (expected: a name or 0x followed by up to 8 hex digits)");
    }

    private static boolean isDecimal(String s) {
        int start = s.charAt(0) == '-' ? 1 : 0;
        if (start == s.length()) {
            return false;
        }
        for (int i = start; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }
}
