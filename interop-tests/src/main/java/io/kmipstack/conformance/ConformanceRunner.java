package io.kmipstack.conformance;

import io.kmipstack.codec.testcase.TreeDiff.Difference;
import io.kmipstack.codec.ttlv.Ttlv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Runs OASIS KMIP XML test cases against a server. For each file it opens one {@link Exchange}
 * over the file's {@link Wire}, and for each request/response pair binds the request's
 * placeholders ({@link RequestBinder}), sends it, and compares the response with the expected one
 * ({@link ResponseComparator}, rules in {@code interop-tests/README.md}). The first difference
 * fails the file and ends it, since later requests depend on earlier results. Files run one after
 * another in the order given (folders in natural name order, so {@code SASED-M-1} precedes the
 * {@code SASED-M-3} that finds its objects).
 *
 * <pre>{@code
 * try (Transport t = Transports.netty(Endpoint.parse("kms:5696", 5696), null, null, tls)) {
 *     RunReport report = ConformanceRunner.builder(t).skipProfile("CS-AC").build()
 *             .run(List.of(Path.of("../shared/kmip-vectors/v1.4")));
 * }
 * }</pre>
 */
public final class ConformanceRunner {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** How far a server's {@code $NOW} times may stray outside the run's own time window. */
    public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofMinutes(10);

    /** Hears about progress; called on the running thread. */
    public interface Listener {
        /** Before the first file: how many there are. */
        default void started(int files) {
        }

        /** Before file {@code index} (0-based). */
        default void starting(int index, String name) {
        }

        /** After each file. */
        default void finished(int index, FileResult result) {
        }
    }

    private final Transport transport;
    private final Duration timeout;
    private final Duration clockSkew;
    private final Set<String> skipProfiles;
    private final Clock clock;
    private final Listener listener;

    private ConformanceRunner(Builder b) {
        this.transport = b.transport;
        this.timeout = b.timeout;
        this.clockSkew = b.clockSkew;
        this.skipProfiles = Set.copyOf(b.skipProfiles);
        this.clock = b.clock;
        this.listener = b.listener;
    }

    public static Builder builder(Transport transport) {
        return new Builder(transport);
    }

