package io.kmipstack.conformance;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes a {@link RunReport} for machines and people: JUnit XML (one test case per file, the form
 * CI systems read) and a Markdown table.
 */
public final class Reports {

    private Reports() {
    }

    /**
     * JUnit XML: one {@code <testsuite name="kmip-conformance">}, one {@code <testcase>} per file
     * named by the file and classed by its folder ({@code v1.4.mandatory}), a {@code <failure>}
     * or {@code <skipped>} carrying the one-line detail.
     */
    public static void writeJUnit(RunReport report, Path file) throws IOException {
        createParent(file);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writeJUnit(report, w);
        }
    }

    public static void writeJUnit(RunReport report, Writer w) throws IOException {
        double total = report.results().stream().mapToLong(r -> r.elapsed().toMillis()).sum() / 1000.0;
        w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        w.write(String.format(Locale.ROOT, "<testsuite name=\"kmip-conformance\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"%d\" time=\"%.3f\">%n",
                report.results().size(), report.failed(), report.skipped(), total));
        for (FileResult r : report.results()) {
            w.write(String.format(Locale.ROOT, "  <testcase classname=\"%s\" name=\"%s\" time=\"%.3f\"",
                    xml(classname(r.file())), xml(r.name()), r.elapsed().toMillis() / 1000.0));
            switch (r.verdict()) {
                case PASS -> w.write("/>\n");
                case FAIL -> w.write(">\n    <failure message=\"" + xml(r.detail()) + "\"/>\n  </testcase>\n");
                case SKIP -> w.write(">\n    <skipped message=\"" + xml(r.detail()) + "\"/>\n  </testcase>\n");
            }
        }
        w.write("</testsuite>\n");
    }

    /** A Markdown table: file, result, detail; then the summary line. */
    public static void writeMarkdown(RunReport report, Path file) throws IOException {
        createParent(file);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            writeMarkdown(report, w);
        }
    }

    public static void writeMarkdown(RunReport report, Writer w) throws IOException {
        w.write("| File | Result | Detail |\n| --- | --- | --- |\n");
        for (FileResult r : report.results()) {
            w.write("| " + md(r.name()) + " | " + r.verdict() + " | " + md(r.detail()) + " |\n");
        }
        w.write("\n" + report.summary() + "\n");
    }

    private static String classname(Path file) {
        if (file == null || file.getParent() == null) {
            return "conformance";
        }
        Path parent = file.getParent();
        Path grand = parent.getParent();
        String name = (grand != null && grand.getFileName() != null ? grand.getFileName() + "." : "") + parent.getFileName();
        return name;
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }

    static String xml(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\n' -> sb.append("&#10;");
                default -> {
                    // XML 1.0 cannot carry other control characters at all.
                    if (c < 0x20 && c != '\t') {
                        sb.append('?');
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    private static String md(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
