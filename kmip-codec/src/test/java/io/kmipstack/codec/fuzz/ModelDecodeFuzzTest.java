package io.kmipstack.codec.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.kmipstack.codec.model.KmipDecodingException;
import io.kmipstack.codec.model.KmipEncodingException;
import io.kmipstack.codec.model.ProtocolVersion;
import io.kmipstack.codec.model.RequestMessage;
import io.kmipstack.codec.model.ResponseMessage;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.ttlv.Ttlv;
import io.kmipstack.codec.ttlv.TtlvDecoder;
import io.kmipstack.codec.ttlv.TtlvDecodingException;

/**
 * Fuzzes the typed model: TTLV bytes decoded as a request or response message (header, batch
 * items, and through them every operation's payload, object and attribute decoder). Contract:
 * decoding yields a record or {@link KmipDecodingException}; encoding a decoded message in any
 * version yields a tree or {@link KmipEncodingException} (refusing what that version lacks); and
 * a message encoded in the version its own header names decodes back to an equal record. Any
 * other exception (a null field slipping through, a class cast in a polymorphic value) is a
 * finding. Seeded like the TTLV decoder.
 */
class ModelDecodeFuzzTest {

    private static final TtlvDecoder DECODER = TtlvDecoder.create();

    @FuzzTest
    void decode(byte[] data) {
        Ttlv tree;
        try {
            tree = DECODER.decode(data);
        } catch (TtlvDecodingException e) {
            return;
        }
        if (tree.tag() == Tag.RESPONSE_MESSAGE) {
            response(tree);
        } else {
            request(tree);
        }
    }

    private static void request(Ttlv tree) {
        RequestMessage m;
        try {
            m = RequestMessage.decode(tree);
        } catch (KmipDecodingException e) {
            return;
        }
        KmipVersion own = version(m.requestHeader().protocolVersion());
        for (KmipVersion v : KmipVersion.SUPPORTED) {
            Ttlv encoded;
            try {
                encoded = m.encode(v);
            } catch (KmipEncodingException e) {
                continue;
            }
            RequestMessage again = RequestMessage.decode(encoded);
            if (v.equals(own) && !again.equals(m)) {
                throw new AssertionError("request changed through encode/decode in " + v);
            }
        }
    }

    private static void response(Ttlv tree) {
        ResponseMessage m;
        try {
            m = ResponseMessage.decode(tree);
        } catch (KmipDecodingException e) {
            return;
        }
        KmipVersion own = version(m.responseHeader().protocolVersion());
        for (KmipVersion v : KmipVersion.SUPPORTED) {
            Ttlv encoded;
            try {
                encoded = m.encode(v);
            } catch (KmipEncodingException e) {
                continue;
            }
            ResponseMessage again = ResponseMessage.decode(encoded);
            if (v.equals(own) && !again.equals(m)) {
                throw new AssertionError("response changed through encode/decode in " + v);
            }
        }
    }

    private static KmipVersion version(ProtocolVersion pv) {
        int major = pv.protocolVersionMajor();
        int minor = pv.protocolVersionMinor();
        return major >= 0 && minor >= 0 ? new KmipVersion(major, minor) : null;
    }
}
