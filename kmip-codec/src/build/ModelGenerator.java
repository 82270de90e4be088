import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Generates the typed KMIP model ({@code io.kmipstack.codec.model}, {@code io.kmipstack.codec.payload})
 * from the schema files in {@code src/main/model}, as MODEL.md describes: one record per
 * {@code struct}, one sealed interface per {@code choice}, one raw record per {@code bag}, and the
 * per-operation payload dispatchers {@code RequestPayloads} / {@code ResponsePayloads}.
 *
 * <p>Tag names resolve through {@code tags.tsv} (code, item type, enumeration class, since/until)
 * and operation names through {@code enums.tsv}. Every defect in a schema (unknown tag or type,
 * duplicate struct, duplicate tag in a struct, an Enumeration field without an enumeration, ...)
 * is reported with file and line and stops the build. Generated code uses no reflection: each
 * record decodes with one switch over its children's tags and encodes its fields in schema order,
 * refusing any field, enumeration value or struct the target version does not define.
 *
 * <p>Run with the JDK single-file launcher:
 * {@code java ModelGenerator.java <registryDir> <modelDir> <outDir>}. JDK only, no dependencies.
 */
public class ModelGenerator {

    static final String MODEL_PACKAGE = "io.kmipstack.codec.model";
    static final String PAYLOAD_PACKAGE = "io.kmipstack.codec.payload";
    static final String REGISTRY_PACKAGE = "io.kmipstack.codec.registry";
    static final List<String> VERSIONS = List.of("1.0", "1.1", "1.2", "1.3", "1.4", "2.0", "2.1");

    /** Schema primitive types: schema name -> Java type, TTLV item type. */
    static final Map<String, String[]> PRIMITIVES = new LinkedHashMap<>();

    static {
        PRIMITIVES.put("Integer", new String[] {"Integer", "INTEGER"});
        PRIMITIVES.put("LongInteger", new String[] {"Long", "LONG_INTEGER"});
        PRIMITIVES.put("BigInteger", new String[] {"Bytes", "BIG_INTEGER"});
        PRIMITIVES.put("Enumeration", new String[] {null, "ENUMERATION"});
        PRIMITIVES.put("Mask", new String[] {"Integer", "INTEGER"});
        PRIMITIVES.put("Boolean", new String[] {"Boolean", "BOOLEAN"});
        PRIMITIVES.put("TextString", new String[] {"String", "TEXT_STRING"});
        PRIMITIVES.put("ByteString", new String[] {"Bytes", "BYTE_STRING"});
        PRIMITIVES.put("DateTime", new String[] {"Instant", "DATE_TIME"});
        PRIMITIVES.put("Interval", new String[] {"Long", "INTERVAL"});
        PRIMITIVES.put("DateTimeExtended", new String[] {"Instant", "DATE_TIME_EXTENDED"});
    }

    /** Registry item type names (tags.tsv) per schema primitive, for the consistency warning. */
    static final Map<String, String> REGISTRY_TYPE = Map.ofEntries(
            Map.entry("Integer", "Integer"), Map.entry("LongInteger", "LongInteger"),
            Map.entry("BigInteger", "BigInteger"), Map.entry("Enumeration", "Enumeration"),
            Map.entry("Mask", "Integer"), Map.entry("Boolean", "Boolean"), Map.entry("TextString", "TextString"),
            Map.entry("ByteString", "ByteString"), Map.entry("DateTime", "DateTime"),
            Map.entry("Interval", "Interval"), Map.entry("DateTimeExtended", "DateTimeExtended"));

    /** Hand-written types the generated code refers to, per package; a schema type must not take these names. */
    static final Set<String> HAND_WRITTEN_MODEL = Set.of("FieldCodec", "KmipDecodingException",
            "KmipEncodingException", "UniqueIdentifier");
    static final Set<String> HAND_WRITTEN_PAYLOAD = Set.of("RequestPayload", "ResponsePayload", "RawPayload",
            "RequestPayloads", "ResponsePayloads");
    /** Names the generated files import; a schema type of the same name would shadow them. */
    static final Set<String> IMPORTED = Set.of("List", "ArrayList", "Instant", "Ttlv", "TtlvWriter", "Bytes",
            "ItemType", "KmipVersion", "String", "Integer", "Long", "Boolean", "Object", "Record", "Override");

