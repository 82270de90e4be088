package io.kmipstack.codec.xml;

import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.ItemType;
import io.kmipstack.codec.ttlv.Ttlv;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@link ValueResolver#fixed(Instant)}. */
final class FixedValueResolver implements ValueResolver {

    private static final Pattern NOW = Pattern.compile("\\$NOW(?:([+-])(\\d{1,10}))?");

    private final Instant now;

    FixedValueResolver(Instant now) {
        this.now = now;
    }

    @Override
    public Ttlv resolve(int tag, ItemType type, String placeholder) {
        switch (type) {
            case DATE_TIME, DATE_TIME_EXTENDED -> {
                Matcher m = NOW.matcher(placeholder);
                if (!m.matches()) {
                    return null;
                }
                long offset = m.group(1) == null ? 0 : Long.parseLong(m.group(2));
                Instant t = now.plusSeconds("-".equals(m.group(1)) ? -offset : offset);
                return type == ItemType.DATE_TIME
                        ? Ttlv.dateTime(tag, t.getEpochSecond())
                        : Ttlv.dateTimeExtended(tag, t.getEpochSecond() * 1_000_000L + t.getNano() / 1000);
            }
            case TEXT_STRING -> {
                return Ttlv.text(tag, placeholder);
            }
            case BYTE_STRING -> {
                return Ttlv.bytes(tag, Bytes.wrap(derive(placeholder)));
            }
            default -> {
                return null;
            }
        }
    }

    // Distinct placeholders get distinct bytes; the same placeholder always the same ones.
    private static byte[] derive(String placeholder) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(placeholder.getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(digest, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
