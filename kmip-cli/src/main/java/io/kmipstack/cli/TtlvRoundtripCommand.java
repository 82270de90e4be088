package io.kmipstack.cli;

import io.kmipstack.codec.testcase.RoundTrip;
import io.kmipstack.codec.testcase.TestCaseFile;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.xml.KmipXmlException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kmip ttlv roundtrip}: runs {@link RoundTrip} on every message of OASIS KMIP test-case
 * files, the check the codec's own vector test makes, so that a new or edited test case can be
 * tried without a build. Prints one line per failed message (file, message index, stage, tag
 * path, expected and actual value; byte values only fingerprinted) and a last line
 * {@code N passed, N failed}, counting messages; a file that is not KMIP XML counts as one
 * failure. Exits 0 only when nothing failed.
 */
@Command(name = "roundtrip", description = {
        "Round-trip every message of OASIS KMIP test-case files (XML) through the typed model,",
        "every other protocol version, binary TTLV, XML and JSON; print each failure and a count."})
final class TtlvRoundtripCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "DIR|FILE",
            description = "Test-case files, or directories searched for *.xml files.")
    List<Path> paths;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        List<Path> files = TestCaseFile.find(paths);
        if (files.isEmpty()) {
            throw new CliException(String.join(", ", paths.stream().map(Path::toString).toList())
                    + ": no .xml files");
        }
        PrintWriter out = spec.commandLine().getOut();
        int passed = 0;
        int failed = 0;
        for (Path file : files) {
            List<Ttlv> messages;
            try {
                messages = TestCaseFile.read(file).messages();
            } catch (KmipXmlException e) {
                out.println(file + ": not read: " + e.getMessage().lines().findFirst().orElse(""));
                failed++;
                continue;
            }
            for (int i = 0; i < messages.size(); i++) {
                RoundTrip.Result r = RoundTrip.run(messages.get(i));
                if (r.passed()) {
                    passed++;
                } else {
                    out.println(file + ": message " + i + " (" + RoundTrip.describe(messages.get(i)) + "): " + r.failure());
                    failed++;
                }
            }
        }
        out.println(passed + " passed, " + failed + " failed");
        out.flush();
        return failed == 0 ? 0 : KmipCli.EXIT_FAILURE;
    }
}
