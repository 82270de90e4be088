package io.kmipstack.cli;

import io.kmipstack.benchmarks.load.Bench;
import io.kmipstack.benchmarks.load.BenchOperation;
import io.kmipstack.benchmarks.load.BenchProgress;
import io.kmipstack.benchmarks.load.BenchResult;
import io.kmipstack.benchmarks.load.BenchSettings;
import io.kmipstack.codec.registry.KmipVersion;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code kmip bench}: closed-loop load against a KMIP server, or with {@code --echo} against an
 * in-process mutual-TLS echo server on the same stack (the ceiling for any KMIP server here). The
 * work is {@link Bench}'s (module {@code benchmarks}); this class maps options to
 * {@link BenchSettings}, shows progress on a terminal (standard error) and prints the report, or
 * with {@code --json} one JSON object. Failed operations are part of the report, not the exit
 * status: it is 0 whenever the run completed, 1 when it could not run (for example the server
 * refused the first request of the kind), 2 for a bad command line.
 */
@Command(name = "bench", description = {
        "Load a KMIP server: N connections, one request in flight each, for a time or a number of operations.",
        "Prepares its own keys (named kmip-bench-<run>-...) and destroys them afterwards.",
        "--echo loads an in-process mutual-TLS echo server on the same stack instead: the ceiling for any KMIP server here."})
final class BenchCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--op", paramLabel = "OP", defaultValue = "get",
            description = "create, get, encrypt, decrypt, sign, locate, mix, connect (new TLS connections) or idle "
                    + "(open N connections and hold them) (default: ${DEFAULT-VALUE}).")
    String op;

    @Option(names = "--size", paramLabel = "BYTES", defaultValue = "" + BenchSettings.DEFAULT_SIZE,
            description = "Data per Encrypt, Decrypt or Sign (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--connections", paramLabel = "N", defaultValue = "" + BenchSettings.DEFAULT_CONNECTIONS,
            description = "Connections, each with one request in flight (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--duration", paramLabel = "DURATION",
            description = "Measure for this long: 10s, 500ms, 2m (default: 10s unless --ops).")
    String duration;

    @Option(names = "--ops", paramLabel = "N", description = "Measure this many operations instead of a duration.")
    Long ops;

    @Option(names = "--warmup", paramLabel = "DURATION",
            description = "Load before measuring, not counted (default: 3s with a duration, 0 with --ops).")
    String warmup;

    @Option(names = "--populate", paramLabel = "N", defaultValue = "" + BenchSettings.DEFAULT_POPULATE,
            description = "Keys Locate searches among (default: ${DEFAULT-VALUE}).")
    int populate;

    @Option(names = "--echo", description = "Load an in-process mutual-TLS echo server instead of --server.")
    boolean echo;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (System.getProperty(ClientCommand.SLF4J_PROVIDER) == null) {
            System.setProperty(ClientCommand.SLF4J_PROVIDER, ClientCommand.SLF4J_NOP);
            if (System.getProperty(ClientCommand.SLF4J_VERBOSITY) == null) {
                System.setProperty(ClientCommand.SLF4J_VERBOSITY, "WARN");
            }
        }
        BenchSettings settings = settings();
        PrintWriter err = spec.commandLine().getErr();
        Progress progress = System.console() != null ? new Progress(err) : null;
        BenchResult r;
        try {
            if (echo) {
                KmipVersion v = connection.version == null ? KmipVersion.V2_1 : version(connection.version);
                r = Bench.echo(settings, v, progress == null ? BenchProgress.NONE : progress);
            } else {
                r = Bench.run(settings, connection.clientOptions(), progress == null ? BenchProgress.NONE : progress);
            }
        } catch (IllegalStateException e) {
            throw new CliException("bench: " + e.getMessage(), e);
        } finally {
            if (progress != null) {
                progress.clear();
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(connection.json ? r.toJson() + System.lineSeparator() : r.toText());
        out.flush();
        return 0;
    }

    /** The settings the options describe; a bad combination is a usage error. */
    BenchSettings settings() {
        BenchOperation operation;
        try {
            operation = BenchOperation.fromName(op);
        } catch (IllegalArgumentException e) {
            throw usage("--op " + op + " (expected: create, get, encrypt, decrypt, sign, locate, mix, connect or idle)");
        }
        if (duration != null && ops != null) {
            throw usage("--duration and --ops: both given (expected: one of them)");
        }
        if (ops != null && ops < 1) {
            throw usage("--ops " + ops + " (expected: > 0)");
        }
        if (echo && !connection.servers.isEmpty()) {
            throw usage("--echo and --server: both given (expected: one of them)");
        }
        Duration d = ops != null ? null : duration == null ? BenchSettings.DEFAULT_DURATION : ConnectionOptions.duration(duration, "--duration");
        Duration w = warmup != null ? nonNegative(warmup, "--warmup")
                : ops != null ? Duration.ZERO : BenchSettings.DEFAULT_WARMUP;
        try {
            return new BenchSettings(operation, size, connections, d, ops == null ? 0 : ops, w, populate);
        } catch (IllegalArgumentException e) {
            // The settings name their fields as the options do: "size: 0 (expected: 1 to 524288)".
            throw usage("--" + e.getMessage());
        }
    }

    private static Duration nonNegative(String text, String option) {
        String t = text.strip();
        if (t.equals("0") || t.equalsIgnoreCase("0s") || t.equalsIgnoreCase("0ms")) {
            return Duration.ZERO;
        }
        return ConnectionOptions.duration(text, option);
    }

    /** The version echo frames are encoded in; worded as the client commands word a bad one. */
    private static KmipVersion version(String text) {
        KmipVersion v;
        try {
            v = KmipVersion.parse(text);
        } catch (IllegalArgumentException e) {
            throw usage("--kmip-version " + text + ": " + e.getMessage());
        }
        if (!KmipVersion.SUPPORTED.contains(v)) {
            throw usage("--kmip-version " + text + ": KMIP version: " + v + " (expected: one of " + KmipVersion.SUPPORTED + ")");
        }
        return v;
    }

    private static CliException usage(String message) {
        return new CliException(message, KmipCli.EXIT_USAGE);
    }

    /** The live status line on a terminal: rewritten in place on standard error. */
    private static final class Progress implements BenchProgress {
        private final PrintWriter err;
        private boolean shown;

        Progress(PrintWriter err) {
            this.err = err;
        }

        @Override
        public synchronized void status(String line) {
            err.print("\r" + line + "\033[K");
            err.flush();
            shown = true;
        }

        synchronized void clear() {
            if (shown) {
                err.print("\r\033[K");
                err.flush();
            }
        }
    }
}
