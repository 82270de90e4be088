package io.kmipstack.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The operation × version × direction results the PyKMIP interop ITs measured, written as
 * Markdown to {@code target/interop-matrix.md} after each IT class (the file holds everything
 * recorded in this JVM so far, so after a full run it holds both directions). The README's matrix
 * is copied from it. A cell is recorded by the test that asserted it, never guessed: {@code pass}
 * means the operation succeeded and its result was checked by value.
 */
final class InteropMatrix {

    static final Path FILE = Path.of("target", "interop-matrix.md");

    /** Who talks to whom. */
    enum Direction {
        CLIENT_TO_PYKMIP("kmipstack client → PyKMIP 0.10 server"),
        PYKMIP_TO_SERVER("PyKMIP 0.10 client → kmipstack server");

        final String title;

        Direction(String title) {
            this.title = title;
        }
    }

    /** What a cell says; every value but PASS carries a note saying why. */
    enum Outcome {
        /** Succeeded and the result was checked by value. */
        PASS("pass"),
        /** The operation or field does not exist in this KMIP version; the sender refused to send it. */
        NOT_IN_VERSION("n/a"),
        /** Refused or mishandled by PyKMIP (a missing feature or a PyKMIP bug; the note says which). */
        PYKMIP_FAILS("PyKMIP ✗"),
        /** Refused or mishandled by kmipstack. */
        KMIPSTACK_FAILS("kmipstack ✗"),
        /** The server's cryptographic operations are issue 5's and not in Handlers.standard() yet. */
        PENDING("pending #5");

        final String label;

        Outcome(String label) {
            this.label = label;
        }
    }

    record Cell(Outcome outcome, List<String> notes) {
        Cell {
            Objects.requireNonNull(outcome, "outcome");
            notes = List.copyOf(notes);
        }
    }

    static final List<String> VERSIONS = List.of("1.0", "1.1", "1.2", "1.3", "1.4", "2.0");

    /** Row order of the table; rows recorded under other names follow in the order first seen. */
    static final List<String> OPERATIONS = List.of(
            "Discover Versions", "Query", "Create (AES-256)", "Create Key Pair (RSA-2048)",
            "Register Symmetric Key", "Register Public Key", "Register Private Key", "Register Certificate",
            "Register Secret Data", "Register Opaque Object", "Register Split Key", "Register (two Names, no index)",
            "Get", "Get wrapped (NIST Key Wrap)", "Get Attributes (named)", "Get Attributes (all)", "Get Attribute List",
            "Set Attribute", "Modify Attribute", "Delete Attribute", "Locate (filters)", "Locate (paging)",
            "Activate", "Revoke", "Destroy", "Derive Key (PBKDF2)", "Encrypt/Decrypt AES-CBC",
            "Encrypt/Decrypt AES-GCM (12-byte IV)", "Encrypt AES-GCM, server's IV", "Sign/Signature Verify (RSA)",
            "MAC (HMAC-SHA256)");

    private static final Map<Direction, Map<String, Map<String, Cell>>> CELLS = new TreeMap<>();

    private InteropMatrix() {
    }

    /** Records a cell; null notes are left out, the others become numbered footnotes. */
    static synchronized void record(Direction d, String operation, String version, Outcome outcome, String... notes) {
        if (!VERSIONS.contains(version)) {
            throw new IllegalArgumentException("version: " + version + " (expected: one of " + VERSIONS + ")");
        }
        CELLS.computeIfAbsent(d, k -> new LinkedHashMap<>())
                .computeIfAbsent(operation, k -> new TreeMap<>())
                .put(version, new Cell(outcome, Arrays.stream(notes).filter(Objects::nonNull).toList()));
    }

    static synchronized Cell cell(Direction d, String operation, String version) {
        return CELLS.getOrDefault(d, Map.of()).getOrDefault(operation, Map.of()).get(version);
    }

    /** Writes everything recorded so far to {@link #FILE}. */
    static synchronized void write() {
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, markdown(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("interop matrix: " + e.getMessage(), e);
        }
    }

    /**
     * The tables, one per direction. A note every cell of a version's column carries (e.g. how
     * that version was measured) is shown once, in the column's header.
     */
    static synchronized String markdown() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<Direction, Map<String, Map<String, Cell>>> direction : CELLS.entrySet()) {
            Map<String, Map<String, Cell>> rows = direction.getValue();
            List<String> notes = new ArrayList<>();
            Map<String, List<String>> columnNotes = new LinkedHashMap<>();
            for (String v : VERSIONS) {
                columnNotes.put(v, commonNotes(rows.values(), v));
            }
            out.append("### ").append(direction.getKey().title).append("\n\n| operation |");
            VERSIONS.forEach(v -> out.append(' ').append(v).append(footnotes(columnNotes.get(v), notes)).append(" |"));
            out.append("\n| --- |");
            VERSIONS.forEach(v -> out.append(" --- |"));
            out.append('\n');
            for (String operation : rowOrder(rows.keySet())) {
                out.append("| ").append(operation).append(" |");
                for (String v : VERSIONS) {
                    Cell c = rows.get(operation).get(v);
                    out.append(' ');
                    if (c == null) {
                        out.append("not measured");
                    } else {
                        List<String> own = new ArrayList<>(c.notes());
                        own.removeAll(columnNotes.get(v));
                        out.append(c.outcome().label).append(footnotes(own, notes));
                    }
                    out.append(" |");
                }
                out.append('\n');
            }
            out.append('\n');
            for (int i = 0; i < notes.size(); i++) {
                out.append(i + 1).append(". ").append(notes.get(i)).append('\n');
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** The notes every recorded cell of column {@code version} has. */
    private static List<String> commonNotes(Iterable<Map<String, Cell>> rows, String version) {
        List<String> common = null;
        for (Map<String, Cell> row : rows) {
            Cell c = row.get(version);
            if (c == null) {
                continue;
            }
            if (common == null) {
                common = new ArrayList<>(c.notes());
            } else {
                common.retainAll(c.notes());
            }
        }
        return common == null ? List.of() : common;
    }

    /** " [n] [m]" for {@code cellNotes}, numbering notes not seen before. */
    private static String footnotes(List<String> cellNotes, List<String> notes) {
        StringBuilder out = new StringBuilder();
        for (String note : cellNotes) {
            int n = notes.indexOf(note);
            if (n < 0) {
                notes.add(note);
                n = notes.size() - 1;
            }
            out.append(" [").append(n + 1).append(']');
        }
        return out.toString();
    }

    private static List<String> rowOrder(Iterable<String> recorded) {
        List<String> rows = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        recorded.forEach(seen::add);
        for (String op : OPERATIONS) {
            if (seen.contains(op)) {
                rows.add(op);
            }
        }
        for (String op : seen) {
            if (!rows.contains(op)) {
                rows.add(op);
            }
        }
        return rows;
    }
}
