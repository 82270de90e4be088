package io.kmipstack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.codec.testcase.TestCaseFile;
import io.kmipstack.codec.testing.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TtlvRoundtripCommandTest {

    // A Destroy request whose header lists Batch Count before Protocol Version: the model decodes
    // it (children in any order) and encodes it in the spec's order, so it does not come back.
    private static final String OUT_OF_ORDER = """
            <KMIP>
              <RequestMessage>
                <RequestHeader>
                  <BatchCount type="Integer" value="1"/>
                  <ProtocolVersion>
                    <ProtocolVersionMajor type="Integer" value="1"/>
                    <ProtocolVersionMinor type="Integer" value="4"/>
                  </ProtocolVersion>
                </RequestHeader>
                <BatchItem>
                  <Operation type="Enumeration" value="Destroy"/>
                  <RequestPayload>
                    <UniqueIdentifier type="TextString" value="1"/>
                  </RequestPayload>
                </BatchItem>
              </RequestMessage>
            </KMIP>
            """;

    private static Path vectors() {
        return SharedData.path("kmip-vectors");
    }

    @Test
    void everyOasisTestCasePasses() {
        CliRun r = CliRun.of("ttlv", "roundtrip", vectors().toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("2098 passed, 0 failed\n");
        assertThat(r.code()).isZero();
    }

    @Test
    void aBrokenFileIsReportedWithItsPathAndExitsOne(@TempDir Path dir) throws Exception {
        Path good = vectors().resolve("v1.4/mandatory/AKLC-M-1-14.xml");
        Files.copy(good, dir.resolve("AKLC-M-1-14.xml"));
        Path broken = Files.writeString(dir.resolve("broken.xml"), OUT_OF_ORDER);
        int goodMessages = TestCaseFile.read(good).messages().size();

        CliRun r = CliRun.of("ttlv", "roundtrip", dir.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo(broken + ": message 0 (RequestMessage Destroy): typed model (KMIP 1.4): "
                + "RequestMessage/RequestHeader/BatchCount: expected BatchCount, got ProtocolVersion\n"
                + goodMessages + " passed, 1 failed\n");
    }

    @Test
    void aFileThatIsNotKmipXmlCountsAsOneFailure(@TempDir Path dir) throws Exception {
        Path notKmip = Files.writeString(dir.resolve("x.xml"), "<KMIP><RequestMessage><Foo/></RequestMessage></KMIP>");
        CliRun r = CliRun.of("ttlv", "roundtrip", notKmip.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).startsWith(notKmip + ": not read: unknown element: Foo").endsWith("\n0 passed, 1 failed\n")
                .hasLineCount(2);
    }

    @Test
    void pathsWithoutTestCasesAreErrors(@TempDir Path dir) {
        CliRun empty = CliRun.of("ttlv", "roundtrip", dir.toString());
        assertThat(empty.code()).isEqualTo(1);
        assertThat(empty.err()).isEqualTo("kmip: " + dir + ": no .xml files\n");

        CliRun missing = CliRun.of("ttlv", "roundtrip", dir.resolve("nope").toString());
        assertThat(missing.code()).isEqualTo(1);
        assertThat(missing.err()).isEqualTo("kmip: " + dir.resolve("nope") + ": no such file\n");

        CliRun none = CliRun.of("ttlv", "roundtrip");
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).startsWith("kmip: Missing required parameter").hasLineCount(1);
    }
}
