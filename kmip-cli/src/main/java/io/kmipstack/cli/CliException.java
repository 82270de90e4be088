package io.kmipstack.cli;

/**
 * A failure the user can act on, with a message written for them and the exit status to end
 * with. The top-level handler prints the message as {@code kmip: <message>} and nothing else.
 */
final class CliException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    CliException(String message) {
        this(message, KmipCli.EXIT_FAILURE);
    }

    CliException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    CliException(String message, Throwable cause) {
        super(message, cause);
        this.exitCode = KmipCli.EXIT_FAILURE;
    }

    int exitCode() {
        return exitCode;
    }
}