    /** Runs every file under {@code paths} (files, or folders searched for {@code *.xml}). */
    public RunReport run(List<Path> paths) throws IOException {
        List<Path> files = expand(paths);
        listener.started(files.size());
        List<FileResult> results = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            Path f = files.get(i);
            listener.starting(i, TestCase.nameOf(f));
            FileResult r = run(f);
            results.add(r);
            listener.finished(i, r);
        }
        return new RunReport(results);
    }

    /** Runs one file; a file that cannot be read fails with the reason. */
    public FileResult run(Path file) {
        Instant start = clock.instant();
        TestCase tc;
        try {
            tc = TestCase.read(file);
        } catch (IOException | RuntimeException e) {
            return new FileResult(TestCase.nameOf(file), file, Verdict.FAIL, 0, null,
                    "cannot read the test case: " + Durations.describe(e), 0, elapsed(start));
        }
        return run(tc);
    }

    /** Runs one test case. */
    public FileResult run(TestCase tc) {
        Instant start = clock.instant();
        for (String p : skipProfiles) {
            if (tc.hasPrefix(p)) {
                return skip(tc, "profile " + p + " skipped (--skip-profile)", start);
            }
        }
        String unsupported = transport.unsupported(tc.wire());
        if (unsupported != null) {
            return skip(tc, unsupported, start);
        }
        Bindings bindings = new Bindings();
        ResponseComparator comparator = new ResponseComparator(tc, clock, start.truncatedTo(ChronoUnit.SECONDS), clockSkew);
        int i = 0;
        try (Exchange ex = transport.open(tc.wire(), timeout)) {
            for (; i < tc.size(); i++) {
                Ttlv sent;
                try {
                    sent = RequestBinder.bind(tc.request(i), tc, bindings, clock.instant());
                } catch (RequestBinder.UnboundPlaceholderException e) {
                    return fail(tc, i + 1, null, "request: " + e.getMessage(), start);
                }
                Ttlv actual;
                try {
                    actual = ex.exchange(sent, timeout);
                } catch (IOException e) {
                    return fail(tc, i + 1, null, e.getMessage(), start);
                }
                Difference d = comparator.compare(sent, tc.expected(i), actual, bindings);
                if (d != null) {
                    return fail(tc, i + 1, d, d.toString(), start);
                }
            }
        } catch (IOException e) {
            return fail(tc, 0, null, e.getMessage(), start);
        } catch (RuntimeException e) {
            // A defect of the runner (or a message it cannot handle) fails this file, not the run.
            return fail(tc, i + 1, null, "runner error: " + e, start);
        }
        return new FileResult(tc.name(), tc.file(), Verdict.PASS, 0, null, null, tc.size(), elapsed(start));
    }

    private FileResult skip(TestCase tc, String reason, Instant start) {
        return new FileResult(tc.name(), tc.file(), Verdict.SKIP, 0, null, reason, tc.size(), elapsed(start));
    }

    private FileResult fail(TestCase tc, int message, Difference d, String reason, Instant start) {
        return new FileResult(tc.name(), tc.file(), Verdict.FAIL, message, d, reason, tc.size(), elapsed(start));
    }

    private Duration elapsed(Instant start) {
        Duration d = Duration.between(start, clock.instant());
        return d.isNegative() ? Duration.ZERO : d;
    }

    /**
     * The test-case files under {@code paths}: a file as given, a folder's {@code *.xml} files
     * (recursively) in natural order; duplicates once.
     */
    public static List<Path> expand(List<Path> paths) throws IOException {
        Set<Path> out = new LinkedHashSet<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> s = Files.walk(p)) {
                    s.filter(f -> Files.isRegularFile(f) && f.getFileName().toString().endsWith(".xml"))
                            .sorted(NATURAL)
                            .forEach(out::add);
                }
            } else if (Files.isRegularFile(p)) {
                out.add(p);
            } else {
                throw new NoSuchFileException(p.toString());
            }
        }
        return List.copyOf(out);
    }

    // Digit runs compare as numbers: CS-BC-M-2 before CS-BC-M-10.
    static final Comparator<Path> NATURAL = (a, b) -> natural(a.toString(), b.toString());

    static int natural(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            char ca = a.charAt(i);
            char cb = b.charAt(j);
            if (Character.isDigit(ca) && Character.isDigit(cb)) {
                int si = i;
                int sj = j;
                while (i < a.length() && Character.isDigit(a.charAt(i))) {
                    i++;
                }
                while (j < b.length() && Character.isDigit(b.charAt(j))) {
                    j++;
                }
                String na = a.substring(si, i).replaceFirst("^0+(?=.)", "");
                String nb = b.substring(sj, j).replaceFirst("^0+(?=.)", "");
                int c = na.length() != nb.length() ? Integer.compare(na.length(), nb.length()) : na.compareTo(nb);
                if (c != 0) {
                    return c;
                }
            } else {
                if (ca != cb) {
                    return Character.compare(ca, cb);
                }
                i++;
                j++;
            }
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    /** Options of a runner; {@link #build()} makes it. */
    public static final class Builder {
        private final Transport transport;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Duration clockSkew = DEFAULT_CLOCK_SKEW;
        private final List<String> skipProfiles = new ArrayList<>();
        private Clock clock = Clock.systemUTC();
        private Listener listener = new Listener() {
        };

        private Builder(Transport transport) {
            this.transport = Objects.requireNonNull(transport, "transport");
        }

        /** How long to wait for a connection and for each response ({@link #DEFAULT_TIMEOUT}). */
        public Builder timeout(Duration timeout) {
            this.timeout = positive(timeout, "timeout");
            return this;
        }

        /** How far a {@code $NOW} time may stray outside the run's window ({@link #DEFAULT_CLOCK_SKEW}). */
        public Builder clockSkew(Duration clockSkew) {
            Objects.requireNonNull(clockSkew, "clockSkew");
            if (clockSkew.isNegative()) {
                throw new IllegalArgumentException("clockSkew: " + clockSkew + " (expected: >= 0)");
            }
            this.clockSkew = clockSkew;
            return this;
        }

        /** Skips files whose name starts with {@code prefix} and a dash ({@code CS-AC} skips {@code CS-AC-M-1-14}). */
        public Builder skipProfile(String prefix) {
            Objects.requireNonNull(prefix, "prefix");
            if (prefix.isBlank()) {
                throw new IllegalArgumentException("profile: blank (expected: a file name prefix such as CS-AC)");
            }
            skipProfiles.add(prefix);
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public Builder listener(Listener listener) {
            this.listener = Objects.requireNonNull(listener, "listener");
            return this;
        }

        public ConformanceRunner build() {
            return new ConformanceRunner(this);
        }

        private static Duration positive(Duration d, String name) {
            Objects.requireNonNull(d, name);
            if (d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(name + ": " + d + " (expected: > 0)");
            }
            return d;
        }
    }
}
