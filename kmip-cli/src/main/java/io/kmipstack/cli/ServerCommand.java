package io.kmipstack.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code kmip server}: takes the options the server will take, so that scripts and the README can
 * use them now, and says plainly that the server does not exist yet.
 */
@Command(name = "server", description = "Run a KMIP server (not built yet).")
final class ServerCommand implements Callable<Integer> {

    @Option(names = "--dev", description = "Development mode: dev PKI, in-memory store.")
    boolean dev;

    @Option(names = "--port", paramLabel = "PORT", description = "KMIP TTLV port (5696 by default).")
    Integer port;

    @Option(names = "--https-port", paramLabel = "PORT", description = "HTTPS port for the XML/JSON profiles.")
    Integer httpsPort;

    @Option(names = "--data", paramLabel = "DIR", description = "Directory for persistent state.")
    Path data;

    @Option(names = "--store", paramLabel = "KIND", description = "Object store.")
    String store;

    @Override
    public Integer call() {
        throw new CliException("the server is not built yet (it arrives with the kmip-server issue)", KmipCli.EXIT_USAGE);
    }
}
