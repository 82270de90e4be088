package io.kmipstack.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.kmipstack.benchmarks.load.BenchOperation;
import io.kmipstack.benchmarks.load.BenchSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code kmip bench} option handling: no server is involved, every case fails or maps before connecting. */
class BenchCommandTest {

    private static BenchSettings parse(String... args) {
        BenchCommand cmd = new BenchCommand();
        new CommandLine(cmd).parseArgs(args);
        return cmd.settings();
    }

    @Test
    void defaultsAreATenSecondGetOnOneConnectionAfterAThreeSecondWarmUp() {
        BenchSettings s = parse();
        assertThat(s.operation()).isEqualTo(BenchOperation.GET);
        assertThat(s.connections()).isEqualTo(1);
        assertThat(s.size()).isEqualTo(4096);
        assertThat(s.duration()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.ops()).isZero();
        assertThat(s.warmup()).isEqualTo(Duration.ofSeconds(3));
        assertThat(s.populate()).isEqualTo(1000);
    }

    @Test
    void optionsMapOntoTheSettings() {
        BenchSettings s = parse("--op", "encrypt", "--size", "64", "--connections", "16", "--duration", "500ms",
                "--warmup", "2s", "--populate", "100000");
        assertThat(s).isEqualTo(new BenchSettings(BenchOperation.ENCRYPT, 64, 16, Duration.ofMillis(500), 0,
                Duration.ofSeconds(2), 100_000));
    }

    @Test
    void aCountedRunHasNoWarmUpUnlessAskedFor() {
        assertThat(parse("--ops", "200").warmup()).isZero();
        assertThat(parse("--ops", "200").duration()).isNull();
        assertThat(parse("--ops", "200", "--warmup", "1s").warmup()).isEqualTo(Duration.ofSeconds(1));
        assertThat(parse("--warmup", "0").warmup()).isZero();
        assertThat(parse("--op", "MIX").operation()).isEqualTo(BenchOperation.MIX);
    }

    @Test
    void badCombinationsAreUsageErrors() {
        expectUsage("kmip: --duration and --ops: both given (expected: one of them)", "--duration", "2s", "--ops", "5");
        expectUsage("kmip: --op rekey (expected: create, get, encrypt, decrypt, sign, locate, mix, connect or idle)",
                "--op", "rekey");
        expectUsage("kmip: --connections: 0 (expected: 1 to 1024)", "--connections", "0");
        expectUsage("kmip: --size: 0 (expected: 1 to 524288)", "--size", "0");
        expectUsage("kmip: --ops 0 (expected: > 0)", "--ops", "0");
        expectUsage("kmip: --duration 0s (expected: > 0)", "--duration", "0s");
        expectUsage("kmip: --warmup soon (expected: 30s, 500ms, 2m or a number of seconds)", "--warmup", "soon");
        expectUsage("kmip: --ops: 5 with operation idle (expected: a duration to hold the connections for)",
                "--op", "idle", "--ops", "5");
        expectUsage("kmip: --echo and --server: both given (expected: one of them)", "--echo", "--server", "127.0.0.1:5696");
        expectUsage("kmip: --kmip-version 9.9: KMIP version: 9.9 (expected: one of [1.0, 1.1, 1.2, 1.3, 1.4, 2.0, 2.1])",
                "--echo", "--kmip-version", "9.9", "--ops", "1");
    }

    @Test
    void aValueOfTheWrongTypeIsRefusedByTheParser() {
        CliRun r = CliRun.of("bench", "--size", "big");
        assertThat(r.code()).isEqualTo(KmipCli.EXIT_USAGE);
        assertThat(r.err()).startsWith("kmip: Invalid value for option '--size': 'big' is not an int").contains("see 'kmip bench --help'");
    }

    @Test
    void helpListsTheOptions() {
        CliRun r = CliRun.of("bench", "--help");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("--op=OP").contains("--connections=N").contains("--duration=DURATION").contains("--ops=N")
                .contains("--warmup=DURATION").contains("--echo").contains("--server=HOST:PORT").contains("--json");
    }

    private static void expectUsage(String error, String... args) {
        String[] full = new String[args.length + 1];
        full[0] = "bench";
        System.arraycopy(args, 0, full, 1, args.length);
        CliRun r = CliRun.of(full);
        assertThat(r.code()).as(r.err()).isEqualTo(KmipCli.EXIT_USAGE);
        assertThat(r.err()).isEqualTo(error + "\n");
        assertThat(r.out()).isEmpty();
    }
}
