package io.kmipstack.codec.testcase;

import static java.util.Objects.requireNonNull;

import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.xml.KmipXml;
import io.kmipstack.codec.xml.ValueResolver;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * One OASIS KMIP test-case file (KMIP Test Cases 1.4 and 2.1, in the XML of the KMIP Additional
 * Message Encodings, section 6.1): a {@code <KMIP>} document whose children are the requests and
 * responses of one test, in order. Placeholders the test case leaves open ({@code $NOW},
 * {@code $UNIQUE_IDENTIFIER_0}, ...) are bound by a {@link ValueResolver}; by default the stable
 * stand-ins of {@link ValueResolver#fixed} at {@link #DEFAULT_NOW}, so that every read of a file
 * gives the same trees.
 */
public record TestCaseFile(Path path, List<Ttlv> messages) {

    /** The instant {@code $NOW} stands for unless the caller chooses another. */
    public static final Instant DEFAULT_NOW = Instant.parse("2024-01-02T03:04:05Z");

    public TestCaseFile {
        requireNonNull(path, "path");
        messages = List.copyOf(messages);
    }

    /**
     * Reads {@code file} with the stand-ins at {@link #DEFAULT_NOW}.
     *
     * @throws io.kmipstack.codec.xml.KmipXmlException if the file is not KMIP XML
     */
    public static TestCaseFile read(Path file) throws IOException {
        return read(file, ValueResolver.fixed(DEFAULT_NOW));
    }

    /**
     * Reads {@code file}, binding placeholders through {@code resolver}.
     *
     * @throws io.kmipstack.codec.xml.KmipXmlException if the file is not KMIP XML
     */
    public static TestCaseFile read(Path file, ValueResolver resolver) throws IOException {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new TestCaseFile(file, KmipXml.readAll(in, resolver));
        }
    }

    /**
     * The test-case files under {@code roots}: a regular file as given, and every {@code *.xml}
     * file below a directory, sorted by path within it. Roots keep their order.
     *
     * @throws NoSuchFileException if a root does not exist
     */
    public static List<Path> find(List<Path> roots) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path root : roots) {
            if (Files.isDirectory(root)) {
                try (Stream<Path> walk = Files.walk(root)) {
                    walk.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".xml"))
                            .sorted()
                            .forEach(out::add);
                }
            } else if (Files.exists(root)) {
                out.add(root);
            } else {
                throw new NoSuchFileException(root.toString());
            }
        }
        return out;
    }
}
