package io.kmipstack.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.kmipstack.codec.json.KmipJson;
import io.kmipstack.codec.json.KmipJsonException;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvDecoder;
import io.kmipstack.codec.ttlv.TtlvDecodingException;
import io.kmipstack.codec.ttlv.TtlvEncoder;
import io.kmipstack.codec.ttlv.TtlvLimits;
import io.kmipstack.codec.xml.KmipXml;
import io.kmipstack.codec.xml.KmipXmlException;
import io.kmipstack.codec.xml.ValueResolver;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code kmip ttlv convert}: reads KMIP messages in one encoding and writes them in another:
 * binary TTLV, the XML encoding (KMIP Additional Message Encodings 6.1, the form of the OASIS test
 * cases) or the JSON encoding (4.1). Several messages may travel at once: TTLV messages one after
 * another (hex or raw), an XML {@code <KMIP>} test-case document, or JSON objects one after
 * another; they are written as one hex line per message, raw bytes one after another
 * ({@code --out}), a {@code <KMIP>} document, or one JSON object per line.
 */
@Command(name = "convert", description = {
        "Convert KMIP messages between TTLV, XML and JSON.",
        "Byte strings are written in full: this shows whatever key material the messages hold."})
final class TtlvConvertCommand implements Callable<Integer> {

    /** An encoding of KMIP messages, named on the command line in lower case. */
    enum Format {
        TTLV, XML, JSON;

        static final class Converter implements CommandLine.ITypeConverter<Format> {
            @Override
            public Format convert(String value) {
                for (Format f : values()) {
                    if (f.name().toLowerCase(Locale.ROOT).equals(value)) {
                        return f;
                    }
                }
                throw new CommandLine.TypeConversionException("'" + value + "' (expected: ttlv, xml or json)");
            }
        }
    }

    @Option(names = "--from", required = true, paramLabel = "ttlv|xml|json", converter = Format.Converter.class,
            description = "Encoding of the input.")
    Format from;

    @Option(names = "--to", required = true, paramLabel = "ttlv|xml|json", converter = Format.Converter.class,
            description = "Encoding of the output.")
    Format to;

    @Option(names = "--out", paramLabel = "FILE",
            description = "Write here instead of standard output; TTLV goes out as raw bytes then, not hex.")
    Path out;

    @Option(names = "--now", paramLabel = "INSTANT",
            description = "What $NOW in a test-case file stands for, e.g. 2024-01-02T03:04:05Z (default: the current time).")
    String now;

