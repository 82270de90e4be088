package io.kmipstack.cli;

import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvDecoder;
import io.kmipstack.codec.ttlv.TtlvDecodingException;
import io.kmipstack.codec.ttlv.TtlvLimits;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kmip ttlv decode}: prints a TTLV message as an indented tree, one item per line. The
 * decoder is the strict one the server uses, so a message this command rejects is one the server
 * would answer with Invalid Message, and the error says where.
 */
@Command(name = "decode", description = {
        "Print a TTLV message as a tree: tag name, (type), value.",
        "Byte strings print in hex: this shows whatever key material the message holds."})
final class TtlvDecodeCommand implements Callable<Integer> {

    @Parameters(paramLabel = "HEX|@FILE|-",
            description = "The message: hex digits (spaces, newlines, '|' allowed), @FILE with hex or raw bytes, or - for stdin.")
    String input;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        byte[] message = MessageInput.read(input, System.in);
        Ttlv root;
        try {
            // The size limit guards a server against its peers; here the user chose the input.
            TtlvLimits limits = new TtlvLimits(Math.max(8, message.length), TtlvLimits.DEFAULT_MAX_DEPTH);
            root = TtlvDecoder.create(limits).decode(message);
        } catch (TtlvDecodingException e) {
            throw new CliException("invalid TTLV: " + e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(TtlvTreePrinter.print(root));
        out.flush();
        return 0;
    }
}
