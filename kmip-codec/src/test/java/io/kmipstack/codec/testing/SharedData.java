package io.kmipstack.codec.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds the shared read-only test material ({@code kmip-vectors}, {@code ttlv-vectors},
 * {@code kmip-spec}) for the tests of every module; published in kmip-codec's test-jar.
 *
 * <p>The build sets the system property {@code kmipstack.shared} to {@code ../shared} beside the
 * reactor root, which is right for the main checkout but names a folder that does not exist from
 * a git worktree elsewhere; so when the property's folder lacks what is asked for, the nearest
 * {@code shared/} above the working directory is tried. Missing material fails the test with
 * the places tried: a test that quietly skips its vectors would pass having checked nothing.
 */
public final class SharedData {

    /** The system property naming the shared folder. */
    public static final String PROPERTY = "kmipstack.shared";

    private SharedData() {
    }

    /**
     * The folder {@code name} (e.g. {@code "kmip-vectors"}) of the shared material.
     *
     * @throws IllegalStateException if no candidate folder holds it
     */
    public static Path path(String name) {
        List<Path> tried = new ArrayList<>();
        String property = System.getProperty(PROPERTY);
        if (property != null && !property.isBlank()) {
            tried.add(Path.of(property).resolve(name).normalize());
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            tried.add(dir.resolve("shared").resolve(name));
        }
        for (Path candidate : tried) {
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/" + name + ": not found (tried: " + tried
                + "; expected: -D" + PROPERTY + "=<folder holding " + name + ">)");
    }
}
