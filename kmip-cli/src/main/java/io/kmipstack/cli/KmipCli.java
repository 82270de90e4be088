package io.kmipstack.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code kmip} command: {@code certs}, {@code ttlv} and {@code server} subcommands. Every
 * failure ends as one line on standard error, {@code kmip: <message>}, and a non-zero exit status:
 * 2 for a command line picocli cannot parse (and for features not built yet), 1 for anything that
 * goes wrong while running. {@code --verbose} adds the stack trace.
 *
 * <p>{@code bin/kmip} runs this class from the shaded {@code kmip.jar} and passes the repository
 * root as the system property {@value #HOME_PROPERTY}, so that defaults such as the dev PKI
 * directory do not depend on the current directory.
 */
@Command(
        name = "kmip",
        scope = ScopeType.INHERIT, // --help and --version on every subcommand
        mixinStandardHelpOptions = true,
        versionProvider = KmipCli.Version.class,
        description = "KMIP tools: a dev PKI, a TTLV codec, a KMIP client, the KMIP server and a conformance runner.",
        subcommands = {CertsCommand.class, TtlvCommand.class, ServerCommand.class,
                CreateCommand.class, CreateKeyPairCommand.class, RegisterCommand.class, GetCommand.class, GetAttributesCommand.class,
                LocateCommand.class, ActivateCommand.class, RevokeCommand.class, DestroyCommand.class, RekeyCommand.class,
                EncryptCommand.class, DecryptCommand.class, SignCommand.class, VerifyCommand.class, MacCommand.class,
                QueryCommand.class, DiscoverVersionsCommand.class, ConformanceCommand.class, DekCommand.class, BenchCommand.class,
                CommandLine.HelpCommand.class})
public final class KmipCli implements Callable<Integer> {

    /** System property naming the kmipstack checkout; set by {@code bin/kmip}. */
    public static final String HOME_PROPERTY = "kmipstack.home";

    static final int EXIT_FAILURE = 1;
    static final int EXIT_USAGE = 2;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces of failures.")
    boolean verbose;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests swap its out and err writers. */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new KmipCli());
        // "@FILE" is ours (ttlv decode reads hex or raw bytes from it), not picocli's argument files.
        cl.setExpandAtFiles(false);
        cl.setParameterExceptionHandler((e, args) -> {
            String command = e.getCommandLine().getCommandSpec().qualifiedName();
            e.getCommandLine().getErr().println("kmip: " + e.getMessage() + " (see '" + command + " --help')");
            return EXIT_USAGE;
        });
        cl.setExecutionExceptionHandler((e, command, parsed) -> {
            PrintWriter err = command.getErr();
            err.println("kmip: " + message(e));
            if (verbose(parsed)) {
                e.printStackTrace(err);
            }
            err.flush();
            return e instanceof CliException c ? c.exitCode() : EXIT_FAILURE;
        });
        return cl;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return EXIT_USAGE;
    }

    private static boolean verbose(ParseResult parsed) {
        for (ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    // Exceptions we raise carry a finished sentence; for others (I/O and the like) the class name
    // says what kind of failure it was when the message alone would not.
    private static String message(Exception e) {
        if (e instanceof CliException || e instanceof IllegalArgumentException) {
            return e.getMessage();
        }
        String m = e.getMessage();
        if (e instanceof java.nio.file.NoSuchFileException) {
            return m + ": no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return m + ": permission denied";
        }
        if (e instanceof java.nio.file.FileAlreadyExistsException) {
            return m + ": already exists";
        }
        return m == null ? e.getClass().getName() : m;
    }

    /** The version from the jar manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = KmipCli.class.getPackage().getImplementationVersion();
            return new String[] {"kmip " + (v == null ? "development" : v)};
        }
    }
}
