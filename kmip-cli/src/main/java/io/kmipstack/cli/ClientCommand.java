package io.kmipstack.cli;

import io.kmipstack.client.KmipClient;
import io.kmipstack.client.KmipSync;
import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.ttlv.Bytes;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that talks to a KMIP server: it opens a {@link KmipClient} from the connection
 * options, runs, and closes it. A failed result ends as one line, {@code kmip: <ResultReason>:
 * <message>} (for example {@code kmip: ItemNotFound: ...}), with exit status 1; the client's own
 * failures read the same way with General Failure. {@code --json} prints the response record as
 * JSON instead of the text form.
 */
abstract class ClientCommand implements Callable<Integer> {

    @Mixin
    ConnectionOptions connection;

    @Spec
    CommandSpec spec;

    /** Standard input and output for raw data; tests replace them. */
    static java.io.InputStream stdin = System.in;
    static OutputStream stdout = System.out;

    /** SLF4J's provider property and its no-op provider, which ships in slf4j-api. */
    static final String SLF4J_PROVIDER = "slf4j.provider";
    static final String SLF4J_NOP = "org.slf4j.helpers.NOP_FallbackServiceProvider";
    static final String SLF4J_VERBOSITY = "slf4j.internal.verbosity";

    @Override
    public final Integer call() throws Exception {
        // The client and Netty log through SLF4J; without a provider SLF4J prints three warning
        // lines to stderr, which would break the one-line error contract. A user who wants the
        // logs can still name a provider with -Dslf4j.provider.
        if (System.getProperty(SLF4J_PROVIDER) == null) {
            System.setProperty(SLF4J_PROVIDER, SLF4J_NOP);
            // ... and SLF4J would announce that provider choice on stderr at its INFO level.
            if (System.getProperty(SLF4J_VERBOSITY) == null) {
                System.setProperty(SLF4J_VERBOSITY, "WARN");
            }
        }
        try (KmipClient client = KmipClient.create(connection.clientOptions())) {
            return run(client.sync());
        } catch (KmipException e) {
            throw new CliException(e.resultReason().name() + ": " + e.getMessage(), e);
        }
    }

    /** Does the work; returns the exit status. */
    abstract int run(KmipSync kmip) throws Exception;

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    boolean json() {
        return connection.json;
    }

    /** Prints {@code response} as JSON with {@code --json}, else runs {@code text}. */
    void print(Object response, Runnable text) {
        if (json()) {
            out().println(JsonOutput.write(response));
        } else {
            text.run();
        }
        out().flush();
    }

    /** Writes raw bytes to FILE, or to standard output for {@code -}. */
    void write(String target, Bytes data) throws IOException {
        byte[] b = data.toByteArray();
        if (target.equals("-")) {
            out().flush();
            stdout.write(b);
            stdout.flush();
        } else {
            Files.write(Path.of(target), b);
        }
    }
}
