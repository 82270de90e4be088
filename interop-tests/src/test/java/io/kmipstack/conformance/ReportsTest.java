package io.kmipstack.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.codec.testcase.TreeDiff.Difference;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportsTest {

    private static final RunReport REPORT = new RunReport(List.of(
            new FileResult("CS-BC-M-1-14", Path.of("v1.4/mandatory/CS-BC-M-1-14.xml"), Verdict.PASS, 0, null, null, 4, Duration.ofMillis(120)),
            new FileResult("CS-BC-M-2-14", Path.of("v1.4/mandatory/CS-BC-M-2-14.xml"), Verdict.FAIL, 2,
                    new Difference("ResponseMessage/BatchItem/ResultStatus", "Success", "OperationFailed"),
                    "ResponseMessage/BatchItem/ResultStatus: expected Success, got OperationFailed", 4, Duration.ofMillis(80)),
            new FileResult("MSGENC-XML-M-1-14", Path.of("v1.4/mandatory/MSGENC-XML-M-1-14.xml"), Verdict.SKIP, 0, null,
                    "needs --https", 2, Duration.ZERO)));

    @Test
    void summaryCountsFiles() {
        assertThat(REPORT.summary()).isEqualTo("1 passed, 1 failed, 1 skipped");
    }

    @Test
    void junitHasOneTestCasePerFile() throws IOException {
        StringWriter w = new StringWriter();
        Reports.writeJUnit(REPORT, w);
        assertThat(w.toString()).isEqualTo("""
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="kmip-conformance" tests="3" failures="1" errors="0" skipped="1" time="0.200">
                  <testcase classname="v1.4.mandatory" name="CS-BC-M-1-14" time="0.120"/>
                  <testcase classname="v1.4.mandatory" name="CS-BC-M-2-14" time="0.080">
                    <failure message="message 2: ResponseMessage/BatchItem/ResultStatus: expected Success, got OperationFailed"/>
                  </testcase>
                  <testcase classname="v1.4.mandatory" name="MSGENC-XML-M-1-14" time="0.000">
                    <skipped message="needs --https"/>
                  </testcase>
                </testsuite>
                """);
    }

    @Test
    void junitEscapesWhatXmlCannotHold() {
        assertThat(Reports.xml("a<b & \"c\"\n\u0001")).isEqualTo("a&lt;b &amp; &quot;c&quot;&#10;?");
    }

    @Test
    void markdownIsATable() throws IOException {
        StringWriter w = new StringWriter();
        Reports.writeMarkdown(REPORT, w);
        assertThat(w.toString()).isEqualTo("""
                | File | Result | Detail |
                | --- | --- | --- |
                | CS-BC-M-1-14 | PASS |  |
                | CS-BC-M-2-14 | FAIL | message 2: ResponseMessage/BatchItem/ResultStatus: expected Success, got OperationFailed |
                | MSGENC-XML-M-1-14 | SKIP | needs --https |

                1 passed, 1 failed, 1 skipped
                """);
    }

    @Test
    void durationsParseAsTheCommandLineWritesThem() {
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("30")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(Durations.parse("PT1.5S")).isEqualTo(Duration.ofMillis(1500));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Durations.parse("soon"))
                .hasMessage("duration: soon (expected: e.g. 500ms, 30s, 2m or PT30S)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Durations.parse("0s"))
                .hasMessage("duration: 0s (expected: > 0)");
    }

    @Test
    void endpointsParse() {
        assertThat(Endpoint.parse("kms.example:5697", 5696)).isEqualTo(new Endpoint("kms.example", 5697));
        assertThat(Endpoint.parse("kms.example", 5696)).isEqualTo(new Endpoint("kms.example", 5696));
        assertThat(Endpoint.parse("[::1]:5696", 1)).isEqualTo(new Endpoint("::1", 5696));
        assertThat(new Endpoint("::1", 5696)).hasToString("[::1]:5696");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Endpoint.parse("host:99999", 1))
                .hasMessage("port: 99999 (expected: 1 to 65535)");
    }
}
