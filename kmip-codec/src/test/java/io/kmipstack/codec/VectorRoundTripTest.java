package io.kmipstack.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.kmipstack.codec.payload.RequestPayloads;
import io.kmipstack.codec.payload.ResponsePayloads;
import io.kmipstack.codec.registry.EnumValueDef;
import io.kmipstack.codec.registry.Operation;
import io.kmipstack.codec.registry.Registry;
import io.kmipstack.codec.testcase.RoundTrip;
import io.kmipstack.codec.testcase.TestCaseFile;
import io.kmipstack.codec.testing.SharedData;
import io.kmipstack.codec.ttlv.Ttlv;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Round-trips every message of the OASIS KMIP conformance test cases (KMIP Profiles 1.4 and 2.1,
 * {@code kmip-vectors/} in the shared folder) through every representation the codec has, with
 * {@link RoundTrip}: the XML as read (placeholders bound by {@link TestCaseFile}'s fixed stand-ins)
 * is the reference tree, and the typed model (encoded for the header's version, every payload
 * typed), binary TTLV, and the XML and JSON writers must each give it back unchanged; encoding
 * the typed message for any other version must give the same tree or refuse. One dynamic test
 * per file; a last test prints the totals and fails if any message failed or files are missing.
 * No file or message is skipped.
 */
class VectorRoundTripTest {

    /** The README of kmip-vectors lists 68+7 (1.4) and 86+7 (2.1) files. */
    private static final int EXPECTED_FILES = 168;

    private final AtomicInteger files = new AtomicInteger();
    private final AtomicInteger passed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    // Encodings of typed messages for the other supported versions: both outcomes must occur.
    private final AtomicInteger identical = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final List<String> failedFiles = new ArrayList<>();

    @TestFactory
    Stream<DynamicTest> vectors() throws IOException {
        Path root = SharedData.path("kmip-vectors");
        List<Path> xmlFiles = TestCaseFile.find(List.of(root));
        Stream<DynamicTest> perFile = xmlFiles.stream().map(file -> DynamicTest.dynamicTest(
                root.relativize(file).toString(), file.toUri(), () -> roundTripFile(root, file)));
        DynamicTest summary = DynamicTest.dynamicTest("summary", () -> {
            String line = "vectors: " + files.get() + " files, " + passed.get() + " messages passed, "
                    + failed.get() + " failed";
            System.out.println(line + " (other-version encodings: " + identical.get() + " identical, "
                    + refused.get() + " refused)");
            assertTrue(files.get() >= EXPECTED_FILES, "vector files: " + files.get() + " (expected: >= "
                    + EXPECTED_FILES + ")");
            assertTrue(passed.get() > 0, line);
            assertTrue(identical.get() > 0 && refused.get() > 0,
                    "other-version encodings: " + identical.get() + " identical, " + refused.get() + " refused");
            assertEquals(0, failed.get(), line + "; failing files: " + failedFiles);
        });
        return Stream.concat(perFile, Stream.of(summary));
    }

    /**
     * The test cases use 27 operations; the payload schemas cover all 59 of KMIP 1.0-2.1. Poll has
     * no response payload of its own (a completed Poll answers with the polled operation's).
     */
    @Test
    void everyOperationHasTypedPayloads() {
        List<String> missing = new ArrayList<>();
        for (EnumValueDef op : Registry.enumeration("Operation").values()) {
            Operation operation = Operation.valueOf(op.code());
            if (!RequestPayloads.isTyped(operation)) {
                missing.add(op.name() + " request");
            }
            if (!ResponsePayloads.isTyped(operation) && !operation.equals(Operation.POLL)) {
                missing.add(op.name() + " response");
            }
        }
        assertEquals(List.of(), missing);
        assertFalse(ResponsePayloads.isTyped(Operation.POLL));
    }

    private void roundTripFile(Path root, Path file) throws IOException {
        files.incrementAndGet();
        List<Ttlv> messages = TestCaseFile.read(file).messages();
        assertTrue(!messages.isEmpty(), "no messages in " + file);
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            Ttlv message = messages.get(i);
            RoundTrip.Result result = RoundTrip.run(message);
            identical.addAndGet(result.otherVersionsIdentical());
            refused.addAndGet(result.otherVersionsRefused());
            if (result.passed()) {
                passed.incrementAndGet();
            } else {
                failed.incrementAndGet();
                problems.add("message " + i + " (" + RoundTrip.describe(message) + "): " + result.failure());
            }
        }
        if (!problems.isEmpty()) {
            synchronized (failedFiles) {
                failedFiles.add(root.relativize(file).toString());
            }
            fail(problems.size() + " of " + messages.size() + " messages failed:\n  "
                    + String.join("\n  ", problems));
        }
    }
}
