package io.kmipstack.server.op;

import io.kmipstack.codec.model.CryptographicParameters;
import io.kmipstack.codec.model.KmipAttribute;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.server.object.KmipObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The Cryptographic Parameters an operation uses with a key. Sign, Signature Verify and Derive
 * Key take the request's parameters field by field over the key's Cryptographic Parameters
 * attribute with the lowest index (KMIP 2.1 sections 6.1.55-6.1.56: "MAY be omitted from the
 * request as they can be specified as associated attributes"). Key wrapping is stricter (1.4
 * section 2.1.6, 2.1 section 7.18): the request's parameters must match one of the key's
 * instances, and a key without the attribute cannot wrap at all.
 */
final class CryptoParams {

    private CryptoParams() {
    }

    /** The key's Cryptographic Parameters instances, lowest Attribute Index first. */
    static List<CryptographicParameters> instances(KmipObject key) {
        List<CryptographicParameters> out = new ArrayList<>(1);
        for (KmipAttribute a : key.attributes().all(Tag.CRYPTOGRAPHIC_PARAMETERS)) {
            out.add(CryptographicParameters.decode(a.value()));
        }
        return out;
    }

    /** {@code request}'s fields, each missing one taken from the key's first instance; never null. */
    static CryptographicParameters effective(KmipObject key, CryptographicParameters request) {
        List<CryptographicParameters> all = instances(key);
        CryptographicParameters base = all.isEmpty() ? CryptographicParameters.of() : all.get(0);
        return request == null ? base : over(request, base);
    }

    /**
     * The instance of the key's Cryptographic Parameters that {@code request} matches (every field
     * the request sets equals the instance's), with the request's fields over it; the first
     * instance when {@code request} is null. Null when the key has no instance or none matches.
     */
    static CryptographicParameters matching(KmipObject key, CryptographicParameters request) {
        List<CryptographicParameters> all = instances(key);
        if (all.isEmpty()) {
            return null;
        }
        if (request == null) {
            return all.get(0);
        }
        for (CryptographicParameters candidate : all) {
            if (agrees(request, candidate)) {
                return over(request, candidate);
            }
        }
        return null;
    }

    /** {@code top}'s fields where set, else {@code base}'s. */
    static CryptographicParameters over(CryptographicParameters top, CryptographicParameters base) {
        return new CryptographicParameters(
                pick(top.blockCipherMode(), base.blockCipherMode()),
                pick(top.paddingMethod(), base.paddingMethod()),
                pick(top.hashingAlgorithm(), base.hashingAlgorithm()),
                pick(top.keyRoleType(), base.keyRoleType()),
                pick(top.digitalSignatureAlgorithm(), base.digitalSignatureAlgorithm()),
                pick(top.cryptographicAlgorithm(), base.cryptographicAlgorithm()),
                pick(top.randomIV(), base.randomIV()),
                pick(top.ivLength(), base.ivLength()),
                pick(top.tagLength(), base.tagLength()),
                pick(top.fixedFieldLength(), base.fixedFieldLength()),
                pick(top.invocationFieldLength(), base.invocationFieldLength()),
                pick(top.counterLength(), base.counterLength()),
                pick(top.initialCounterValue(), base.initialCounterValue()),
                pick(top.saltLength(), base.saltLength()),
                pick(top.maskGenerator(), base.maskGenerator()),
                pick(top.maskGeneratorHashingAlgorithm(), base.maskGeneratorHashingAlgorithm()),
                pick(top.pSource(), base.pSource()),
                pick(top.trailerField(), base.trailerField()));
    }

    // Every field set in `request` has the same value in `candidate`.
    private static boolean agrees(CryptographicParameters request, CryptographicParameters candidate) {
        return same(request.blockCipherMode(), candidate.blockCipherMode())
                && same(request.paddingMethod(), candidate.paddingMethod())
                && same(request.hashingAlgorithm(), candidate.hashingAlgorithm())
                && same(request.keyRoleType(), candidate.keyRoleType())
                && same(request.digitalSignatureAlgorithm(), candidate.digitalSignatureAlgorithm())
                && same(request.cryptographicAlgorithm(), candidate.cryptographicAlgorithm())
                && same(request.randomIV(), candidate.randomIV())
                && same(request.ivLength(), candidate.ivLength())
                && same(request.tagLength(), candidate.tagLength())
                && same(request.fixedFieldLength(), candidate.fixedFieldLength())
                && same(request.invocationFieldLength(), candidate.invocationFieldLength())
                && same(request.counterLength(), candidate.counterLength())
                && same(request.initialCounterValue(), candidate.initialCounterValue())
                && same(request.saltLength(), candidate.saltLength())
                && same(request.maskGenerator(), candidate.maskGenerator())
                && same(request.maskGeneratorHashingAlgorithm(), candidate.maskGeneratorHashingAlgorithm())
                && same(request.pSource(), candidate.pSource())
                && same(request.trailerField(), candidate.trailerField());
    }

    private static boolean same(Object asked, Object have) {
        return asked == null || Objects.equals(asked, have);
    }

    private static <T> T pick(T top, T base) {
        return top != null ? top : base;
    }
}
