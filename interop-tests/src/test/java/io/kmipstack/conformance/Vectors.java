package io.kmipstack.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The OASIS test-case files under the shared folder ({@code -Dkmipstack.shared}). */
final class Vectors {

    private Vectors() {
    }

    /** {@code shared/kmip-vectors}: from the system property, else the first {@code shared} folder up from here. */
    static Path root() {
        String property = System.getProperty("kmipstack.shared");
        if (property != null && Files.isDirectory(Path.of(property, "kmip-vectors"))) {
            return Path.of(property, "kmip-vectors");
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve("kmip-vectors");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/kmip-vectors: not found (expected: -Dkmipstack.shared=<folder holding it>)");
    }

    /** Every test-case file, in natural order. */
    static List<Path> all() {
        try {
            return ConformanceRunner.expand(List.of(root()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One file by name ({@code "v1.4/mandatory/CS-BC-M-1-14"}). */
    static TestCase read(String relative) {
        try {
            return TestCase.read(root().resolve(relative + ".xml"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
