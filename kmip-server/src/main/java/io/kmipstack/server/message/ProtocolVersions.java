package io.kmipstack.server.message;

import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.ItemType;
import io.kmipstack.codec.ttlv.Ttlv;
import java.util.List;

/**
 * Which protocol version a request is answered in (KMIP 1.4 section 6.1, 2.1 section 9.16:
 * backward compatibility within a major version is required, across major versions optional;
 * 1.4 table 327: a major version mismatch is answered with Invalid Message).
 *
 * <ul>
 *   <li>A version this server speaks (1.0-1.4, 2.0, 2.1) is answered in that version.
 *   <li>A later minor of a known major (1.5, 2.2) is processed and answered as the newest minor
 *       of that major this server speaks; fields the older minor lacks then fail to decode and the
 *       item is answered with Invalid Message.
 *   <li>Any other version is refused with Invalid Message, answered in 2.1 when the requested
 *       major is above 2 (the newest layout this server knows) and in 1.0 otherwise.
 *   <li>When the version cannot be read at all (the bytes are not TTLV, or the header is
 *       malformed before its Protocol Version), the answer is in 1.0: the failure response has the
 *       same layout in every version, and 1.0 is the one every KMIP client reads.
 * </ul>
 */
final class ProtocolVersions {

    /** The versions this server speaks, newest (most preferred) first. */
    static final List<KmipVersion> PREFERENCE = List.of(
            KmipVersion.V2_1, KmipVersion.V2_0,
            KmipVersion.V1_4, KmipVersion.V1_3, KmipVersion.V1_2, KmipVersion.V1_1, KmipVersion.V1_0);

    static final KmipVersion UNREADABLE = KmipVersion.V1_0;

    private ProtocolVersions() {
    }

    /** The version to process {@code requested} as, or {@code null} when it is not supported. */
    static KmipVersion negotiate(KmipVersion requested) {
        if (KmipVersion.SUPPORTED.contains(requested)) {
            return requested;
        }
        KmipVersion newestOfMajor = null;
        for (KmipVersion v : PREFERENCE) {
            if (v.major() == requested.major()) {
                newestOfMajor = v;
                break;
            }
        }
        return newestOfMajor != null && requested.minor() > newestOfMajor.minor() ? newestOfMajor : null;
    }

    /** The version a refusal of unsupported {@code requested} is written in. */
    static KmipVersion refusalVersion(KmipVersion requested) {
        return requested.major() > KmipVersion.V2_1.major() ? KmipVersion.V2_1 : KmipVersion.V1_0;
    }

    /** "1.0 to 1.4, 2.0 to 2.1", for messages. */
    static String describeSupported() {
        return "1.0 to 1.4, 2.0 to 2.1";
    }

    /**
     * The version a malformed request message asked for, read from its tree as far as it goes:
     * RequestHeader / ProtocolVersion / Major and Minor Integers. {@code null} when not readable.
     */
    static KmipVersion sniff(Ttlv message) {
        if (!message.isStructure()) {
            return null;
        }
        Ttlv header = message.child(Tag.REQUEST_HEADER);
        if (header == null || !header.isStructure()) {
            return null;
        }
        Ttlv pv = header.child(Tag.PROTOCOL_VERSION);
        if (pv == null || !pv.isStructure()) {
            return null;
        }
        Ttlv major = pv.child(Tag.PROTOCOL_VERSION_MAJOR);
        Ttlv minor = pv.child(Tag.PROTOCOL_VERSION_MINOR);
        if (major == null || minor == null || major.type() != ItemType.INTEGER || minor.type() != ItemType.INTEGER) {
            return null;
        }
        return version(major.intValue(), minor.intValue());
    }

    /**
     * The version in the raw bytes of a frame that did not decode as TTLV, if its start is intact.
     * Every request begins the same way (KMIP 1.4 section 9.1, 2.1 section 10): Request Message
     * and Request Header Structures, then the Protocol Version Structure with its two Integers:
     * <pre>
     *  0: 42 00 78 01 llllllll        Request Message
     *  8: 42 00 77 01 llllllll        Request Header
     * 16: 42 00 69 01 00 00 00 20     Protocol Version
     * 24: 42 00 6A 02 00 00 00 04 MAJOR(4) 00 00 00 00
     * 40: 42 00 6B 02 00 00 00 04 MINOR(4) 00 00 00 00
     * </pre>
     */
    static KmipVersion sniff(Bytes frame) {
        if (frame.length() < 56) {
            return null;
        }
        if (!prefix(frame, 0, 0x42, 0x00, 0x78, 0x01) || !prefix(frame, 8, 0x42, 0x00, 0x77, 0x01)
                || !prefix(frame, 16, 0x42, 0x00, 0x69, 0x01, 0x00, 0x00, 0x00, 0x20)
                || !prefix(frame, 24, 0x42, 0x00, 0x6A, 0x02, 0x00, 0x00, 0x00, 0x04)
                || !prefix(frame, 40, 0x42, 0x00, 0x6B, 0x02, 0x00, 0x00, 0x00, 0x04)) {
            return null;
        }
        return version(int32(frame, 32), int32(frame, 48));
    }

    /** The version to write a refusal of a malformed request in, given what could be read of it. */
    static KmipVersion forMalformed(KmipVersion sniffed) {
        if (sniffed == null) {
            return UNREADABLE;
        }
        KmipVersion v = negotiate(sniffed);
        return v != null ? v : refusalVersion(sniffed);
    }

    private static KmipVersion version(int major, int minor) {
        return major < 0 || minor < 0 ? null : new KmipVersion(major, minor);
    }

    private static boolean prefix(Bytes frame, int offset, int... expected) {
        for (int i = 0; i < expected.length; i++) {
            if ((frame.byteAt(offset + i) & 0xFF) != expected[i]) {
                return false;
            }
        }
        return true;
    }

    private static int int32(Bytes b, int offset) {
        return (b.byteAt(offset) & 0xFF) << 24 | (b.byteAt(offset + 1) & 0xFF) << 16
                | (b.byteAt(offset + 2) & 0xFF) << 8 | (b.byteAt(offset + 3) & 0xFF);
    }
}
