package io.kmipstack.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BenchResultTest {

    private static BenchResult result() {
        LatencyHistogram h = new LatencyHistogram();
        h.record(1_000_000); // 1 ms
        h.record(3_000_000);
        Map<String, BenchResult.Latency> byKind = new LinkedHashMap<>();
        byKind.put("get", BenchResult.Latency.of(h));
        byKind.put("encrypt", BenchResult.Latency.of(new LatencyHistogram()));
        return new BenchResult("127.0.0.1:5696", BenchOperation.MIX, 4, 4096, "2.1", "BoringSSL", 2.0, 2, 1,
                BenchResult.Latency.of(h), byKind, Map.of("GeneralFailure: \"quoted\"\n", 1L), Map.of("get", 168), List.of("a note"));
    }

    @Test
    void jsonCarriesTheFieldsScriptsRead() {
        String json = result().toJson();
        assertThat(json).startsWith("{\"target\":\"127.0.0.1:5696\",\"operation\":\"mix\",\"connections\":4,\"size\":4096,")
                .contains("\"opsPerSecond\":1.0,").contains("\"errors\":1,")
                // Percentiles are bucket middles (1 ms lies in [999,424, 1,007,616) ns), the maximum is exact.
                .contains("\"p50Micros\":1003.5,").contains("\"p99Micros\":2998.3,").contains("\"maxMicros\":3000.0,")
                .contains("\"byKind\":{\"get\":{\"count\":2,\"p50Micros\":1003.5,").contains("\"frameBytes\":{\"get\":168}")
                .contains("\"errorMessages\":{\"GeneralFailure: \\\"quoted\\\"\\n\":1}")
                .endsWith("\"notes\":[\"a note\"]}");
        // get is reported before encrypt: the workload's order is kept.
        assertThat(json.indexOf("\"get\":{")).isLessThan(json.indexOf("\"encrypt\":{"));
    }

    @Test
    void textSaysThroughputLatencyAndErrors() {
        String text = result().toText();
        assertThat(text).contains("mix against 127.0.0.1:5696: 4 connections, 4,096-byte data, KMIP 2.1, TLS by BoringSSL")
                .contains("throughput  1.0 ops/s (2 operations in 2.00 s)")
                .contains("p50 1.00 ms  p90 3.00 ms  p99 3.00 ms")
                .contains("errors      1").contains("1 x GeneralFailure");
    }

    @Test
    void controlCharactersAreEscaped() {
        assertThat(BenchResult.quote("a\u0001b\tc")).isEqualTo("\"a\\u0001b\\tc\"");
    }
}
