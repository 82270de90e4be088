package io.kmipstack.codec.model;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the shared read-only material (test vectors) from a test. */
final class Shared {

    private Shared() {
    }

    /**
     * The folder {@code name} under the shared directory: the {@code kmipstack.shared} system
     * property when it points at an existing folder, else the first {@code shared} folder found
     * walking up from the working directory.
     */
    static Path path(String name) {
        String property = System.getProperty("kmipstack.shared");
        if (property != null && Files.isDirectory(Path.of(property, name))) {
            return Path.of(property, name);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared").resolve(name);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/" + name + ": not found (expected: -Dkmipstack.shared or a shared/ folder above "
                + Path.of("").toAbsolutePath() + ")");
    }
}
