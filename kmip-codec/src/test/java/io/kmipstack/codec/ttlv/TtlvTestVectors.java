package io.kmipstack.codec.ttlv;

import io.kmipstack.codec.testing.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * Test support: parses hex in the spec's notation and reads the shared TTLV vectors
 * ({@code ttlv-vectors}, found by {@link SharedData}).
 */
public final class TtlvTestVectors {

    /** One whole message: its name and bytes. */
    public record Message(String name, byte[] bytes) {
        @Override
        public String toString() {
            return name;
        }
    }

    private TtlvTestVectors() {
    }

    /** Parses hex digits, ignoring whitespace and the {@code |} separators the spec examples use. */
    public static byte[] hex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("[\\s|]", ""));
    }

    public static Path wireDir() {
        return SharedData.path("ttlv-vectors").resolve("pykmip-0.10-wire");
    }

    /** The messages of {@code kmip-1.1-test-case-messages.tsv} (kind, provenance, hex). */
    public static List<Message> testCaseMessages() {
        List<Message> out = new ArrayList<>();
        for (String line : readLines(SharedData.path("ttlv-vectors").resolve("kmip-1.1-test-case-messages.tsv"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t");
            if (cols.length != 3) {
                throw new IllegalStateException("expected 3 tab-separated columns: " + line);
            }
            out.add(new Message(cols[0] + " (" + cols[1] + ")", hex(cols[2])));
        }
        return out;
    }

    /** Every {@code *.hex} PyKMIP wire capture, by file name without extension. */
    public static List<Message> wireMessages() {
        try (Stream<Path> files = Files.list(wireDir())) {
            return files.filter(p -> p.getFileName().toString().endsWith(".hex"))
                    .sorted()
                    .map(p -> new Message(p.getFileName().toString().replace(".hex", ""), wireMessage(p)))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] wireMessage(String name) {
        return wireMessage(wireDir().resolve(name + ".hex"));
    }

    private static byte[] wireMessage(Path p) {
        return hex(String.join("", readLines(p)));
    }

    public static List<String> readLines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