    static final Set<String> JAVA_KEYWORDS = Set.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends",
            "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
            "interface", "long", "native", "new", "package", "private", "protected", "public", "return", "short",
            "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
            "void", "volatile", "while", "true", "false", "null", "var", "record", "yield", "sealed", "permits",
            "item", "tag", "v", "out", "c", "child", "each", "e", "w", "mark");
    static final Set<String> OBJECT_METHODS = Set.of("hashCode", "toString", "equals", "getClass", "notify",
            "notifyAll", "wait", "clone", "finalize", "encode", "decode", "of", "writeTo", "toBytes");

    // ---------------------------------------------------------------------------------------
    // Model of the schema
    // ---------------------------------------------------------------------------------------

    record TagInfo(int code, String name, String specName, String type, String since, String until, String enumeration) {}

    /** Where a declaration or field was written, for error messages. */
    record Pos(String file, int line) {
        @Override
        public String toString() {
            return file + ":" + line;
        }
    }

    enum DeclKind { STRUCT, CHOICE, BAG, EXTERN }

    enum FieldKind { PRIMITIVE, ANY, ID, STRUCT, EXTERN, TAG_CHOICE, SELECTED_CHOICE, PAYLOAD }

    static final class Field {
        Pos pos;
        String tagName;
        String type;
        char card;
        String since;
        String until;
        String javaName;
        boolean secret;       // toString prints it redacted (passwords)
        // resolved
        TagInfo tag;          // null for a tag-selected choice field
        FieldKind kind;
        Decl decl;            // struct/choice/bag/extern type
        String javaType;      // element type
        String itemType;      // ItemType constant for PRIMITIVE
        String enumClass;     // for Enumeration
        String maskName;      // for Mask
        String effSince;      // effective range after intersecting struct, field and tag
        String effUntil;
        boolean gated;        // needs its own version check on encode
        Field selector;       // for SELECTED_CHOICE and PAYLOAD

        boolean list() {
            return card == '*' || card == '+';
        }
    }

    static final class Alt {
        Pos pos;
        String selectorValue; // enumeration value name for a selected choice, else null
        String typeName;
        Decl decl;
        int selectorCode;
    }

    static final class Decl {
        Pos pos;
        DeclKind kind;
        String name;
        String pkg;
        String file;
        String tagName;
        TagInfo tag;
        String operation;
        int operationCode;
        String payloadKind;  // "request" | "response" | null
        String since;
        String until;
        String by;           // choice: selector tag name
        String check;        // struct: hand-written class whose check(struct, version) encode calls first
        boolean message;     // struct: a whole message, which also gets toBytes(version)
        TagInfo byTag;
        String doc;
        final List<Field> fields = new ArrayList<>();
        final List<Alt> alts = new ArrayList<>();
        final List<Decl> choices = new ArrayList<>(); // choices this struct is an alternative of

        String fqn() {
            return pkg + "." + name;
        }
    }

    // ---------------------------------------------------------------------------------------
    // Entry point
    // ---------------------------------------------------------------------------------------

    static final class SchemaException extends RuntimeException {
        SchemaException(String message) {
            super(message);
        }
    }

    final Map<String, TagInfo> tags = new HashMap<>();
    final Map<String, Map<String, Integer>> enumValues = new HashMap<>();
    final Map<String, Decl> decls = new LinkedHashMap<>();
    final List<String> errors = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: java ModelGenerator.java <registryDir> <modelDir> <outDir>");
            System.exit(2);
        }
        try {
            ModelGenerator g = new ModelGenerator();
            int n = g.run(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]));
            for (String w : g.warnings) {
                System.err.println("ModelGenerator: warning: " + w);
            }
            if (!g.errors.isEmpty()) {
                for (String e : g.errors) {
                    System.err.println("ModelGenerator: error: " + e);
                }
                System.err.println("ModelGenerator: " + g.errors.size() + " error(s); nothing generated");
                System.exit(1);
            }
            System.out.println("ModelGenerator: wrote " + n + " classes to " + args[2]);
        } catch (SchemaException e) {
            System.err.println("ModelGenerator: error: " + e.getMessage());
            System.exit(1);
        } catch (IOException | UncheckedIOException e) {
            System.err.println("ModelGenerator: " + e);
            System.exit(1);
        }
    }

    int run(Path registryDir, Path modelDir, Path outDir) throws IOException {
        readTags(registryDir.resolve("tags.tsv"));
        readEnums(registryDir.resolve("enums.tsv"));
        List<Path> files = new ArrayList<>();
        if (Files.isDirectory(modelDir)) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(modelDir, "*.schema")) {
                for (Path p : ds) {
                    files.add(p);
                }
            }
        }
        files.sort(null);
        for (Path p : files) {
            parse(p);
        }
        resolve();
        if (!errors.isEmpty()) {
            return 0;
        }
        return generate(outDir);
    }

    // ---------------------------------------------------------------------------------------
    // Registry tables
    // ---------------------------------------------------------------------------------------

    void readTags(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new SchemaException(file + ": missing");
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] c = line.split("\t", -1);
            if (c.length < 7) {
                throw new SchemaException("tags.tsv:" + (i + 1) + ": " + c.length + " columns (expected: 7)");
            }
            int code = Integer.parseInt(c[0], 16);
            tags.put(c[1], new TagInfo(code, c[1], c[2], c[3], c[4].isEmpty() ? "1.0" : c[4],
                    c[5].isEmpty() ? null : c[5], c[6].isEmpty() ? null : c[6]));
        }
    }

    void readEnums(Path file) throws IOException {
        if (!Files.exists(file)) {
            return;
        }
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] c = line.split("\t", -1);
            if (c.length < 3) {
                continue;
            }
            enumValues.computeIfAbsent(c[0], k -> new HashMap<>()).put(c[2], (int) Long.parseLong(c[1], 16));
        }
    }

    // ---------------------------------------------------------------------------------------
    // Parsing
    // ---------------------------------------------------------------------------------------

    void parse(Path path) throws IOException {
        String file = path.getFileName().toString();
        String pkg = file.startsWith("payload-") ? PAYLOAD_PACKAGE : MODEL_PACKAGE;
        List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        Decl current = null;
        StringBuilder doc = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            Pos pos = new Pos(file, i + 1);
            String raw = lines.get(i);
            String stripped = raw.strip();
            if (stripped.startsWith("#")) {
                // A comment block directly above a declaration becomes that declaration's Javadoc.
                if (!Character.isWhitespace(raw.charAt(0))) {
                    String text = stripped.substring(1).strip();
                    if (!text.isEmpty()) {
                        doc.append(doc.length() == 0 ? "" : " ").append(text);
                    }
                }
                continue;
            }
            int hash = raw.indexOf('#');
            String content = hash >= 0 ? raw.substring(0, hash) : raw;
            if (content.isBlank()) {
                doc.setLength(0);
                continue;
            }
            boolean indented = Character.isWhitespace(content.charAt(0));
            String[] words = content.strip().split("\\s+");
            if (!indented) {
                current = declaration(pos, pkg, file, words, doc.toString());
                doc.setLength(0);
                continue;
            }
            doc.setLength(0);
            if (current == null) {
                error(pos, "indented line outside a declaration");
                continue;
            }
            switch (current.kind) {
                case STRUCT -> field(pos, current, words);
                case CHOICE -> alternative(pos, current, words);
                default -> error(pos, current.kind.name().toLowerCase(Locale.ROOT) + " " + current.name + " takes no members");
            }
        }
    }

    Decl declaration(Pos pos, String pkg, String file, String[] words, String doc) {
        DeclKind kind;
        switch (words[0]) {
            case "struct" -> kind = DeclKind.STRUCT;
            case "choice" -> kind = DeclKind.CHOICE;
            case "bag" -> kind = DeclKind.BAG;
            case "extern" -> kind = DeclKind.EXTERN;
            default -> {
                error(pos, "unknown declaration '" + words[0] + "' (expected: struct, choice, bag or extern)");
                return null;
            }
        }
        if (words.length < 2) {
            error(pos, words[0] + " without a name");
            return null;
        }
        Decl d = new Decl();
        d.pos = pos;
        d.kind = kind;
        d.name = words[1];
        d.pkg = pkg;
        d.file = file;
        d.doc = doc.isEmpty() ? null : doc;
        if (!d.name.matches("[A-Z][A-Za-z0-9]*")) {
            error(pos, "type name " + d.name + " (expected: UpperCamel Java identifier)");
        }
        for (int i = 2; i < words.length; i++) {
            String w = words[i];
            if (w.equals("message")) {
                d.message = true;
                continue;
            }
            int eq = w.indexOf('=');
            if (eq <= 0) {
                error(pos, "unexpected word '" + w + "' (expected: key=value or message)");
                continue;
            }
            String key = w.substring(0, eq);
            String value = w.substring(eq + 1);
            switch (key) {
                case "tag" -> d.tagName = value;
                case "operation" -> d.operation = value;
                case "kind" -> {
                    if (!value.equals("request") && !value.equals("response")) {
                        error(pos, "kind=" + value + " (expected: request or response)");
                    }
                    d.payloadKind = value;
                }
                case "since" -> d.since = version(pos, value);
                case "until" -> d.until = version(pos, value);
                case "by" -> d.by = value;
                case "check" -> d.check = value;
                default -> error(pos, "unknown option " + key + " on " + words[0] + " " + d.name);
            }
        }
        if (d.message && kind != DeclKind.STRUCT) {
            error(pos, "message is only for struct");
        }
        if (d.by != null && kind != DeclKind.CHOICE) {
            error(pos, "by= is only for choice");
        }
        if (d.check != null && (kind != DeclKind.STRUCT || !d.check.matches("[A-Z][A-Za-z0-9]*"))) {
            error(pos, "check=" + d.check + " (expected: on a struct, the name of a class in its package)");
        }
        if ((d.operation == null) != (d.payloadKind == null)) {
            error(pos, "operation= and kind= go together");
        }
        if (d.operation != null && kind != DeclKind.STRUCT) {
            error(pos, "operation= is only for struct");
        }
        if (decls.containsKey(d.name)) {
            error(pos, "duplicate type " + d.name + " (first at " + decls.get(d.name).pos + ")");
            return d;
        }
        decls.put(d.name, d);
        return d;
    }

    void field(Pos pos, Decl struct, String[] words) {
        if (words.length < 3) {
            error(pos, "field line: expected TAG TYPE CARD [since=V] [until=V] [name=javaName]");
            return;
        }
        Field f = new Field();
        f.pos = pos;
        f.tagName = words[0];
        f.type = words[1];
        String card = words[2];
        if (card.length() != 1 || "1?*+".indexOf(card.charAt(0)) < 0) {
            error(pos, "cardinality " + card + " (expected: 1, ?, * or +)");
            return;
        }
        f.card = card.charAt(0);
        for (int i = 3; i < words.length; i++) {
            String w = words[i];
            int eq = w.indexOf('=');
            String key = eq > 0 ? w.substring(0, eq) : w;
            String value = eq > 0 ? w.substring(eq + 1) : "";
            switch (key) {
                case "since" -> f.since = version(pos, value);
                case "until" -> f.until = version(pos, value);
                case "name" -> f.javaName = value;
                case "secret" -> f.secret = true;
                default -> error(pos, "unknown field option '" + w + "'");
            }
        }
        struct.fields.add(f);
    }

    void alternative(Pos pos, Decl choice, String[] words) {
        Alt a = new Alt();
        a.pos = pos;
        if (choice.by != null) {
            if (words.length != 2) {
                error(pos, "alternative of choice " + choice.name + " by " + choice.by
                        + ": expected SELECTOR_VALUE TYPE");
                return;
            }
            a.selectorValue = words[0];
            a.typeName = words[1];
        } else {
            if (words.length != 1) {
                error(pos, "alternative of choice " + choice.name + ": expected one type name");
                return;
            }
            a.typeName = words[0];
        }
        choice.alts.add(a);
    }

    String version(Pos pos, String v) {
        if (!VERSIONS.contains(v)) {
            error(pos, "version " + v + " (expected: one of " + VERSIONS + ")");
            return null;
        }
        return v;
    }

    // ---------------------------------------------------------------------------------------
    // Resolution and checks
    // ---------------------------------------------------------------------------------------

    void resolve() {
        for (Decl d : decls.values()) {
            Set<String> taken = d.pkg.equals(MODEL_PACKAGE) ? HAND_WRITTEN_MODEL : HAND_WRITTEN_PAYLOAD;
            if (taken.contains(d.name) || IMPORTED.contains(d.name)) {
                error(d.pos, "type name " + d.name + " is taken by a hand-written or imported class");
            }
            if (d.kind == DeclKind.STRUCT || d.kind == DeclKind.BAG) {
                String tn = d.tagName != null ? d.tagName : d.name;
                d.tag = tags.get(tn);
                if (d.tag == null) {
                    error(d.pos, d.tagName != null ? "unknown tag " + tn
                            : "no tag named " + d.name + " (give the default tag with tag=)");
                }
            } else if (d.tagName != null) {
                error(d.pos, "tag= is only for struct and bag");
            }
            if (d.operation != null) {
                Integer code = enumValues.getOrDefault("Operation", Map.of()).get(d.operation);
                if (code == null) {
                    error(d.pos, "unknown operation " + d.operation + " (expected: an Operation name from enums.tsv)");
                } else {
                    d.operationCode = code;
                }
                if (!d.pkg.equals(PAYLOAD_PACKAGE)) {
                    error(d.pos, "operation= belongs in a payload-*.schema file");
                }
            }
        }
        // Payload dispatch: one struct per operation and kind.
        Map<String, Decl> byOp = new HashMap<>();
        for (Decl d : decls.values()) {
            if (d.operation != null) {
                Decl prev = byOp.put(d.payloadKind + " " + d.operation, d);
                if (prev != null) {
                    error(d.pos, "second " + d.payloadKind + " payload for " + d.operation + " (first: " + prev.name + ")");
                }
            }
        }
        for (Decl d : decls.values()) {
            if (d.kind == DeclKind.CHOICE) {
                resolveChoice(d);
            }
        }
        for (Decl d : decls.values()) {
            if (d.kind == DeclKind.STRUCT) {
                resolveStruct(d);
            }
        }
    }

    void resolveChoice(Decl c) {
        if (c.alts.isEmpty()) {
            error(c.pos, "choice " + c.name + " has no alternatives");
        }
        Map<Integer, Alt> seenTags = new HashMap<>();
        Set<String> seenValues = new HashSet<>();
        String selectorEnum = null;
        if (c.by != null) {
            c.byTag = tags.get(c.by);
            if (c.byTag == null) {
                error(c.pos, "unknown tag " + c.by + " in by=");
                return;
            }
            selectorEnum = c.byTag.enumeration();
            if (selectorEnum == null) {
                error(c.pos, "by=" + c.by + ": the tag has no enumeration in tags.tsv");
                return;
            }
        }
        for (Alt a : c.alts) {
            a.decl = decls.get(a.typeName);
            if (a.decl == null || (a.decl.kind != DeclKind.STRUCT && a.decl.kind != DeclKind.BAG)) {
                error(a.pos, "alternative " + a.typeName + " of choice " + c.name + " (expected: a struct or bag)");
                continue;
            }
            if (!a.decl.pkg.equals(c.pkg)) {
                error(a.pos, "alternative " + a.typeName + " lives in another package than choice " + c.name);
                continue;
            }
            a.decl.choices.add(c);
            if (c.by == null) {
                if (a.decl.tag != null) {
                    Alt prev = seenTags.put(a.decl.tag.code(), a);
                    if (prev != null) {
                        error(a.pos, "choice " + c.name + ": " + a.typeName + " and " + prev.typeName
                                + " share tag " + a.decl.tag.name());
                    }
                }
            } else {
                Integer code = enumValues.getOrDefault(selectorEnum, Map.of()).get(a.selectorValue);
                if (code == null) {
                    error(a.pos, "choice " + c.name + ": " + a.selectorValue + " is not a value of " + selectorEnum);
                    continue;
                }
                a.selectorCode = code;
                if (!seenValues.add(a.selectorValue)) {
                    error(a.pos, "choice " + c.name + ": selector value " + a.selectorValue + " given twice");
                }
            }
        }
    }

    void resolveStruct(Decl s) {
        String structSince = s.since != null ? s.since : "1.0";
        String structUntil = s.until;
        Map<Integer, List<Field>> byTag = new HashMap<>();
        Set<String> javaNames = new HashSet<>();
        for (Field f : s.fields) {
            Decl typeDecl = decls.get(f.type);
            String[] prim = PRIMITIVES.get(f.type);
            if (typeDecl != null && typeDecl.kind == DeclKind.CHOICE && typeDecl.by == null) {
                // A choice selected by its alternatives' tags: the first column only names the field.
                f.kind = FieldKind.TAG_CHOICE;
                f.decl = typeDecl;
                f.javaType = typeDecl.name;
                f.tag = tags.get(f.tagName);
            } else {
                f.tag = tags.get(f.tagName);
                if (f.tag == null) {
                    error(f.pos, "unknown tag " + f.tagName + " in struct " + s.name);
                    continue;
                }
                if (prim != null) {
                    f.kind = FieldKind.PRIMITIVE;
                    f.itemType = prim[1];
                    f.javaType = prim[0];
                    if (f.type.equals("Enumeration")) {
                        if (f.tag.enumeration() == null) {
                            error(f.pos, "Enumeration field " + f.tagName + ": the tag has no enumeration in tags.tsv");
                            continue;
                        }
                        if (f.tag.enumeration().equals("Tag")) {
                            // The 2.1 Tag enumeration (Attribute Reference) has no class: its values are tag codes.
                            f.javaType = "Integer";
                        } else {
                            f.enumClass = f.tag.enumeration();
                            f.javaType = f.enumClass;
                        }
                    } else if (f.type.equals("Mask")) {
                        f.maskName = f.tag.enumeration();
                    }
                    String regType = f.tag.type();
                    if (!regType.equals("*") && !regType.equals(REGISTRY_TYPE.get(f.type))) {
                        warn(f.pos, s.name + "." + f.tagName + " is " + f.type + " here but " + regType + " in tags.tsv");
                    }
                } else if (f.type.equals("Any")) {
                    f.kind = FieldKind.ANY;
                    f.javaType = "Ttlv";
                } else if (f.type.equals("Id")) {
                    f.kind = FieldKind.ID;
                    f.javaType = "UniqueIdentifier";
                } else if (f.type.equals("RequestPayload") || f.type.equals("ResponsePayload")) {
                    f.kind = FieldKind.PAYLOAD;
                    f.javaType = f.type;
                } else if (typeDecl != null) {
                    f.decl = typeDecl;
                    f.javaType = typeDecl.name;
                    switch (typeDecl.kind) {
                        case STRUCT, BAG -> {
                            f.kind = FieldKind.STRUCT;
                            regTypeCheck(s, f, "Structure");
                        }
                        case EXTERN -> f.kind = FieldKind.EXTERN;
                        case CHOICE -> f.kind = FieldKind.SELECTED_CHOICE;
                    }
                } else {
                    error(f.pos, "unknown type " + f.type + " of field " + f.tagName + " in struct " + s.name);
                    continue;
                }
            }
            if (f.kind == FieldKind.TAG_CHOICE) {
                for (Alt a : f.decl.alts) {
                    if (a.decl != null && a.decl.tag != null) {
                        byTag.computeIfAbsent(a.decl.tag.code(), k -> new ArrayList<>()).add(f);
                    }
                }
            } else {
                byTag.computeIfAbsent(f.tag.code(), k -> new ArrayList<>()).add(f);
            }
            if (f.kind == FieldKind.SELECTED_CHOICE || f.kind == FieldKind.PAYLOAD) {
                String selTag = f.kind == FieldKind.PAYLOAD ? "Operation" : f.decl.by;
                for (Field g : s.fields) {
                    if (g.tagName.equals(selTag) && g.type.equals("Enumeration") && !g.list()) {
                        f.selector = g;
                    }
                }
                if (f.selector == null) {
                    error(f.pos, "field " + f.tagName + " of struct " + s.name + " needs a single Enumeration field "
                            + selTag + " in the same struct to select its type");
                }
                if (f.list()) {
                    error(f.pos, "field " + f.tagName + ": a selected type cannot be a list");
                }
            }
            // Java name
            if (f.javaName == null) {
                f.javaName = lowerCamel(f.tagName);
            }
            if (!f.javaName.matches("[a-z][A-Za-z0-9]*") || JAVA_KEYWORDS.contains(f.javaName)
                    || OBJECT_METHODS.contains(f.javaName)) {
                error(f.pos, "field name " + f.javaName + " cannot be a record component (choose another with name=)");
            }
            if (!javaNames.add(f.javaName)) {
                error(f.pos, "struct " + s.name + ": two fields named " + f.javaName + " (rename one with name=)");
            }
            // Version range: the field's own or the struct's, narrowed by the tag's.
            String since = f.since != null ? f.since : structSince;
            String until = f.until != null ? f.until : structUntil;
            if (f.tag != null && f.kind != FieldKind.TAG_CHOICE) {
                since = max(since, f.tag.since());
                until = minUntil(until, f.tag.until());
            }
            if (until != null && cmp(since, until) > 0) {
                error(f.pos, s.name + "." + f.tagName + ": defined in no version (since " + since + ", until " + until
                        + ", tag since " + f.tag.since() + (f.tag.until() != null ? " until " + f.tag.until() : "") + ")");
            }
            f.effSince = since;
            f.effUntil = until;
            f.gated = cmp(since, structSince) > 0 || (until != null && (structUntil == null || cmp(until, structUntil) < 0));
        }
        // Two fields may share a tag only when each has its own fixed item type, so that the decoder
        // can tell them apart by type (Asynchronous Indicator: Boolean in 1.x, Enumeration in 2.x).
        for (Map.Entry<Integer, List<Field>> e : byTag.entrySet()) {
            List<Field> fs = e.getValue();
            if (fs.size() < 2) {
                continue;
            }
            Set<String> itemTypes = new HashSet<>();
            boolean ok = true;
            for (Field f : fs) {
                String it = fixedItemType(f);
                if (it == null || !itemTypes.add(it)) {
                    ok = false;
                }
            }
            if (!ok) {
                error(fs.get(1).pos, "struct " + s.name + ": two fields with tag " + tagNameOf(e.getKey())
                        + " (allowed only with different item types)");
            }
        }
    }

    void regTypeCheck(Decl s, Field f, String expected) {
        String regType = f.tag.type();
        if (!regType.equals("*") && !regType.equals(expected)) {
            warn(f.pos, s.name + "." + f.tagName + " is a " + expected + " here but " + regType + " in tags.tsv");
        }
    }

    static String fixedItemType(Field f) {
        return switch (f.kind) {
            case PRIMITIVE -> f.itemType;
            case STRUCT -> "STRUCTURE";
            default -> null;
        };
    }

    String tagNameOf(int code) {
        for (TagInfo t : tags.values()) {
            if (t.code() == code) {
                return t.name();
            }
        }
        return String.format("0x%06X", code);
    }

    static int cmp(String a, String b) {
        return Integer.compare(VERSIONS.indexOf(a), VERSIONS.indexOf(b));
    }

    static String max(String a, String b) {
        return cmp(a, b) >= 0 ? a : b;
    }

    static String minUntil(String a, String b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return cmp(a, b) <= 0 ? a : b;
    }

    /** lowerCamel of a tag name: {@code RNGAlgorithm -> rngAlgorithm}, {@code PKCS_11Function -> pkcs11Function}. */
    static String lowerCamel(String name) {
        String s = name.replace("_", "");
        int run = 0;
        while (run < s.length() && Character.isUpperCase(s.charAt(run))) {
            run++;
        }
        if (run == 0) {
            return s;
        }
        if (run == 1 || run == s.length() || !Character.isLowerCase(s.charAt(run))) {
            return s.substring(0, run).toLowerCase(Locale.ROOT) + s.substring(run);
        }
        // "IVCounterNonce": the last capital starts the next word.
        return s.substring(0, run - 1).toLowerCase(Locale.ROOT) + s.substring(run - 1);
    }

    void error(Pos pos, String message) {
        errors.add(pos + ": " + message);
    }

    void warn(Pos pos, String message) {
        warnings.add(pos + ": " + message);
    }

    // ---------------------------------------------------------------------------------------
    // Generation
    // ---------------------------------------------------------------------------------------

    int generate(Path outDir) throws IOException {
        int n = 0;
        for (String pkg : List.of(MODEL_PACKAGE, PAYLOAD_PACKAGE)) {
            Path dir = outDir.resolve(pkg.replace('.', '/'));
            Files.createDirectories(dir);
            try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, "*.java")) {
                for (Path p : old) {
                    Files.delete(p);
                }
            }
        }
        for (Decl d : decls.values()) {
            String src = switch (d.kind) {
                case STRUCT -> struct(d);
                case CHOICE -> choice(d);
                case BAG -> bag(d);
                case EXTERN -> null;
            };
            if (src != null) {
                write(outDir, d.pkg, d.name, src);
                n++;
            }
        }
        write(outDir, PAYLOAD_PACKAGE, "RequestPayloads", dispatcher("request"));
        write(outDir, PAYLOAD_PACKAGE, "ResponsePayloads", dispatcher("response"));
        return n + 2;
    }

    static void write(Path outDir, String pkg, String name, String src) throws IOException {
        Path p = outDir.resolve(pkg.replace('.', '/')).resolve(name + ".java");
        Files.writeString(p, src, StandardCharsets.UTF_8);
    }

    /** Every schema and hand-written type name of both packages. */
    Set<String> allNames() {
        Set<String> names = new HashSet<>(HAND_WRITTEN_MODEL);
        names.addAll(HAND_WRITTEN_PAYLOAD);
        names.addAll(decls.keySet());
        return names;
    }

    /**
     * The file: header, the imports {@code body} uses (by the simple names it mentions), body.
     * Types of the other generated package and registry enumerations are imported by name.
     */
    String withHeader(Decl d, Set<String> enumsUsed, String body) {
        StringBuilder sb = new StringBuilder();
        sb.append("// Generated by kmip-codec/src/build/ModelGenerator.java from src/main/model/").append(d.file)
                .append(". Do not edit.\n");
        sb.append("package ").append(d.pkg).append(";\n\n");
        List<String> candidates = new ArrayList<>(List.of(
                "io.kmipstack.codec.registry.KmipVersion",
                "io.kmipstack.codec.ttlv.Bytes",
                "io.kmipstack.codec.ttlv.ItemType",
                "io.kmipstack.codec.ttlv.Ttlv",
                "io.kmipstack.codec.ttlv.TtlvWriter",
                "java.time.Instant",
                "java.util.ArrayList",
                "java.util.List"));
        String other = d.pkg.equals(PAYLOAD_PACKAGE) ? MODEL_PACKAGE : PAYLOAD_PACKAGE;
        for (String h : other.equals(MODEL_PACKAGE) ? HAND_WRITTEN_MODEL : HAND_WRITTEN_PAYLOAD) {
            candidates.add(other + "." + h);
        }
        for (Decl o : decls.values()) {
            if (o.pkg.equals(other)) {
                candidates.add(o.fqn());
            }
        }
        Set<String> all = allNames();
        for (String e : enumsUsed) {
            if (!all.contains(e) && !IMPORTED.contains(e)) {
                candidates.add(REGISTRY_PACKAGE + "." + e);
            }
        }
        // Simple names the code uses: not inside string literals, not the tail of a qualified name.
        Set<String> words = new HashSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?<![.\\w])[A-Za-z_]\\w*")
                .matcher(body.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\""));
        while (m.find()) {
            words.add(m.group());
        }
        List<String> imports = new ArrayList<>();
        for (String c : new LinkedHashSet<>(candidates)) {
            if (words.contains(c.substring(c.lastIndexOf('.') + 1))) {
                imports.add(c);
            }
        }
        imports.sort(null);
        for (String i : imports) {
            sb.append("import ").append(i).append(";\n");
        }
        sb.append('\n').append(body);
        return sb.toString();
    }

    /** The Java name of a registry enumeration class as seen from {@code pkg}. */
    String enumRef(String pkg, String enumClass) {
        return allNames().contains(enumClass) || IMPORTED.contains(enumClass)
                ? REGISTRY_PACKAGE + "." + enumClass : enumClass;
    }

    static String hexTag(int code) {
        return String.format("0x%06X", code);
    }

    static String ver(String v) {
        return v == null ? "null" : "KmipVersion.V" + v.replace('.', '_');
    }

    static String quote(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    static String javadoc(String indent, String text) {
        StringBuilder sb = new StringBuilder();
        sb.append(indent).append("/**\n");
        List<String> lines = wrap(text.replace("*/", "*&#47;"), 96);
        for (String l : lines) {
            sb.append(indent).append(" * ").append(l).append('\n');
        }
        sb.append(indent).append(" */\n");
        return sb.toString();
    }

    static List<String> wrap(String text, int width) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String w : text.split("\\s+")) {
            if (line.length() > 0 && line.length() + 1 + w.length() > width) {
                out.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(w);
        }
        if (line.length() > 0) {
            out.add(line.toString());
        }
        return out;
    }

    String rangeText(String since, String until) {
        if (since == null || since.equals("1.0")) {
            return until == null ? "" : "until " + until;
        }
        return "since " + since + (until == null ? "" : ", until " + until);
    }

    String boxedType(Field f, String pkg) {
        String t = f.kind == FieldKind.PRIMITIVE && f.enumClass != null ? enumRef(pkg, f.enumClass) : f.javaType;
        return f.list() ? "List<" + t + ">" : t;
    }

    String elementType(Field f, String pkg) {
        return f.kind == FieldKind.PRIMITIVE && f.enumClass != null ? enumRef(pkg, f.enumClass) : f.javaType;
    }

    // ----- struct -----

    String struct(Decl s) {
        Set<String> enumsUsed = new HashSet<>();
        for (Field f : s.fields) {
            if (f.enumClass != null) {
                enumsUsed.add(f.enumClass);
            }
            if (f.selector != null && f.selector.enumClass != null) {
                enumsUsed.add(f.selector.enumClass);
            }
        }
        if (s.operation != null) {
            enumsUsed.add("Operation");
        }
        StringBuilder sb = new StringBuilder();
        String tagDesc = s.tag.name().equals(s.name) ? "" : " (tag " + s.tag.name() + ")";
        String range = rangeText(s.since, s.until);
        String doc = (s.doc != null ? s.doc + " " : "KMIP structure " + s.name + tagDesc + ". ")
                + (range.isEmpty() ? "" : "Defined " + range + ". ")
                + "Generated from {@code " + s.file + "}: decode accepts children in any order; encode writes them"
                + " in schema order and refuses what the target version does not define; writeTo writes the same"
                + " bytes straight into a TtlvWriter.";
        sb.append(javadoc("", doc));
        List<String> implemented = new ArrayList<>();
        for (Decl c : s.choices) {
            implemented.add(c.name);
        }
        if ("request".equals(s.payloadKind)) {
            implemented.add("RequestPayload");
        } else if ("response".equals(s.payloadKind)) {
            implemented.add("ResponsePayload");
        }
        sb.append("public record ").append(s.name).append('(');
        for (int i = 0; i < s.fields.size(); i++) {
            Field f = s.fields.get(i);
            sb.append(i == 0 ? "\n        " : ",\n        ").append(boxedType(f, s.pkg)).append(' ').append(f.javaName);
        }
        sb.append(')');
        if (!implemented.isEmpty()) {
            sb.append(" implements ").append(String.join(", ", implemented));
        }
        sb.append(" {\n\n");
        sb.append("    /** The default tag, ").append(s.tag.name()).append(". */\n");
        sb.append("    public static final int TAG = ").append(hexTag(s.tag.code())).append(";\n\n");
        if (s.operation != null) {
            sb.append("    /** The operation whose ").append(s.payloadKind).append(" payload this is. */\n");
            sb.append("    public static final Operation OPERATION = Operation.valueOf(0x")
                    .append(String.format("%08X", s.operationCode)).append(");\n\n");
        }
        // compact constructor
        sb.append("    public ").append(s.name).append(" {\n");
        for (Field f : s.fields) {
            if (f.list()) {
                sb.append("        ").append(f.javaName).append(" = ").append(f.javaName).append(" == null ? List.of() : List.copyOf(")
                        .append(f.javaName).append(");\n");
                if (f.card == '+') {
                    sb.append("        if (").append(f.javaName).append(".isEmpty()) {\n")
                            .append("            throw new IllegalArgumentException(").append(quote(s.name + "." + f.tagName
                                    + ": empty (expected: at least one)")).append(");\n        }\n");
                }
            } else if (f.card == '1') {
                sb.append("        java.util.Objects.requireNonNull(").append(f.javaName).append(", ").append(quote(f.javaName)).append(");\n");
            }
        }
        // A selected value must be the form its selector names (a Get payload under Operation Get).
        for (Field f : s.fields) {
            if (f.selector != null) {
                String checker = f.kind == FieldKind.PAYLOAD
                        ? (f.type.equals("RequestPayload") ? "RequestPayloads" : "ResponsePayloads") : f.javaType;
                sb.append("        if (").append(f.selector.javaName).append(" != null && ").append(f.javaName)
                        .append(" != null) {\n            ").append(checker).append(".requireMatches(")
                        .append(f.selector.javaName).append(", ").append(f.javaName).append(");\n        }\n");
            }
        }
        sb.append("    }\n\n");
        // of(required...) when there are optional fields
        List<Field> required = new ArrayList<>();
        for (Field f : s.fields) {
            if (f.card == '1' || f.card == '+') {
                required.add(f);
            }
        }
        if (required.size() < s.fields.size()) {
            sb.append("    /** Only the required fields; optional fields absent, lists empty. */\n");
            sb.append("    public static ").append(s.name).append(" of(");
            for (int i = 0; i < required.size(); i++) {
                Field f = required.get(i);
                sb.append(i == 0 ? "" : ", ").append(boxedType(f, s.pkg)).append(' ').append(f.javaName);
            }
            sb.append(") {\n        return new ").append(s.name).append('(');
            for (int i = 0; i < s.fields.size(); i++) {
                Field f = s.fields.get(i);
                sb.append(i == 0 ? "" : ", ").append(required.contains(f) ? f.javaName : "null");
            }
            sb.append(");\n    }\n\n");
        }
        structDecode(sb, s);
        structEncode(sb, s);
        structWriteTo(sb, s);
        if (s.fields.stream().anyMatch(f -> f.secret)) {
            sb.append("\n    /** Like the record default, with secret fields redacted. */\n");
            sb.append("    @Override\n    public String toString() {\n        return \"").append(s.name).append("[\"");
            for (int i = 0; i < s.fields.size(); i++) {
                Field f = s.fields.get(i);
                sb.append("\n                + \"").append(i == 0 ? "" : ", ").append(f.javaName).append("=\" + ");
                sb.append(f.secret ? "(" + f.javaName + " == null ? \"null\" : \"<redacted>\")" : f.javaName);
            }
            sb.append(" + \"]\";\n    }\n");
        }
        sb.append("}\n");
        return withHeader(s, enumsUsed, sb.toString());
    }

    void structDecode(StringBuilder sb, Decl s) {
        String S = quote(s.name);
        sb.append("    /** Decodes the children of {@code item}, a Structure with any tag. */\n");
        sb.append("    public static ").append(s.name).append(" decode(Ttlv item) {\n");
        sb.append("        FieldCodec.requireStructure(item, ").append(S).append(");\n");
        for (Field f : s.fields) {
            String t = f.list() ? "ArrayList<" + elementType(f, s.pkg) + ">" : elementType(f, s.pkg);
            if (f.kind == FieldKind.SELECTED_CHOICE || f.kind == FieldKind.PAYLOAD) {
                t = "Ttlv";
            }
            sb.append("        ").append(t).append(' ').append(local(f)).append(" = null;\n");
        }
        sb.append("        Ttlv c = null;\n");
        sb.append("        try {\n");
        sb.append("            for (Ttlv child : item.children()) {\n");
        sb.append("                c = child;\n");
        sb.append("                switch (c.tag()) {\n");
        // Group fields by tag (several for choices, or one tag shared by fields of different item types).
        Map<Integer, List<Field>> byTag = new LinkedHashMap<>();
        for (Field f : s.fields) {
            if (f.kind == FieldKind.TAG_CHOICE) {
                for (Alt a : f.decl.alts) {
                    byTag.computeIfAbsent(a.decl.tag.code(), k -> new ArrayList<>()).add(f);
                }
            } else {
                byTag.computeIfAbsent(f.tag.code(), k -> new ArrayList<>()).add(f);
            }
        }
        for (Map.Entry<Integer, List<Field>> e : byTag.entrySet()) {
            List<Field> fs = e.getValue();
            sb.append("                    case ").append(hexTag(e.getKey())).append(" -> { // ")
                    .append(tagNameOf(e.getKey())).append('\n');
            if (fs.size() == 1) {
                assign(sb, s, fs.get(0), "                        ");
            } else {
                String kw = "                        if";
                for (Field f : fs) {
                    sb.append(kw).append(" (c.type() == ItemType.")
                            .append(fixedItemType(f)).append(") {\n");
                    assign(sb, s, f, "                            ");
                    sb.append("                        }");
                    kw = " else if";
                }
                sb.append(" else {\n                            throw FieldCodec.wrongType(").append(S)
                        .append(", c, ").append(quote(typeList(fs))).append(");\n                        }\n");
            }
            sb.append("                    }\n");
        }
        sb.append("                    default -> throw FieldCodec.unexpected(").append(S).append(", c);\n");
        sb.append("                }\n");
        sb.append("            }\n");
        sb.append("            c = null;\n");
        // required checks
        for (Field f : s.fields) {
            if (f.card == '1' || f.card == '+') {
                sb.append("            if (").append(local(f)).append(" == null) {\n")
                        .append("                throw FieldCodec.missing(").append(S).append(", ")
                        .append(quote(f.kind == FieldKind.TAG_CHOICE ? f.decl.name : f.tagName)).append(");\n")
                        .append("            }\n");
            }
        }
        // selected fields, now that their selector is known
        StringBuilder args = new StringBuilder();
        for (Field f : s.fields) {
            if (f.kind == FieldKind.SELECTED_CHOICE || f.kind == FieldKind.PAYLOAD) {
                String v = local(f) + "Value";
                String decoder = f.kind == FieldKind.PAYLOAD
                        ? (f.type.equals("RequestPayload") ? "RequestPayloads" : "ResponsePayloads")
                        : f.javaType;
                sb.append("            ").append(f.javaType).append(' ').append(v).append(" = null;\n");
                sb.append("            if (").append(local(f)).append(" != null) {\n")
                        .append("                c = ").append(local(f)).append(";\n")
                        .append("                ").append(v).append(" = ").append(decoder).append(".decode(")
                        .append(local(f.selector)).append(", c);\n")
                        .append("            }\n");
            }
        }
        sb.append("            return new ").append(s.name).append('(');
        for (int i = 0; i < s.fields.size(); i++) {
            Field f = s.fields.get(i);
            sb.append(i == 0 ? "" : ", ");
            if (f.kind == FieldKind.SELECTED_CHOICE || f.kind == FieldKind.PAYLOAD) {
                sb.append(local(f)).append("Value");
            } else {
                sb.append(local(f));
            }
        }
        sb.append(");\n");
        sb.append("        } catch (KmipDecodingException e) {\n");
        sb.append("            throw e.within(c);\n");
        sb.append("        }\n");
        sb.append("    }\n\n");
    }

    static String typeList(List<Field> fs) {
        List<String> names = new ArrayList<>();
        for (Field f : fs) {
            String it = fixedItemType(f);
            names.add(switch (it) {
                case "STRUCTURE" -> "Structure";
                case "INTEGER" -> "Integer";
                case "LONG_INTEGER" -> "LongInteger";
                case "BIG_INTEGER" -> "BigInteger";
                case "ENUMERATION" -> "Enumeration";
                case "BOOLEAN" -> "Boolean";
                case "TEXT_STRING" -> "TextString";
                case "BYTE_STRING" -> "ByteString";
                case "DATE_TIME" -> "DateTime";
                case "INTERVAL" -> "Interval";
                default -> "DateTimeExtended";
            });
        }
        return String.join(" or ", names);
    }

    static String local(Field f) {
        return "f" + Character.toUpperCase(f.javaName.charAt(0)) + f.javaName.substring(1);
    }

    void assign(StringBuilder sb, Decl s, Field f, String ind) {
        String S = quote(s.name);
        String F = quote(f.kind == FieldKind.TAG_CHOICE ? f.decl.name : f.tagName);
        String value = decodeExpr(s, f, S, F);
        String l = local(f);
        if (f.list()) {
            sb.append(ind).append("if (").append(l).append(" == null) {\n")
                    .append(ind).append("    ").append(l).append(" = new ArrayList<>();\n")
                    .append(ind).append("}\n");
            sb.append(ind).append(l).append(".add(").append(value).append(");\n");
        } else {
            sb.append(ind).append("if (").append(l).append(" != null) {\n")
                    .append(ind).append("    throw FieldCodec.repeated(").append(S).append(", ").append(F).append(");\n")
                    .append(ind).append("}\n");
            sb.append(ind).append(l).append(" = ").append(value).append(";\n");
        }
    }

    String decodeExpr(Decl s, Field f, String S, String F) {
        return switch (f.kind) {
            case PRIMITIVE -> switch (f.type) {
                case "Integer", "Mask" -> "FieldCodec.integer(c, " + S + ")";
                case "LongInteger" -> "FieldCodec.longInteger(c, " + S + ")";
                case "BigInteger" -> "FieldCodec.bigInteger(c, " + S + ")";
                case "Enumeration" -> f.enumClass == null
                        ? "FieldCodec.enumeration(c, " + S + ")"
                        : enumRef(s.pkg, f.enumClass) + ".valueOf(FieldCodec.enumeration(c, " + S + "))";
                case "Boolean" -> "FieldCodec.bool(c, " + S + ")";
                case "TextString" -> "FieldCodec.text(c, " + S + ")";
                case "ByteString" -> "FieldCodec.bytes(c, " + S + ")";
                case "DateTime" -> "FieldCodec.dateTime(c, " + S + ")";
                case "Interval" -> "FieldCodec.interval(c, " + S + ")";
                case "DateTimeExtended" -> "FieldCodec.dateTimeExtended(c, " + S + ")";
                default -> throw new IllegalStateException(f.type);
            };
            case ANY -> "c";
            case ID -> "UniqueIdentifier.decode(c)";
            case STRUCT, EXTERN, TAG_CHOICE -> f.javaType + ".decode(c)";
            case SELECTED_CHOICE, PAYLOAD -> "c";
        };
    }

    void structEncode(StringBuilder sb, Decl s) {
        sb.append("    /** Encodes under this struct's default tag, " + s.tag.name() + ". */\n");
        sb.append("    public Ttlv encode(KmipVersion v) {\n        return encode(TAG, v);\n    }\n\n");
        sb.append("    /**\n     * Encodes under {@code tag} for version {@code v}.\n     *\n")
                .append("     * @throws KmipEncodingException if {@code v} does not define this struct, a present field or\n")
                .append("     *     an enumeration value in it\n     */\n");
        sb.append("    public Ttlv encode(int tag, KmipVersion v) {\n");
        structBody(sb, s, "        ArrayList<Ttlv> out = new ArrayList<>(" + Math.max(4, s.fields.size()) + ");\n",
                (f, x, tag, S, F) -> "out.add(" + encodeExpr(s, f, x, tag, S, F) + ");");
        sb.append("        return Ttlv.structure(tag, out);\n    }\n");
    }

    /** The statement that puts field {@code f}'s value {@code x} into the output. */
    interface FieldStatement {
        String of(Field f, String x, String tag, String S, String F);
    }

    /**
     * What encode and writeTo share, so they check the same things in the same order: the
     * struct's version range, the hand-written check, then {@code open} (where the output
     * starts), then each field's version gate and its {@code statement}, skipping absent optional
     * fields and empty lists.
     */
    void structBody(StringBuilder sb, Decl s, String open, FieldStatement statement) {
        String S = quote(s.name);
        if (s.since != null || s.until != null) {
            sb.append("        FieldCodec.checkStruct(v, ").append(ver(s.since != null ? s.since : "1.0")).append(", ")
                    .append(ver(s.until)).append(", ").append(S).append(");\n");
        }
        if (s.check != null) {
            // What the field gates cannot see (a raw value's content): a hand-written check.
            sb.append("        ").append(s.check).append(".check(this, v);\n");
        }
        sb.append(open);
        for (Field f : s.fields) {
            String F = quote(f.kind == FieldKind.TAG_CHOICE ? f.decl.name : f.tagName);
            String tag = f.tag != null ? hexTag(f.tag.code()) : null;
            String gate = f.gated ? "FieldCodec.checkField(v, " + ver(f.effSince) + ", " + ver(f.effUntil) + ", "
                    + S + ", " + F + ");" : null;
            if (f.list()) {
                sb.append("        if (!").append(f.javaName).append(".isEmpty()) {\n");
                if (gate != null) {
                    sb.append("            ").append(gate).append('\n');
                }
                sb.append("            for (").append(elementType(f, s.pkg)).append(" each : ").append(f.javaName).append(") {\n");
                sb.append("                ").append(statement.of(f, "each", tag, S, F)).append('\n');
                sb.append("            }\n        }\n");
            } else {
                boolean guarded = f.card == '?' || gate != null;
                String ind = guarded ? "            " : "        ";
                if (guarded) {
                    sb.append("        if (").append(f.javaName).append(" != null) {\n");
                }
                if (gate != null) {
                    sb.append(ind).append(gate).append('\n');
                }
                sb.append(ind).append(statement.of(f, f.javaName, tag, S, F)).append('\n');
                if (guarded) {
                    sb.append("        }\n");
                }
            }
        }
    }

    String encodeExpr(Decl s, Field f, String x, String tag, String S, String F) {
        return switch (f.kind) {
            case PRIMITIVE -> switch (f.type) {
                case "Integer" -> "Ttlv.integer(" + tag + ", " + x + ")";
                case "Mask" -> f.maskName != null
                        ? "FieldCodec.mask(" + tag + ", " + x + ", " + quote(f.maskName) + ", v, " + S + ", " + F + ")"
                        : "Ttlv.integer(" + tag + ", " + x + ")";
                case "LongInteger" -> "Ttlv.longInteger(" + tag + ", " + x + ")";
                case "BigInteger" -> "FieldCodec.bigInteger(" + tag + ", " + x + ")";
                case "Enumeration" -> f.enumClass == null
                        ? "Ttlv.enumeration(" + tag + ", " + x + ")"
                        : "FieldCodec.enumeration(" + tag + ", " + x + ", v, " + S + ", " + F + ")";
                case "Boolean" -> "Ttlv.bool(" + tag + ", " + x + ")";
                case "TextString" -> "Ttlv.text(" + tag + ", " + x + ")";
                case "ByteString" -> "Ttlv.bytes(" + tag + ", " + x + ")";
                case "DateTime" -> "Ttlv.dateTime(" + tag + ", " + x + ".getEpochSecond())";
                case "Interval" -> "FieldCodec.interval(" + tag + ", " + x + ", " + S + ", " + F + ")";
                case "DateTimeExtended" -> "FieldCodec.dateTimeExtended(" + tag + ", " + x + ")";
                default -> throw new IllegalStateException(f.type);
            };
            case ANY -> "FieldCodec.retag(" + x + ", " + tag + ")";
            case ID, STRUCT, EXTERN, SELECTED_CHOICE, PAYLOAD -> x + ".encode(" + tag + ", v)";
            case TAG_CHOICE -> x + ".encode(v)";
        };
    }

    /**
     * {@code writeTo}: the encoding of {@link #structEncode} written straight into a TtlvWriter.
     * Both walk the fields through {@link #structBody}, so the checks are the same calls in the
     * same order and an input encode refuses is refused here with the same exception and message;
     * only the bytes of the fields before it have been written.
     */
    void structWriteTo(StringBuilder sb, Decl s) {
        sb.append("\n    /** Writes {@link #encode(KmipVersion)}'s bytes into {@code w}. */\n");
        sb.append("    public void writeTo(TtlvWriter w, KmipVersion v) {\n        writeTo(w, TAG, v);\n    }\n\n");
        sb.append("    /**\n     * Writes {@link #encode(int, KmipVersion)}'s bytes into {@code w} without building the tree.\n     *\n")
                .append("     * @throws KmipEncodingException as encode does, for the same input; {@code w} then holds a\n")
                .append("     *     partial message\n     */\n");
        sb.append("    public void writeTo(TtlvWriter w, int tag, KmipVersion v) {\n");
        structBody(sb, s, "        int mark = w.beginStructure(tag);\n", (f, x, tag, S, F) -> writeStatement(s, f, x, tag, S, F));
        sb.append("        w.endStructure(mark);\n    }\n");
        if (s.message) {
            sb.append("\n    /**\n     * This message in binary TTLV for version {@code v}: the bytes of\n")
                    .append("     * {@code TtlvEncoder.encode(encode(v))}, written in one pass without the tree.\n     *\n")
                    .append("     * @throws KmipEncodingException as encode does, for the same input\n     */\n");
            sb.append("    public byte[] toBytes(KmipVersion v) {\n");
            sb.append("        TtlvWriter w = TtlvWriter.borrow();\n");
            sb.append("        try {\n            writeTo(w, v);\n            return w.toByteArray();\n");
            sb.append("        } finally {\n            w.release();\n        }\n    }\n");
        }
    }

    /** The statement writing field {@code f}'s value {@code x}: {@link #encodeExpr} for a writer. */
    String writeStatement(Decl s, Field f, String x, String tag, String S, String F) {
        return switch (f.kind) {
            case PRIMITIVE -> switch (f.type) {
                case "Integer" -> "w.integer(" + tag + ", " + x + ");";
                case "Mask" -> f.maskName != null
                        ? "FieldCodec.writeMask(w, " + tag + ", " + x + ", " + quote(f.maskName) + ", v, " + S + ", " + F + ");"
                        : "w.integer(" + tag + ", " + x + ");";
                case "LongInteger" -> "w.longInteger(" + tag + ", " + x + ");";
                case "BigInteger" -> "FieldCodec.writeBigInteger(w, " + tag + ", " + x + ");";
                case "Enumeration" -> f.enumClass == null
                        ? "w.enumeration(" + tag + ", " + x + ");"
                        : "FieldCodec.writeEnumeration(w, " + tag + ", " + x + ", v, " + S + ", " + F + ");";
                case "Boolean" -> "w.bool(" + tag + ", " + x + ");";
                case "TextString" -> "w.text(" + tag + ", " + x + ");";
                case "ByteString" -> "w.bytes(" + tag + ", " + x + ");";
                case "DateTime" -> "w.dateTime(" + tag + ", " + x + ".getEpochSecond());";
                case "Interval" -> "FieldCodec.writeInterval(w, " + tag + ", " + x + ", " + S + ", " + F + ");";
                case "DateTimeExtended" -> "FieldCodec.writeDateTimeExtended(w, " + tag + ", " + x + ");";
                default -> throw new IllegalStateException(f.type);
            };
            case ANY -> "w.write(" + tag + ", " + x + ");";
            case ID, STRUCT, EXTERN, SELECTED_CHOICE, PAYLOAD -> x + ".writeTo(w, " + tag + ", v);";
            case TAG_CHOICE -> x + ".writeTo(w, v);";
        };
    }

    // ----- choice -----

    String choice(Decl c) {
        Set<String> enumsUsed = new HashSet<>();
        if (c.byTag != null) {
            enumsUsed.add(c.byTag.enumeration());
        }
        StringBuilder sb = new StringBuilder();
        List<String> names = new ArrayList<>();
        for (Alt a : c.alts) {
            names.add(a.typeName);
        }
        String doc = (c.doc != null ? c.doc + " " : "")
                + (c.by == null
                    ? "One of " + String.join(", ", names) + ", told apart by the tag of the item."
                    : "The value of a " + c.name + ", whose form the sibling " + c.by + " selects: "
                        + String.join(", ", names) + "; any other selector keeps the item as {@link Unknown}.")
                + " Generated from {@code " + c.file + "}.";
        sb.append(javadoc("", doc));
        List<String> permits = new ArrayList<>(names);
        if (c.by != null) {
            permits.add(c.name + ".Unknown");
        }
        sb.append("public sealed interface ").append(c.name).append(" permits ").append(String.join(", ", permits)).append(" {\n\n");
        sb.append("    /** Encodes under the alternative's default tag for version {@code v}. */\n");
        sb.append("    Ttlv encode(KmipVersion v);\n\n");
        sb.append("    /** Encodes under {@code tag} for version {@code v}. */\n");
        sb.append("    Ttlv encode(int tag, KmipVersion v);\n\n");
        sb.append("    /** Writes {@link #encode(KmipVersion)}'s bytes into {@code w}, refusing the same way. */\n");
        sb.append("    void writeTo(TtlvWriter w, KmipVersion v);\n\n");
        sb.append("    /** Writes {@link #encode(int, KmipVersion)}'s bytes into {@code w}, refusing the same way. */\n");
        sb.append("    void writeTo(TtlvWriter w, int tag, KmipVersion v);\n\n");
        if (c.by == null) {
            sb.append("    /** Decodes {@code item} as the alternative its tag names. */\n");
            sb.append("    static ").append(c.name).append(" decode(Ttlv item) {\n");
            sb.append("        return switch (item.tag()) {\n");
            for (Alt a : c.alts) {
                sb.append("            case ").append(hexTag(a.decl.tag.code())).append(" -> ").append(a.typeName)
                        .append(".decode(item);\n");
            }
            sb.append("            default -> throw FieldCodec.unexpected(").append(quote(c.name)).append(", item);\n");
            sb.append("        };\n    }\n");
        } else {
            String sel = enumRef(c.pkg, c.byTag.enumeration());
            sb.append("    /** Decodes {@code item} in the form {@code selector} names; an unknown or absent selector keeps it raw. */\n");
            sb.append("    static ").append(c.name).append(" decode(").append(sel).append(" selector, Ttlv item) {\n");
            sb.append("        if (selector == null) {\n            return new Unknown(item);\n        }\n");
            sb.append("        return switch (selector.value()) {\n");
            for (Alt a : c.alts) {
                sb.append("            case 0x").append(String.format("%08X", a.selectorCode)).append(" -> ")
                        .append(a.typeName).append(".decode(item); // ").append(a.selectorValue).append('\n');
            }
            sb.append("            default -> new Unknown(item);\n        };\n    }\n\n");
            sb.append("    /**\n     * Checks that {@code value} is the form {@code selector} names ({@link Unknown} fits any).\n     *\n")
                    .append("     * @throws IllegalArgumentException if it is not\n     */\n");
            sb.append("    static void requireMatches(").append(sel).append(" selector, ").append(c.name).append(" value) {\n");
            sb.append("        if (value instanceof Unknown) {\n            return;\n        }\n");
            sb.append("        boolean matches = switch (selector.value()) {\n");
            for (Alt a : c.alts) {
                sb.append("            case 0x").append(String.format("%08X", a.selectorCode)).append(" -> value instanceof ")
                        .append(a.typeName).append(";\n");
            }
            sb.append("            default -> false;\n        };\n");
            sb.append("        if (!matches) {\n            throw new IllegalArgumentException(").append(quote(c.name + ": "))
                    .append(" + value.getClass().getSimpleName()\n                    + \" does not fit ").append(c.by)
                    .append(" \" + selector.name());\n        }\n    }\n\n");
            sb.append("    /** A value whose selector this library has no schema for, kept verbatim. */\n");
            sb.append("    record Unknown(Ttlv item) implements ").append(c.name).append(" {\n\n");
            sb.append("        public Unknown {\n            java.util.Objects.requireNonNull(item, \"item\");\n        }\n\n");
            sb.append("        @Override\n        public Ttlv encode(KmipVersion v) {\n            return item;\n        }\n\n");
            sb.append("        @Override\n        public Ttlv encode(int tag, KmipVersion v) {\n")
                    .append("            return FieldCodec.retag(item, tag);\n        }\n\n");
            sb.append("        @Override\n        public void writeTo(TtlvWriter w, KmipVersion v) {\n")
                    .append("            w.write(item);\n        }\n\n");
            sb.append("        @Override\n        public void writeTo(TtlvWriter w, int tag, KmipVersion v) {\n")
                    .append("            w.write(tag, item);\n        }\n    }\n");
        }
        sb.append("}\n");
        return withHeader(c, enumsUsed, sb.toString());
    }

    // ----- bag -----

    String bag(Decl b) {
        StringBuilder sb = new StringBuilder();
        String doc = (b.doc != null ? b.doc + " " : "KMIP structure " + b.tag.name() + ", kept as its raw children. ")
                + "Items are kept raw, in order; encode refuses an item whose tag the target version does not define."
                + " Generated from {@code " + b.file + "}.";
        sb.append(javadoc("", doc));
        List<String> implemented = new ArrayList<>();
        for (Decl c : b.choices) {
            implemented.add(c.name);
        }
        sb.append("public record ").append(b.name).append("(List<Ttlv> items)");
        if (!implemented.isEmpty()) {
            sb.append(" implements ").append(String.join(", ", implemented));
        }
        sb.append(" {\n\n");
        sb.append("    /** The default tag, ").append(b.tag.name()).append(". */\n");
        sb.append("    public static final int TAG = ").append(hexTag(b.tag.code())).append(";\n\n");
        sb.append("    public ").append(b.name).append(" {\n        items = items == null ? List.of() : List.copyOf(items);\n    }\n\n");
        sb.append("    public static ").append(b.name).append(" of(Ttlv... items) {\n        return new ").append(b.name)
                .append("(List.of(items));\n    }\n\n");
        sb.append("    /** The first item with {@code tag}, or {@code null}. */\n");
        sb.append("    public Ttlv item(int tag) {\n        for (Ttlv i : items) {\n            if (i.tag() == tag) {\n"
                + "                return i;\n            }\n        }\n        return null;\n    }\n\n");
        sb.append("    /** Every item with {@code tag}, in order. */\n");
        sb.append("    public List<Ttlv> items(int tag) {\n        List<Ttlv> out = new ArrayList<>(2);\n"
                + "        for (Ttlv i : items) {\n            if (i.tag() == tag) {\n                out.add(i);\n"
                + "            }\n        }\n        return out;\n    }\n\n");
        sb.append("    /** Decodes the children of {@code item}, a Structure with any tag. */\n");
        sb.append("    public static ").append(b.name).append(" decode(Ttlv item) {\n");
        sb.append("        FieldCodec.requireStructure(item, ").append(quote(b.name)).append(");\n");
        sb.append("        return new ").append(b.name).append("(item.children());\n    }\n\n");
        sb.append("    public Ttlv encode(KmipVersion v) {\n        return encode(TAG, v);\n    }\n\n");
        sb.append("    /**\n     * Encodes under {@code tag} for version {@code v}.\n     *\n")
                .append("     * @throws KmipEncodingException if {@code v} does not define this structure or an item's tag\n     */\n");
        sb.append("    public Ttlv encode(int tag, KmipVersion v) {\n");
        bagChecks(sb, b);
        sb.append("        return Ttlv.structure(tag, items);\n    }\n\n");
        sb.append("    /** Writes {@link #encode(KmipVersion)}'s bytes into {@code w}. */\n");
        sb.append("    public void writeTo(TtlvWriter w, KmipVersion v) {\n        writeTo(w, TAG, v);\n    }\n\n");
        sb.append("    /**\n     * Writes {@link #encode(int, KmipVersion)}'s bytes into {@code w} without building the tree.\n     *\n")
                .append("     * @throws KmipEncodingException as encode does, before writing anything\n     */\n");
        sb.append("    public void writeTo(TtlvWriter w, int tag, KmipVersion v) {\n");
        bagChecks(sb, b);
        sb.append("        int mark = w.beginStructure(tag);\n");
        sb.append("        for (Ttlv item : items) {\n            w.write(item);\n        }\n");
        sb.append("        w.endStructure(mark);\n    }\n}\n");
        return withHeader(b, Set.of(), sb.toString());
    }

    /** The checks a bag's encode and writeTo both make first: its version range, then each item's tag. */
    void bagChecks(StringBuilder sb, Decl b) {
        if (b.since != null || b.until != null) {
            sb.append("        FieldCodec.checkStruct(v, ").append(ver(b.since != null ? b.since : "1.0")).append(", ")
                    .append(ver(b.until)).append(", ").append(quote(b.name)).append(");\n");
        }
        sb.append("        FieldCodec.checkItems(v, items, ").append(quote(b.name)).append(");\n");
    }

    // ----- payload dispatch -----

    String dispatcher(String kind) {
        String cls = kind.equals("request") ? "RequestPayloads" : "ResponsePayloads";
        String iface = kind.equals("request") ? "RequestPayload" : "ResponsePayload";
        List<Decl> payloads = new ArrayList<>();
        for (Decl d : decls.values()) {
            if (kind.equals(d.payloadKind)) {
                payloads.add(d);
            }
        }
        payloads.sort((a, b) -> Integer.compare(a.operationCode, b.operationCode));
        StringBuilder sb = new StringBuilder();
        sb.append("// Generated by kmip-codec/src/build/ModelGenerator.java from the operation= directives of\n")
                .append("// src/main/model/payload-*.schema. Do not edit.\n");
        sb.append("package ").append(PAYLOAD_PACKAGE).append(";\n\n");
        sb.append("import io.kmipstack.codec.registry.Operation;\n");
        sb.append("import io.kmipstack.codec.ttlv.Ttlv;\n\n");
        sb.append(javadoc("", "Decodes a " + kind + " payload (tag " + (kind.equals("request") ? "RequestPayload" : "ResponsePayload")
                + ") by its batch item's Operation, and names the operation of a typed payload. An operation without a"
                + " schema, or an absent Operation, gives a {@link RawPayload} that keeps the item verbatim."));
        sb.append("public final class ").append(cls).append(" {\n\n");
        sb.append("    private ").append(cls).append("() {\n    }\n\n");
        sb.append("    /** The typed payload for {@code operation}, or {@link RawPayload} when there is no schema for it. */\n");
        sb.append("    public static ").append(iface).append(" decode(Operation operation, Ttlv item) {\n");
        sb.append("        if (operation == null) {\n            return RawPayload.decode(item);\n        }\n");
        sb.append("        return switch (operation.value()) {\n");
        for (Decl d : payloads) {
            sb.append("            case 0x").append(String.format("%08X", d.operationCode)).append(" -> ").append(d.name)
                    .append(".decode(item); // ").append(d.operation).append('\n');
        }
        sb.append("            default -> RawPayload.decode(item);\n        };\n    }\n\n");
        sb.append("    /** True when {@code operation} has a typed " + kind + " payload. */\n");
        sb.append("    public static boolean isTyped(Operation operation) {\n");
        sb.append("        return switch (operation.value()) {\n");
        if (!payloads.isEmpty()) {
            sb.append("            case ");
            for (int i = 0; i < payloads.size(); i++) {
                sb.append(i == 0 ? "" : ", ").append("0x").append(String.format("%08X", payloads.get(i).operationCode));
            }
            sb.append(" -> true;\n");
        }
        sb.append("            default -> false;\n        };\n    }\n\n");
        sb.append("    /** The operation of a typed payload, or {@code null} for a {@link RawPayload}. */\n");
        sb.append("    public static Operation operation(").append(iface).append(" payload) {\n");
        for (Decl d : payloads) {
            sb.append("        if (payload instanceof ").append(d.name).append(") {\n            return ").append(d.name)
                    .append(".OPERATION;\n        }\n");
        }
        sb.append("        return null;\n    }\n\n");
        sb.append("    /**\n     * Checks that {@code payload} belongs to {@code operation} (a {@link RawPayload} fits any).\n     *\n")
                .append("     * @throws IllegalArgumentException if it is another operation's payload\n     */\n");
        sb.append("    public static void requireMatches(Operation operation, ").append(iface).append(" payload) {\n");
        sb.append("        Operation own = operation(payload);\n");
        sb.append("        if (own != null && !own.equals(operation)) {\n");
        sb.append("            throw new IllegalArgumentException(payload.getClass().getSimpleName() + \" is for \" + own.name()\n")
                .append("                    + \" (expected: a payload for \" + operation.name() + \")\");\n        }\n    }\n}\n");
        return sb.toString();
    }
}
