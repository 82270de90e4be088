package io.kmipstack.conformance;

/** The outcome of one test-case file. */
public enum Verdict {
    /** Every response matched. */
    PASS,
    /** A response differed, or the exchange failed; the result says where. */
    FAIL,
    /** Not run, for the stated reason. */
    SKIP
}
