package io.kmipstack.cli;

import io.kmipstack.codec.ttlv.Bytes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The data a cryptographic command works on: a file ({@code --in FILE}), standard input
 * ({@code --in -}) or hex digits on the command line ({@code --hex}). Exactly one is required.
 */
final class DataInput {

    /** The largest input read, so that a wrong path to something huge fails fast rather than exhausting memory. */
    static final int MAX_SIZE = 16 << 20;

    @Option(names = "--in", paramLabel = "FILE", description = "Read the data from FILE, or standard input for '-'.")
    String in;

    @Option(names = "--hex", paramLabel = "HEX", description = "The data as hex digits.")
    String hex;

    Bytes read(InputStream stdin) throws IOException {
        if ((in == null) == (hex == null)) {
            throw new CliException("data: give exactly one of --in FILE, --in - or --hex HEX", KmipCli.EXIT_USAGE);
        }
        if (hex != null) {
            return Bytes.wrap(MessageInput.parseHex(hex, "--hex"));
        }
        if (in.equals("-")) {
            return Bytes.wrap(limit(stdin.readNBytes(MAX_SIZE + 1), "standard input"));
        }
        Path file = Path.of(in);
        long size = Files.size(file);
        if (size > MAX_SIZE) {
            throw new CliException(file + ": size " + size + " (expected: <= " + MAX_SIZE + ")");
        }
        return Bytes.wrap(Files.readAllBytes(file));
    }

    private static byte[] limit(byte[] b, String source) {
        if (b.length > MAX_SIZE) {
            throw new CliException(source + ": size > " + MAX_SIZE + " (expected: <= " + MAX_SIZE + ")");
        }
        return b;
    }
}
