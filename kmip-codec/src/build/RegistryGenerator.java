import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Generates the {@code io.kmipstack.codec.registry} constants from the checked-in tables
 * {@code tags.tsv}, {@code enums.tsv} and {@code masks.tsv}:
 * <ul>
 *   <li>{@code Tag}: one {@code int} constant per tag;</li>
 *   <li>one open-enum class per enumeration, implementing {@code KmipEnum};</li>
 *   <li>one class of {@code int} bit constants and helpers per mask;</li>
 *   <li>{@code RegistryData}: the rows themselves, which the hand-written {@code Registry} indexes,
 *       so every name is written down once, in the tables.</li>
 * </ul>
 * Any defect in the tables (duplicate code or name within a table, malformed hex, a version the
 * library does not know, an unknown item type, an enumeration reference that resolves nowhere)
 * stops the build with the file, line and reason. Run with the JDK single-file launcher:
 * {@code java RegistryGenerator.java <registryDir> <outDir>}. JDK only, no dependencies.
 */
public class RegistryGenerator {

    static final String PACKAGE = "io.kmipstack.codec.registry";
    static final List<String> VERSIONS = List.of("1.0", "1.1", "1.2", "1.3", "1.4", "2.0", "2.1");
    static final Set<String> ITEM_TYPES = Set.of("Structure", "Integer", "LongInteger", "BigInteger",
            "Enumeration", "Boolean", "TextString", "ByteString", "DateTime", "Interval", "DateTimeExtended");
    /** Hand-written types in the same package that a generated class must not replace. */
    static final Set<String> TAKEN = Set.of("Tag", "Registry", "RegistryData", "KmipEnum", "EnumDef",
            "TagDef", "EnumValueDef", "KmipVersion");

    record Row(String file, int line, String[] cells) {
        String where() {
            return file + ":" + line;
        }
    }

    record TagRow(int code, String name, String specName, String type, String since, String until, String enumeration) {}

    record ValueRow(int code, String name, String specName, String since, String until) {}

