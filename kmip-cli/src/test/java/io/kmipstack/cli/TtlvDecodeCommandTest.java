package io.kmipstack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.codec.testing.SharedData;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TtlvDecodeCommandTest {

    static Path wire(String name) {
        return SharedData.path("ttlv-vectors").resolve("pykmip-0.10-wire").resolve(name);
    }

    @Test
    void decodesPyKmipDestroyRequest() {
        // PyKMIP 0.10 Destroy request, protocol 1.2; see destroy_req.ttlv.txt beside it.
        CliRun r = CliRun.of("ttlv", "decode", "@" + wire("destroy_req.hex"));
        assertThat(r.code()).isZero();
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("""
                RequestMessage (Structure)
                  RequestHeader (Structure)
                    ProtocolVersion (Structure)
                      ProtocolVersionMajor (Integer) 1
                      ProtocolVersionMinor (Integer) 2
                    BatchCount (Integer) 1
                  BatchItem (Structure)
                    Operation (Enumeration) Destroy
                    RequestPayload (Structure)
                      UniqueIdentifier (TextString) "3"
                """);
    }

    @Test
    void attributeValuesTakeTheirNamesFromTheAttributeName() {
        CliRun r = CliRun.of("ttlv", "decode", "@" + wire("create_aes256_req.hex"));
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("""
                  BatchItem (Structure)
                    Operation (Enumeration) Create
                    RequestPayload (Structure)
                      ObjectType (Enumeration) SymmetricKey
                      TemplateAttribute (Structure)
                        Attribute (Structure)
                          AttributeName (TextString) "Cryptographic Algorithm"
                          AttributeValue (Enumeration) AES
                        Attribute (Structure)
                          AttributeName (TextString) "Cryptographic Length"
                          AttributeValue (Integer) 256
                        Attribute (Structure)
                          AttributeName (TextString) "Cryptographic Usage Mask"
                          AttributeValue (Integer) Encrypt Decrypt
                        Attribute (Structure)
                          AttributeName (TextString) "Name"
                          AttributeValue (Structure)
                            NameValue (TextString) "vector-key"
                            NameType (Enumeration) UninterpretedTextString
                """);
    }

    @Test
    void hexMayBeSplitBySpacesBarsAndNewlines() {
        // 42 00 6A | 02 | 00 00 00 04 | 00 00 00 01 00 00 00 00: Protocol Version Major = 1 (KMIP 1.4 9.1.2 example style)
        CliRun r = CliRun.of("ttlv", "decode", "42 00 6A | 02 | 00 00 00 04 |\n 00 00 00 01 00 00 00 00");
        assertThat(r.out()).isEqualTo("ProtocolVersionMajor (Integer) 1\n");
        assertThat(CliRun.of("ttlv", "decode", "0x42006a020000000400000001\t00000000").out()).isEqualTo(r.out());
    }

    @Test
    void everyItemTypePrintsReadably() {
        // Each child is 16 bytes: 8 header + 8 value (padded); 9 children = 0x90.
        String hex = "420078 01 00000090"
                + "540001 02 00000004 FFFFFFFF 00000000"   // Integer -1 under an extension tag
                + "42005C 05 00000004 00FF0001 00000000"   // Operation without a name
                + "420096 03 00000008 0000000000000064"    // Long Integer 100
                + "420010 06 00000008 0000000000000001"    // Boolean true
                + "420094 07 00000003 612209 0000000000"   // text a, quote, tab
                + "420030 08 00000003 00AB10 0000000000"   // Byte String
                + "420001 09 00000008 0000000065920080"    // 1704067200 s
                + "42002E 04 00000008 FFFFFFFFFFFFFFFE"    // Big Integer -2, two's complement
                + "420049 0A 00000004 00000E10 00000000";  // Interval 3600 s
        CliRun r = CliRun.of("ttlv", "decode", hex.replace(" ", ""));
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("""
                RequestMessage (Structure)
                  0x540001 (Integer) -1
                  Operation (Enumeration) 0x00FF0001
                  UsageLimitsCount (LongInteger) 100
                  BatchOrderOption (Boolean) true
                  UniqueIdentifier (TextString) "a\\"\\t"
                  DerivationData (ByteString) 00AB10
                  ActivationDate (DateTime) 2024-01-01T00:00:00Z
                  D (BigInteger) 0xFFFFFFFFFFFFFFFE
                  LeaseTime (Interval) 3600
                """);
    }

    @Test
    void rawBinaryFilesAreAcceptedToo(@TempDir Path dir) throws Exception {
        Path raw = dir.resolve("destroy.bin");
        Files.write(raw, MessageInput.parseHex(Files.readString(wire("destroy_req.hex")), "test"));
        CliRun r = CliRun.of("ttlv", "decode", "@" + raw);
        assertThat(r.err()).isEmpty();
        assertThat(r.out())
                .isEqualTo(CliRun.of("ttlv", "decode", "@" + wire("destroy_req.hex")).out());
    }

    @Test
    void atFileIsReadAsOneMessageEvenWithSpacesAndNewlines(@TempDir Path dir) throws Exception {
        // picocli would otherwise expand @FILE into one argument per word.
        Path spaced = dir.resolve("spaced.hex");
        Files.writeString(spaced, "42 00 6A | 02 | 00 00 00 04\n00 00 00 01 00 00 00 00\n");
        CliRun r = CliRun.of("ttlv", "decode", "@" + spaced);
        assertThat(r.err()).isEmpty();
        assertThat(r.out()).isEqualTo("ProtocolVersionMajor (Integer) 1\n");
    }

    @Test
    void dashReadsStandardInput() throws Exception {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream(Files.readAllBytes(wire("destroy_req.hex"))));
            CliRun r = CliRun.of("ttlv", "decode", "-");
            assertThat(r.code()).isZero();
            assertThat(r.out()).startsWith("RequestMessage (Structure)\n");
        } finally {
            System.setIn(saved);
        }
    }

    @Test
    void everyKmip11TestCaseMessageDecodesWithEveryTagNamed() throws Exception {
        List<String> rows = Files.readAllLines(SharedData.path("ttlv-vectors").resolve("kmip-1.1-test-case-messages.tsv"),
                StandardCharsets.UTF_8).stream().filter(l -> !l.startsWith("#") && !l.isBlank()).toList();
        assertThat(rows).hasSize(15);
        for (String row : rows) {
            String[] cols = row.split("\t");
            CliRun r = CliRun.of("ttlv", "decode", cols[2]);
            assertThat(r.code()).as(cols[0] + ": " + r.err()).isZero();
            assertThat(r.out()).as(cols[0]).doesNotContain("0x42").startsWith(cols[0].split(" ")[0] + " (Structure)\n");
        }
    }

    @Test
    void malformedHexIsOneLineAndExitOne() {
        CliRun r = CliRun.of("ttlv", "decode", "42 00 7G");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).isEqualTo(
                "kmip: hex argument: character 'G' at position 7 (expected: hex digits, spaces, '|' or ':')\n");

        assertThat(CliRun.of("ttlv", "decode", "420").err())
                .isEqualTo("kmip: hex argument: hex digits: 3 (expected: an even number)\n");
        assertThat(CliRun.of("ttlv", "decode", " | ").err())
                .isEqualTo("kmip: hex argument: no hex digits (expected: a TTLV message)\n");
    }

    @Test
    void invalidTtlvSaysWhereInOneLine() {
        // A Structure claiming 24 bytes of content with only 16 present.
        CliRun r = CliRun.of("ttlv", "decode", "420078 01 00000018 42006A 02 00000004 00000001 00000000");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("kmip: invalid TTLV: truncated value: length 24 with 16 bytes left at offset 0")
                .endsWith("\n").hasLineCount(1);
    }

    @Test
    void verboseAddsTheStackTrace() {
        CliRun r = CliRun.of("ttlv", "decode", "--verbose", "4200");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).startsWith("kmip: invalid TTLV: truncated item header").contains("\tat io.kmipstack.");
        assertThat(CliRun.of("--verbose", "ttlv", "decode", "4200").err()).contains("\tat io.kmipstack.");
    }

    @Test
    void missingFileIsOneLine() {
        CliRun r = CliRun.of("ttlv", "decode", "@/nonexistent/x.hex");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("kmip: /nonexistent/x.hex: no such file\n");
    }

    @Test
    void missingArgumentIsAUsageError() {
        CliRun r = CliRun.of("ttlv", "decode");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("kmip: Missing required parameter").endsWith("(see 'kmip ttlv decode --help')\n")
                .hasLineCount(1);
    }
}
