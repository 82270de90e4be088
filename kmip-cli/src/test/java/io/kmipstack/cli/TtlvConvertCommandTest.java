package io.kmipstack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.codec.testcase.TestCaseFile;
import io.kmipstack.codec.testing.SharedData;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvDecoder;
import io.kmipstack.codec.ttlv.TtlvEncoder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TtlvConvertCommandTest {

    private static final String NOW = "2024-01-02T03:04:05Z";

    private static Path wire(String name) {
        return SharedData.path("ttlv-vectors").resolve("pykmip-0.10-wire").resolve(name);
    }

    // AKLC-M-1-14: a 1.4 test case of ten messages (five requests and their responses).
    private static Path testCase() {
        return SharedData.path("kmip-vectors").resolve("v1.4/mandatory/AKLC-M-1-14.xml");
    }

    @Test
    void ttlvHexToXmlNamesEveryItem() {
        // PyKMIP 0.10 Destroy request, protocol 1.2 (destroy_req.ttlv.txt beside it reads the same).
        CliRun r = CliRun.of("ttlv", "convert", "--from", "ttlv", "--to", "xml", wire("destroy_req.hex").toString());
        assertThat(r.err()).isEmpty();
        assertThat(r.code()).isZero();
        assertThat(r.out()).isEqualTo("""
                <RequestMessage>
                  <RequestHeader>
                    <ProtocolVersion>
                      <ProtocolVersionMajor type="Integer" value="1"/>
                      <ProtocolVersionMinor type="Integer" value="2"/>
                    </ProtocolVersion>
                    <BatchCount type="Integer" value="1"/>
                  </RequestHeader>
                  <BatchItem>
                    <Operation type="Enumeration" value="Destroy"/>
                    <RequestPayload>
                      <UniqueIdentifier type="TextString" value="3"/>
                    </RequestPayload>
                  </BatchItem>
                </RequestMessage>
                """);
    }

    @Test
    void ttlvThroughJsonAndXmlComesBackByteForByte(@TempDir Path dir) throws Exception {
        Path hex = wire("create_aes256_req.hex");
        CliRun json = CliRun.of("ttlv", "convert", "--from", "ttlv", "--to", "json", hex.toString());
        assertThat(json.code()).as(json.err()).isZero();
        assertThat(json.out()).startsWith("{\"tag\":\"RequestMessage\",").hasLineCount(1);
        Path jsonFile = Files.writeString(dir.resolve("m.json"), json.out());

        CliRun xml = CliRun.of("ttlv", "convert", "--from", "json", "--to", "xml", jsonFile.toString());
        assertThat(xml.code()).as(xml.err()).isZero();
        Path xmlFile = Files.writeString(dir.resolve("m.xml"), xml.out());

        CliRun back = CliRun.of("ttlv", "convert", "--from", "xml", "--to", "ttlv", xmlFile.toString());
        assertThat(back.code()).as(back.err()).isZero();
        String original = Files.readString(hex).replaceAll("\\s", "");
        assertThat(back.out()).isEqualTo(original.toUpperCase() + "\n");
    }

    @Test
    void aWholeTestCaseFileConvertsEveryMessage(@TempDir Path dir) throws Exception {
        List<Ttlv> expected = TestCaseFile.read(testCase()).messages();
        assertThat(expected).hasSize(10);

        CliRun hex = CliRun.of("ttlv", "convert", "--from", "xml", "--to", "ttlv", "--now", NOW, testCase().toString());
        assertThat(hex.code()).as(hex.err()).isZero();
        List<String> lines = hex.out().lines().toList();
        assertThat(lines).hasSize(expected.size());
        for (int i = 0; i < lines.size(); i++) {
            assertThat(TtlvDecoder.create().decode(HexFormat.of().parseHex(lines.get(i)))).as("message " + i)
                    .isEqualTo(expected.get(i));
        }

        // Raw bytes to a file, one message after another; read back as TTLV, out as JSON lines.
        Path bin = dir.resolve("m.bin");
        CliRun raw = CliRun.of("ttlv", "convert", "--from", "xml", "--to", "ttlv", "--now", NOW, "--out", bin.toString(),
                testCase().toString());
        assertThat(raw.code()).as(raw.err()).isZero();
        assertThat(raw.out()).isEmpty();
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        expected.forEach(m -> all.writeBytes(TtlvEncoder.encode(m)));
        assertThat(Files.readAllBytes(bin)).isEqualTo(all.toByteArray());

        CliRun json = CliRun.of("ttlv", "convert", "--from", "ttlv", "--to", "json", bin.toString());
        assertThat(json.code()).as(json.err()).isZero();
        assertThat(json.out()).hasLineCount(10);
        Path jsonLines = Files.writeString(dir.resolve("m.jsonl"), json.out());

        // JSON objects one after another come back as the same messages, and as a <KMIP> document.
        Path xml = dir.resolve("m.xml");
        CliRun kmip = CliRun.of("ttlv", "convert", "--from", "json", "--to", "xml", "--out", xml.toString(),
                jsonLines.toString());
        assertThat(kmip.code()).as(kmip.err()).isZero();
        assertThat(Files.readString(xml)).startsWith("<KMIP>");
        assertThat(TestCaseFile.read(xml).messages()).isEqualTo(expected);
    }

    @Test
    void dollarNowIsTheGivenInstant(@TempDir Path dir) throws Exception {
        Path xml = Files.writeString(dir.resolve("now.xml"), "<RequestMessage><RequestHeader>"
                + "<TimeStamp type=\"DateTime\" value=\"$NOW-3600\"/></RequestHeader></RequestMessage>");
        CliRun r = CliRun.of("ttlv", "convert", "--from", "xml", "--to", "json", "--now", NOW, xml.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).isEqualTo("{\"tag\":\"RequestMessage\",\"value\":[{\"tag\":\"RequestHeader\",\"value\":["
                + "{\"tag\":\"TimeStamp\",\"type\":\"DateTime\",\"value\":\"2024-01-02T02:04:05+00:00\"}]}]}\n");
    }

    @Test
    void dashReadsStandardInput() throws Exception {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(Files.readAllBytes(wire("destroy_req.hex"))));
            CliRun r = CliRun.of("ttlv", "convert", "--from", "ttlv", "--to", "json", "-");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).startsWith("{\"tag\":\"RequestMessage\"").contains("\"value\":\"Destroy\"");
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void errorsAreOneLineAndExitOne(@TempDir Path dir) throws Exception {
        Path xml = Files.writeString(dir.resolve("bad.xml"), "<KMIP><RequestMessage><Foo/></RequestMessage></KMIP>");
        CliRun r = CliRun.of("ttlv", "convert", "--from", "xml", "--to", "ttlv", xml.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("kmip: invalid XML: unknown element: Foo").contains("RequestMessage/Foo")
                .hasLineCount(1);

        Path json = Files.writeString(dir.resolve("bad.json"),
                "{\"tag\":\"BatchCount\",\"type\":\"Integer\",\"value\":1}\n{\"tag\":\"Nope\"}\n");
        CliRun j = CliRun.of("ttlv", "convert", "--from", "json", "--to", "xml", json.toString());
        assertThat(j.code()).isEqualTo(1);
        assertThat(j.err()).startsWith("kmip: invalid JSON: unknown tag: Nope").endsWith("(object 2)\n").hasLineCount(1);

        // A Structure header promising 0x70 bytes, and only two of them.
        Path ttlv = Files.writeString(dir.resolve("short.hex"), "42007801000000704200");
        CliRun t = CliRun.of("ttlv", "convert", "--from", "ttlv", "--to", "xml", ttlv.toString());
        assertThat(t.code()).isEqualTo(1);
        assertThat(t.err()).startsWith("kmip: invalid TTLV: truncated value: length 112").hasLineCount(1);

        Path empty = Files.writeString(dir.resolve("empty.xml"), "<KMIP/>");
        assertThat(CliRun.of("ttlv", "convert", "--from", "xml", "--to", "json", empty.toString()).err())
                .isEqualTo("kmip: " + empty + ": no messages\n");

        assertThat(CliRun.of("ttlv", "convert", "--from", "xml", "--to", "json", dir.resolve("none.xml").toString()).err())
                .isEqualTo("kmip: " + dir.resolve("none.xml") + ": no such file\n");
        assertThat(CliRun.of("ttlv", "convert", "--from", "xml", "--to", "json", "--now", "yesterday", xml.toString()).err())
                .isEqualTo("kmip: --now: 'yesterday' (expected: an instant such as 2024-01-02T03:04:05Z)\n");
    }

    @Test
    void anUnknownFormatIsAUsageError() {
        CliRun r = CliRun.of("ttlv", "convert", "--from", "yaml", "--to", "xml", "x");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).isEqualTo(
                "kmip: Invalid value for option '--from': 'yaml' (expected: ttlv, xml or json) (see 'kmip ttlv convert --help')\n");
    }
}
