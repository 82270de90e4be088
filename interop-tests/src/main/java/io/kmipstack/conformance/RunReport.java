package io.kmipstack.conformance;

import java.util.List;

/** The results of a run, one per file in run order. */
public record RunReport(List<FileResult> results) {

    public RunReport {
        results = List.copyOf(results);
    }

    public long passed() {
        return count(Verdict.PASS);
    }

    public long failed() {
        return count(Verdict.FAIL);
    }

    public long skipped() {
        return count(Verdict.SKIP);
    }

    /** {@code "12 passed, 3 failed, 2 skipped"}. */
    public String summary() {
        return passed() + " passed, " + failed() + " failed, " + skipped() + " skipped";
    }

    private long count(Verdict v) {
        return results.stream().filter(r -> r.verdict() == v).count();
    }
}
