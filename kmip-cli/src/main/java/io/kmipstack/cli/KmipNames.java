package io.kmipstack.cli;

import io.kmipstack.codec.registry.EnumDef;
import io.kmipstack.codec.registry.EnumValueDef;
import io.kmipstack.codec.registry.Registry;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntFunction;

/**
 * KMIP enumeration values as the user types them: the spec's name as the XML encoding spells it
 * ({@code CessationOfOperation}, {@code PKCS5}, {@code AES}), or the same with other case and
 * separators ({@code cessation-of-operation}, {@code CESSATION_OF_OPERATION}). Unknown names fail
 * with the list of known ones.
 */
final class KmipNames {

    private KmipNames() {
    }

    /** The value of enumeration {@code table} named {@code text}, via the generated class's {@code valueOf(int)}. */
    static <T> T parse(String table, String text, IntFunction<T> valueOf, String option) {
        EnumDef def = Registry.enumeration(table);
        String wanted = normalize(text);
        for (EnumValueDef v : def.values()) {
            if (normalize(v.name()).equals(wanted)) {
                return valueOf.apply(v.code());
            }
        }
        if (text.startsWith("0x") || text.startsWith("0X")) {
            try {
                return valueOf.apply(Integer.parseUnsignedInt(text.substring(2), 16));
            } catch (NumberFormatException e) {
                // fall through to the message below
            }
        }
        List<String> names = new ArrayList<>();
        for (EnumValueDef v : def.values()) {
            names.add(v.name());
        }
        throw new CliException(option + " " + text + " (expected: one of " + String.join(", ", names) + ")", KmipCli.EXIT_USAGE);
    }

    /** A usage mask from names separated by commas, spaces or {@code |}: {@code Encrypt,Decrypt}. */
    static int mask(String table, List<String> words, String option) {
        int bits = 0;
        for (String w : words) {
            for (String part : w.split("[,|\\s]+")) {
                if (part.isEmpty()) {
                    continue;
                }
                bits |= parse(table, part, Integer::valueOf, option);
            }
        }
        return bits;
    }

    static String normalize(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                sb.append(Character.toLowerCase(c));
            }
        }
        return sb.toString().toLowerCase(Locale.ROOT);
    }
}