    @Parameters(paramLabel = "FILE", description = "The input: a file, or - for standard input. TTLV may be hex text or raw bytes.")
    String input;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        List<Ttlv> messages = read(content());
        if (messages.isEmpty()) {
            throw new CliException(source() + ": no messages");
        }
        if (out != null && to == Format.TTLV) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            for (Ttlv m : messages) {
                bytes.writeBytes(TtlvEncoder.encode(m));
            }
            Files.write(out, bytes.toByteArray());
            return 0;
        }
        String text = write(messages);
        if (out != null) {
            Files.writeString(out, text, StandardCharsets.UTF_8);
        } else {
            PrintWriter w = spec.commandLine().getOut();
            w.print(text);
            w.flush();
        }
        return 0;
    }

    private String source() {
        return input.equals("-") ? "standard input" : input;
    }

    private byte[] content() throws IOException {
        if (from == Format.TTLV) {
            // Hex text or raw bytes, with the size check and hex rules of ttlv decode.
            return MessageInput.read(input.equals("-") ? "-" : "@" + input, System.in);
        }
        if (input.equals("-")) {
            return System.in.readNBytes((int) MessageInput.MAX_FILE_SIZE + 1);
        }
        long size = Files.size(Path.of(input));
        if (size > MessageInput.MAX_FILE_SIZE) {
            throw new CliException(input + ": size " + size + " (expected: <= " + MessageInput.MAX_FILE_SIZE + ")");
        }
        return Files.readAllBytes(Path.of(input));
    }

    private List<Ttlv> read(byte[] content) {
        return switch (from) {
            case TTLV -> readTtlv(content);
            case XML -> {
                try {
                    yield KmipXml.readAll(new StringReader(new String(content, StandardCharsets.UTF_8)), resolver());
                } catch (KmipXmlException e) {
                    throw new CliException("invalid XML: " + firstLine(e.getMessage()), e);
                }
            }
            case JSON -> readJson(new String(content, StandardCharsets.UTF_8));
        };
    }

    // Placeholders a test case leaves open get the same stand-ins the vector tests use.
    private ValueResolver resolver() {
        if (now == null) {
            return ValueResolver.fixed(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        }
        try {
            return ValueResolver.fixed(Instant.parse(now));
        } catch (DateTimeParseException e) {
            throw new CliException("--now: '" + now + "' (expected: an instant such as 2024-01-02T03:04:05Z)");
        }
    }

    /** TTLV messages one after another: each is an item header (tag, type, length) and a padded value. */
    private List<Ttlv> readTtlv(byte[] bytes) {
        // The size limit guards a server against its peers; here the user chose the input.
        TtlvDecoder decoder = TtlvDecoder.create(new TtlvLimits(Math.max(8, bytes.length), TtlvLimits.DEFAULT_MAX_DEPTH));
        List<Ttlv> messages = new ArrayList<>();
        int offset = 0;
        while (offset < bytes.length) {
            int left = bytes.length - offset;
            if (left < 8) {
                throw new CliException("invalid TTLV: " + left + " bytes at offset " + offset
                        + " (expected: an 8-byte item header)");
            }
            long length = ((bytes[offset + 4] & 0xFFL) << 24) | ((bytes[offset + 5] & 0xFF) << 16)
                    | ((bytes[offset + 6] & 0xFF) << 8) | (bytes[offset + 7] & 0xFF);
            long padded = (length + 7) / 8 * 8;
            int item = (int) Math.min(left, 8 + padded);
            try {
                messages.add(decoder.decode(bytes, offset, item));
            } catch (TtlvDecodingException e) {
                String which = offset == 0 && item == bytes.length ? "" : " (message at offset " + offset + ")";
                throw new CliException("invalid TTLV: " + firstLine(e.getMessage()) + which, e);
            }
            offset += item;
        }
        return messages;
    }

    /**
     * One JSON document, or several top-level objects one after another (as this command writes
     * them, one per line). Jackson finds where each object ends; the codec's reader reads each.
     */
    private static List<Ttlv> readJson(String text) {
        List<String> documents = new ArrayList<>();
        try (JsonParser p = new JsonFactory().createParser(text)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                int start = (int) p.currentTokenLocation().getCharOffset();
                p.skipChildren();
                documents.add(text.substring(start, (int) p.currentLocation().getCharOffset()));
            }
        } catch (IOException e) {
            // Not even well-formed: let the codec's reader say where, with its JSON Pointer.
            documents = List.of(text);
        }
        if (documents.isEmpty()) {
            documents = List.of(text);
        }
        List<Ttlv> messages = new ArrayList<>();
        for (String d : documents) {
            try {
                messages.add(KmipJson.read(d));
            } catch (KmipJsonException e) {
                String which = documents.size() == 1 ? "" : " (object " + (messages.size() + 1) + ")";
                throw new CliException("invalid JSON: " + firstLine(e.getMessage()) + which, e);
            }
        }
        return messages;
    }

    private String write(List<Ttlv> messages) {
        StringBuilder sb = new StringBuilder();
        switch (to) {
            case TTLV -> {
                HexFormat hex = HexFormat.of().withUpperCase();
                for (Ttlv m : messages) {
                    sb.append(hex.formatHex(TtlvEncoder.encode(m))).append('\n');
                }
            }
            case XML -> sb.append(messages.size() == 1 ? KmipXml.write(messages.get(0)) : KmipXml.writeAll(messages));
            case JSON -> {
                for (Ttlv m : messages) {
                    sb.append(KmipJson.write(m)).append('\n');
                }
            }
        }
        if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '\n') {
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