    /** Thrown for any defect in the tables; main turns it into a message and exit status 1. */
    static final class TableException extends RuntimeException {
        TableException(String message) {
            super(message);
        }
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: java RegistryGenerator.java <registryDir> <outDir>");
            System.exit(2);
        }
        try {
            int files = generate(Path.of(args[0]), Path.of(args[1]));
            System.out.println("RegistryGenerator: wrote " + files + " classes to " + args[1]);
        } catch (TableException e) {
            System.err.println("RegistryGenerator: " + e.getMessage());
            System.exit(1);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("RegistryGenerator: " + e);
            System.exit(1);
        }
    }

    static int generate(Path registryDir, Path outDir) throws IOException {
        List<TagRow> tags = readTags(registryDir.resolve("tags.tsv"));
        Map<String, List<ValueRow>> enums = readValues(registryDir.resolve("enums.tsv"), false);
        Map<String, List<ValueRow>> masks = readValues(registryDir.resolve("masks.tsv"), true);

        for (String mask : masks.keySet()) {
            if (enums.containsKey(mask)) {
                throw new TableException("masks.tsv: " + mask + " is also an enumeration in enums.tsv");
            }
        }
        // An enumeration a tag refers to but whose values are all extensions (Opaque Data Type)
        // has no rows in enums.tsv; it still gets a class, with no named values.
        for (TagRow t : tags) {
            String e = t.enumeration();
            if (!e.isEmpty() && !e.equals("Tag") && !enums.containsKey(e) && !masks.containsKey(e)) {
                checkIdentifier("tags.tsv: enumeration of " + t.name(), e);
                enums.put(e, List.of());
            }
        }
        for (String name : enums.keySet()) {
            checkClassName("enums.tsv", name);
        }
        for (String name : masks.keySet()) {
            checkClassName("masks.tsv", name);
        }

        Path pkg = outDir.resolve(PACKAGE.replace('.', '/'));
        Files.createDirectories(pkg);
        try (DirectoryStream<Path> old = Files.newDirectoryStream(pkg, "*.java")) {
            for (Path p : old) {
                Files.delete(p);
            }
        }
        int files = 0;
        write(pkg, "Tag", tagClass(tags));
        files++;
        for (Map.Entry<String, List<ValueRow>> e : enums.entrySet()) {
            write(pkg, e.getKey(), enumClass(e.getKey(), e.getValue()));
            files++;
        }
        for (Map.Entry<String, List<ValueRow>> e : masks.entrySet()) {
            write(pkg, e.getKey(), maskClass(e.getKey(), e.getValue()));
            files++;
        }
        write(pkg, "RegistryData", dataClass(tags, enums, masks));
        return files + 1;
    }

    // ---------------------------------------------------------------------------------------
    // Reading and checking
    // ---------------------------------------------------------------------------------------

    static List<Row> rows(Path file, int columns) throws IOException {
        String name = file.getFileName().toString();
        if (!Files.exists(file)) {
            throw new TableException(name + ": missing (expected in " + file.getParent() + ")");
        }
        List<Row> rows = new ArrayList<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            if (cells.length != columns) {
                throw new TableException(name + ":" + (i + 1) + ": " + cells.length + " columns (expected: " + columns + ")");
            }
            for (int c = 0; c < cells.length; c++) {
                if (!cells[c].equals(cells[c].strip())) {
                    throw new TableException(name + ":" + (i + 1) + ": column " + (c + 1) + " has surrounding blanks");
                }
            }
            rows.add(new Row(name, i + 1, cells));
        }
        return rows;
    }

    static List<TagRow> readTags(Path file) throws IOException {
        List<TagRow> out = new ArrayList<>();
        Map<Integer, Row> byCode = new HashMap<>();
        Map<String, Row> byName = new HashMap<>();
        Map<String, Row> bySpecName = new HashMap<>();
        Map<String, Row> byConstant = new HashMap<>();
        for (Row r : rows(file, 7)) {
            String[] c = r.cells();
            int code = hex(r, "code", c[0], 6);
            String name = c[1];
            checkIdentifier(r.where() + ": name", name);
            if (c[2].isEmpty()) {
                throw new TableException(r.where() + ": specName is empty");
            }
            if (!c[3].equals("*") && !ITEM_TYPES.contains(c[3])) {
                throw new TableException(r.where() + ": type: " + c[3] + " (expected: an item type or *)");
            }
            versions(r, c[4], c[5]);
            if (!c[6].isEmpty()) {
                checkIdentifier(r.where() + ": enumeration", c[6]);
            }
            unique(byCode, code, r, "code " + String.format("%06X", code));
            unique(byName, name, r, "name " + name);
            unique(bySpecName, c[2], r, "specName " + c[2]);
            unique(byConstant, constant(name), r, "constant " + constant(name) + " (from " + name + ")");
            out.add(new TagRow(code, name, c[2], c[3], c[4], c[5], c[6]));
        }
        return out;
    }

    static Map<String, List<ValueRow>> readValues(Path file, boolean mask) throws IOException {
        Map<String, List<ValueRow>> out = new TreeMap<>();
        Map<String, Row> seen = new HashMap<>();
        for (Row r : rows(file, 6)) {
            String[] c = r.cells();
            String table = c[0];
            checkIdentifier(r.where() + ": " + (mask ? "mask" : "enumeration"), table);
            int code = hex(r, mask ? "bit" : "code", c[1], 8);
            if (mask && Integer.bitCount(code) != 1) {
                throw new TableException(r.where() + ": bit: " + c[1] + " (expected: exactly one bit set)");
            }
            checkIdentifier(r.where() + ": name", c[2]);
            if (c[3].isEmpty()) {
                throw new TableException(r.where() + ": specName is empty");
            }
            versions(r, c[4], c[5]);
            unique(seen, table + " code " + String.format("%08X", code), r, table + " code " + String.format("%08X", code));
            unique(seen, table + " name " + c[2], r, table + " name " + c[2]);
            unique(seen, table + " constant " + constant(c[2]), r, table + " constant " + constant(c[2]) + " (from " + c[2] + ")");
            out.computeIfAbsent(table, k -> new ArrayList<>()).add(new ValueRow(code, c[2], c[3], c[4], c[5]));
        }
        return out;
    }

    static int hex(Row r, String column, String text, int digits) {
        if (text.length() != digits) {
            throw new TableException(r.where() + ": " + column + ": " + text + " (expected: " + digits + " hex digits)");
        }
        for (int i = 0; i < text.length(); i++) {
            if (Character.digit(text.charAt(i), 16) < 0) {
                throw new TableException(r.where() + ": " + column + ": " + text + " (expected: " + digits + " hex digits)");
            }
        }
        return (int) Long.parseLong(text, 16);
    }

    static void versions(Row r, String since, String until) {
        if (!VERSIONS.contains(since)) {
            throw new TableException(r.where() + ": since: " + since + " (expected: one of " + VERSIONS + ")");
        }
        if (!until.isEmpty()) {
            if (!VERSIONS.contains(until)) {
                throw new TableException(r.where() + ": until: " + until + " (expected: blank or one of " + VERSIONS + ")");
            }
            if (VERSIONS.indexOf(until) < VERSIONS.indexOf(since)) {
                throw new TableException(r.where() + ": until: " + until + " (expected: >= since " + since + ")");
            }
        }
    }

    static <K> void unique(Map<K, Row> seen, K key, Row r, String what) {
        Row first = seen.putIfAbsent(key, r);
        if (first != null) {
            throw new TableException(r.where() + ": duplicate " + what + " (first at line " + first.line() + ")");
        }
    }

    static void checkIdentifier(String what, String name) {
        if (name.isEmpty() || !Character.isJavaIdentifierStart(name.charAt(0))) {
            throw new TableException(what + ": '" + name + "' (expected: a Java identifier)");
        }
        for (int i = 1; i < name.length(); i++) {
            if (!Character.isJavaIdentifierPart(name.charAt(i)) || name.charAt(i) == '$') {
                throw new TableException(what + ": '" + name + "' (expected: a Java identifier)");
            }
        }
    }

    static void checkClassName(String file, String name) {
        if (TAKEN.contains(name)) {
            throw new TableException(file + ": " + name + " would replace the class of that name");
        }
    }

    /** {@code TransparentRSAPrivateKey} -> {@code TRANSPARENT_RSA_PRIVATE_KEY}, {@code SHA_256} unchanged. */
    static String constant(String name) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (i > 0 && Character.isUpperCase(ch)) {
                char prev = name.charAt(i - 1);
                boolean next = i + 1 < name.length() && Character.isLowerCase(name.charAt(i + 1));
                if (Character.isLowerCase(prev) || Character.isDigit(prev) || (Character.isUpperCase(prev) && next)) {
                    sb.append('_');
                }
            }
            sb.append(Character.toUpperCase(ch));
        }
        return sb.toString().replaceAll("_+", "_");
    }

    // ---------------------------------------------------------------------------------------
    // Writing
    // ---------------------------------------------------------------------------------------

    static void write(Path pkg, String className, String source) throws IOException {
        Files.writeString(pkg.resolve(className + ".java"), source, StandardCharsets.UTF_8);
    }

    static String header() {
        return "// Generated by kmip-codec/src/build/RegistryGenerator.java from src/main/registry/*.tsv. Do not edit.\n"
                + "package " + PACKAGE + ";\n\n";
    }

    static String version(String v) {
        return v.isEmpty() ? "null" : "KmipVersion.V" + v.replace('.', '_');
    }

    static String literal(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char ch : s.toCharArray()) {
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (ch < 0x20 || ch > 0x7e) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    static String javadocText(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("*/", "*&#47;").replace("@", "&#64;");
    }

    static String tagClass(List<TagRow> tags) {
        StringBuilder sb = new StringBuilder(header());
        sb.append("/**\n * The KMIP tags (KMIP 1.4 section 9.1.3.1, KMIP 2.1 section 11.56) as {@code int} constants, one\n"
                + " * per row of {@code tags.tsv}. {@link Registry#tag(int)} gives each tag's name, type and versions.\n */\n");
        sb.append("public final class Tag {\n\n");
        for (TagRow t : tags) {
            sb.append("    /** ").append(javadocText(t.specName()));
            sb.append(" (").append(t.type().equals("*") ? "type varies" : t.type()).append(", since ").append(t.since());
            if (!t.until().isEmpty()) {
                sb.append(", until ").append(t.until());
            }
            sb.append("). */\n");
            sb.append("    public static final int ").append(constant(t.name())).append(" = 0x")
                    .append(String.format("%06X", t.code())).append(";\n");
        }
        sb.append("\n    private Tag() {\n    }\n}\n");
        return sb.toString();
    }

    static String enumClass(String name, List<ValueRow> values) {
        StringBuilder sb = new StringBuilder(header());
        sb.append("import java.util.List;\n\n");
        sb.append("/**\n * The KMIP enumeration {@code ").append(name).append("}, generated from {@code enums.tsv}. Open: ")
                .append("{@link #valueOf(int)}\n * accepts any value, and one the registry does not name (an extension or vendor value) ")
                .append("prints as\n * {@code 0x%08X} and round-trips unchanged. Instances compare by value.\n */\n");
        sb.append("public final class ").append(name).append(" implements KmipEnum {\n\n");
        for (ValueRow v : values) {
            sb.append("    /** ").append(javadocText(v.specName())).append(" (since ").append(v.since());
            if (!v.until().isEmpty()) {
                sb.append(", until ").append(v.until());
            }
            sb.append("). */\n");
            sb.append("    public static final ").append(name).append(' ').append(constant(v.name())).append(" = new ")
                    .append(name).append("(0x").append(String.format("%08X", v.code())).append(", ")
                    .append(literal(v.name())).append(", ").append(version(v.since())).append(", ")
                    .append(version(v.until())).append(");\n");
        }
        sb.append("\n    private static final List<").append(name).append("> VALUES = List.of(");
        for (int i = 0; i < values.size(); i++) {
            sb.append(i == 0 ? "" : i % 6 == 0 ? ",\n            " : ", ").append(constant(values.get(i).name()));
        }
        sb.append(");\n\n");
        sb.append("    private final int value;\n    private final String name;\n    private final KmipVersion since;\n"
                + "    private final KmipVersion until;\n\n");
        sb.append("    private ").append(name).append("(int value, String name, KmipVersion since, KmipVersion until) {\n"
                + "        this.value = value;\n        this.name = name;\n        this.since = since;\n        this.until = until;\n    }\n\n");
        sb.append("    /** The constant for {@code value}, or a new instance carrying an unnamed value. */\n");
        sb.append("    public static ").append(name).append(" valueOf(int value) {\n");
        sb.append("        switch (value) {\n");
        for (ValueRow v : values) {
            sb.append("            case 0x").append(String.format("%08X", v.code())).append(": return ")
                    .append(constant(v.name())).append(";\n");
        }
        sb.append("            default: return new ").append(name).append("(value, null, null, null);\n        }\n    }\n\n");
        sb.append("    /**\n     * The value named {@code name} as the XML and JSON encodings spell it, or given as\n"
                + "     * {@code 0x}-prefixed hex.\n     *\n     * @throws IllegalArgumentException if it is neither\n     */\n");
        sb.append("    public static ").append(name).append(" fromName(String name) {\n");
        if (!values.isEmpty()) {
            sb.append("        switch (name) {\n");
            for (ValueRow v : values) {
                sb.append("            case ").append(literal(v.name())).append(": return ").append(constant(v.name())).append(";\n");
            }
            sb.append("            default: break;\n        }\n");
        }
        sb.append("        return valueOf(EnumDef.parseHex(").append(literal(name)).append(", name));\n    }\n\n");
        sb.append("    /** The named values, in code order. */\n");
        sb.append("    public static List<").append(name).append("> values() {\n        return VALUES;\n    }\n\n");
        sb.append("    /** The table behind this class, for lookups by name or code without the class. */\n");
        sb.append("    public static EnumDef definition() {\n        return Registry.enumeration(").append(literal(name)).append(");\n    }\n\n");
        sb.append("    @Override\n    public int value() {\n        return value;\n    }\n\n");
        sb.append("    @Override\n    public String name() {\n        return name != null ? name : EnumDef.hex(value);\n    }\n\n");
        sb.append("    @Override\n    public boolean isKnown() {\n        return name != null;\n    }\n\n");
        sb.append("    @Override\n    public KmipVersion since() {\n        return since;\n    }\n\n");
        sb.append("    @Override\n    public KmipVersion until() {\n        return until;\n    }\n\n");
        sb.append("    @Override\n    public boolean equals(Object o) {\n        return o instanceof ").append(name)
                .append(" && ((").append(name).append(") o).value == value;\n    }\n\n");
        sb.append("    @Override\n    public int hashCode() {\n        return Integer.hashCode(value);\n    }\n\n");
        sb.append("    @Override\n    public String toString() {\n        return name();\n    }\n}\n");
        return sb.toString();
    }

    static String maskClass(String name, List<ValueRow> bits) {
        StringBuilder sb = new StringBuilder(header());
        sb.append("/**\n * The KMIP bit mask {@code ").append(name).append("}, generated from {@code masks.tsv}: one {@code int}\n")
                .append(" * constant per bit, combined with {@code |}. The XML and JSON encodings write a mask as bit names\n")
                .append(" * separated by spaces ({@code \"Decrypt Encrypt\"}); {@link #format(int)} and {@link #parse(String)}\n")
                .append(" * convert, keeping bits the registry does not name as one {@code 0x%08X} word.\n */\n");
        sb.append("public final class ").append(name).append(" {\n\n");
        int all = 0;
        for (ValueRow v : bits) {
            all |= v.code();
            sb.append("    /** ").append(javadocText(v.specName())).append(" (since ").append(v.since());
            if (!v.until().isEmpty()) {
                sb.append(", until ").append(v.until());
            }
            sb.append("). */\n");
            sb.append("    public static final int ").append(constant(v.name())).append(" = 0x")
                    .append(String.format("%08X", v.code())).append(";\n");
        }
        sb.append("\n    /** Every bit the registry names, in any version. */\n");
        sb.append("    public static final int KNOWN_BITS = 0x").append(String.format("%08X", all)).append(";\n\n");
        sb.append("    private static final EnumDef DEFINITION = Registry.enumeration(").append(literal(name)).append(");\n\n");
        sb.append("    private ").append(name).append("() {\n    }\n\n");
        sb.append("    /** Space-separated bit names, unknown bits as one trailing hex word. */\n");
        sb.append("    public static String format(int mask) {\n        return DEFINITION.formatMask(mask);\n    }\n\n");
        sb.append("    /**\n     * Parses bit names and {@code 0x} hex words separated by spaces or {@code |}, or a decimal integer.\n"
                + "     *\n     * @throws IllegalArgumentException on a word that is neither\n     */\n");
        sb.append("    public static int parse(String text) {\n        return DEFINITION.parseMask(text);\n    }\n\n");
        sb.append("    /** True when every bit of {@code bits} is set in {@code mask}. */\n");
        sb.append("    public static boolean has(int mask, int bits) {\n        return (mask & bits) == bits;\n    }\n\n");
        sb.append("    /** The table behind this class. */\n");
        sb.append("    public static EnumDef definition() {\n        return DEFINITION;\n    }\n}\n");
        return sb.toString();
    }

    static String dataClass(List<TagRow> tags, Map<String, List<ValueRow>> enums, Map<String, List<ValueRow>> masks) {
        StringBuilder sb = new StringBuilder(header());
        sb.append("/**\n * The registry tables as data for {@link Registry}: one string per row, columns separated by tabs,\n"
                + " * the same columns as the checked-in TSV files. Strings rather than array initialisers keep the\n"
                + " * class initialiser far below the JVM's 64 KiB method limit.\n */\n");
        sb.append("final class RegistryData {\n\n");
        sb.append("    /** code, name, specName, type, since, until, enumeration. */\n");
        sb.append("    static final String[] TAGS = {\n");
        for (TagRow t : tags) {
            sb.append("        ").append(literal(String.join("\t", String.format("%06X", t.code()), t.name(), t.specName(),
                    t.type(), t.since(), t.until(), t.enumeration()))).append(",\n");
        }
        sb.append("    };\n\n");
        sb.append("    /** enumeration, code, name, specName, since, until; enumerations without named values appear once with an empty code. */\n");
        sb.append("    static final String[] ENUMS = {\n");
        values(sb, enums);
        sb.append("    };\n\n");
        sb.append("    /** mask, bit, name, specName, since, until. */\n");
        sb.append("    static final String[] MASKS = {\n");
        values(sb, masks);
        sb.append("    };\n\n    private RegistryData() {\n    }\n}\n");
        return sb.toString();
    }

    static void values(StringBuilder sb, Map<String, List<ValueRow>> tables) {
        Map<String, List<ValueRow>> ordered = new LinkedHashMap<>(tables);
        for (Map.Entry<String, List<ValueRow>> e : ordered.entrySet()) {
            if (e.getValue().isEmpty()) {
                sb.append("        ").append(literal(String.join("\t", e.getKey(), "", "", "", "", ""))).append(",\n");
            }
            for (ValueRow v : e.getValue()) {
                sb.append("        ").append(literal(String.join("\t", e.getKey(), String.format("%08X", v.code()), v.name(),
                        v.specName(), v.since(), v.until()))).append(",\n");
            }
        }
    }

    static {
        Locale.setDefault(Locale.ROOT);
    }
}
