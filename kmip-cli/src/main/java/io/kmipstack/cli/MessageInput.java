package io.kmipstack.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the message argument of the {@code ttlv} commands: hex digits given inline, {@code @FILE}
 * holding hex text or raw TTLV bytes, or {@code -} for standard input (hex or raw). Hex text may be
 * broken up by white space, {@code |} and {@code :}, as in the test-case documents and our own
 * test vectors, and may start with {@code 0x}.
 */
final class MessageInput {

    /** Larger than any sane message, small enough that a mistyped path to a disk image fails fast. */
    static final long MAX_FILE_SIZE = 64L << 20;

    private MessageInput() {
    }

    static byte[] read(String argument, InputStream stdin) throws IOException {
        if (argument.equals("-")) {
            return hexOrRaw(stdin.readNBytes((int) MAX_FILE_SIZE + 1), "standard input");
        }
        if (argument.startsWith("@")) {
            Path file = Path.of(argument.substring(1));
            long size = Files.size(file);
            if (size > MAX_FILE_SIZE) {
                throw new CliException(file + ": size " + size + " (expected: <= " + MAX_FILE_SIZE + ")");
            }
            return hexOrRaw(Files.readAllBytes(file), file.toString());
        }
        return parseHex(argument, "hex argument");
    }

    // Raw TTLV always holds 0x00 bytes (the high bytes of every length), which hex text never does.
    private static byte[] hexOrRaw(byte[] content, String source) {
        if (content.length > MAX_FILE_SIZE) {
            throw new CliException(source + ": size > " + MAX_FILE_SIZE + " (expected: <= " + MAX_FILE_SIZE + ")");
        }
        for (byte b : content) {
            if (b == 0) {
                return content;
            }
        }
        return parseHex(new String(content, java.nio.charset.StandardCharsets.ISO_8859_1), source);
    }

    static byte[] parseHex(String text, String source) {
        String s = text.strip();
        if (s.startsWith("0x") || s.startsWith("0X")) {
            s = s.substring(2);
        }
        byte[] out = new byte[s.length() / 2];
        int digits = 0;
        int pending = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            int v = Character.digit(c, 16);
            if (v >= 0 && c < 0x80) {
                if ((digits & 1) == 0) {
                    pending = v;
                } else {
                    out[digits >> 1] = (byte) (pending << 4 | v);
                }
                digits++;
            } else if (!Character.isWhitespace(c) && c != '|' && c != ':') {
                throw new CliException(source + ": character " + describe(c) + " at position " + i
                        + " (expected: hex digits, spaces, '|' or ':')");
            }
        }
        if (digits == 0) {
            throw new CliException(source + ": no hex digits (expected: a TTLV message)");
        }
        if ((digits & 1) != 0) {
            throw new CliException(source + ": hex digits: " + digits + " (expected: an even number)");
        }
        return java.util.Arrays.copyOf(out, digits >> 1);
    }

    private static String describe(char c) {
        return c >= 0x20 && c < 0x7F ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }
}
