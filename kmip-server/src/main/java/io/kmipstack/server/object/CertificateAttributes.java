package io.kmipstack.server.object;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.model.CertificateIdentifier;
import io.kmipstack.codec.model.CertificateIssuer;
import io.kmipstack.codec.model.CertificateSubject;
import io.kmipstack.codec.model.X509CertificateIdentifier;
import io.kmipstack.codec.model.X509CertificateIssuer;
import io.kmipstack.codec.model.X509CertificateSubject;
import io.kmipstack.codec.registry.CryptographicAlgorithm;
import io.kmipstack.codec.registry.DigitalSignatureAlgorithm;
import io.kmipstack.codec.registry.KmipVersion;
import io.kmipstack.codec.registry.Registry;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.codec.registry.Tag;
import io.kmipstack.codec.registry.TagDef;
import io.kmipstack.codec.ttlv.Bytes;
import io.kmipstack.codec.ttlv.Ttlv;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * The attributes a server derives from an X.509 certificate when it is registered: Certificate
 * Type and Length, the X.509 Certificate Identifier, Subject and Issuer (KMIP 1.4 sections
 * 3.8-3.12), the deprecated 1.x Certificate Identifier, Subject and Issuer (3.13-3.15), Digital
 * Signature Algorithm (3.16), the 2.x certificate attributes (Certificate Subject CN, ...; 2.1
 * section 4.6), and the Cryptographic Algorithm and Length of the certified public key.
 */
public final class CertificateAttributes {

    private static final Map<ASN1ObjectIdentifier, String> FIELDS = Map.ofEntries(
            Map.entry(BCStyle.CN, "CN"), Map.entry(BCStyle.O, "O"), Map.entry(BCStyle.OU, "OU"),
            Map.entry(BCStyle.EmailAddress, "Email"), Map.entry(BCStyle.C, "C"), Map.entry(BCStyle.ST, "ST"),
            Map.entry(BCStyle.L, "L"), Map.entry(BCStyle.UID, "UID"), Map.entry(BCStyle.SERIALNUMBER, "SerialNumber"),
            Map.entry(BCStyle.T, "Title"), Map.entry(BCStyle.DC, "DC"), Map.entry(BCStyle.DN_QUALIFIER, "DNQualifier"));

    private CertificateAttributes() {
    }

    /** The parsed certificate. @throws KmipException Invalid Field if the bytes are not an X.509 certificate */
    public static X509Certificate parse(Bytes der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der.toByteArray()));
        } catch (CertificateException | ClassCastException e) {
            throw new KmipException(ResultReason.INVALID_FIELD, "certificate value: not a DER-encoded X.509 certificate", e);
        }
    }

    /** The derived attribute items of {@code der}, a DER X.509 certificate. */
    public static List<Ttlv> of(Bytes der) {
        X509Certificate cert = parse(der);
        List<Ttlv> out = new ArrayList<>();
        out.add(Ttlv.enumeration(Tag.CERTIFICATE_TYPE, io.kmipstack.codec.registry.CertificateType.X_509.value()));
        out.add(Ttlv.integer(Tag.CERTIFICATE_LENGTH, der.length()));
        byte[] issuer = cert.getIssuerX500Principal().getEncoded();
        byte[] subject = cert.getSubjectX500Principal().getEncoded();
        out.add(new X509CertificateIdentifier(Bytes.wrap(issuer), Bytes.wrap(cert.getSerialNumber().toByteArray()))
                .encode(KmipVersion.V2_1));
        out.add(new X509CertificateSubject(Bytes.wrap(subject), List.of()).encode(KmipVersion.V2_1));
        out.add(new X509CertificateIssuer(Bytes.wrap(issuer), List.of()).encode(KmipVersion.V2_1));
        String issuerText = cert.getIssuerX500Principal().getName();
        out.add(new CertificateIdentifier(issuerText, cert.getSerialNumber().toString(16)).encode(KmipVersion.V1_4));
        out.add(new CertificateSubject(cert.getSubjectX500Principal().getName(), List.of()).encode(KmipVersion.V1_4));
        out.add(new CertificateIssuer(issuerText, List.of()).encode(KmipVersion.V1_4));
        DigitalSignatureAlgorithm dsa = signatureAlgorithm(cert.getSigAlgName());
        if (dsa != null) {
            out.add(Ttlv.enumeration(Tag.DIGITAL_SIGNATURE_ALGORITHM, dsa.value()));
        }
        names(out, "Subject", X500Name.getInstance(subject));
        names(out, "Issuer", X500Name.getInstance(issuer));
        CryptographicAlgorithm alg = KeyFormats.algorithm(cert.getPublicKey());
        if (alg != null) {
            out.add(Ttlv.enumeration(Tag.CRYPTOGRAPHIC_ALGORITHM, alg.value()));
            out.add(Ttlv.integer(Tag.CRYPTOGRAPHIC_LENGTH, KeyFormats.bitLength(cert.getPublicKey())));
        }
        return out;
    }

    private static void names(List<Ttlv> out, String who, X500Name name) {
        for (RDN rdn : name.getRDNs()) {
            for (AttributeTypeAndValue atv : rdn.getTypesAndValues()) {
                String field = FIELDS.get(atv.getType());
                if (field == null) {
                    continue;
                }
                TagDef tag = Registry.tagByName("Certificate" + who + field);
                out.add(Ttlv.text(tag.code(), IETFUtils.valueToString(atv.getValue())));
            }
        }
    }

    private static DigitalSignatureAlgorithm signatureAlgorithm(String jcaName) {
        return switch (jcaName.toUpperCase(java.util.Locale.ROOT)) {
            case "MD2WITHRSA" -> DigitalSignatureAlgorithm.MD2_WITH_RSA_ENCRYPTION;
            case "MD5WITHRSA" -> DigitalSignatureAlgorithm.MD5_WITH_RSA_ENCRYPTION;
            case "SHA1WITHRSA" -> DigitalSignatureAlgorithm.SHA_1_WITH_RSA_ENCRYPTION;
            case "SHA224WITHRSA" -> DigitalSignatureAlgorithm.SHA_224_WITH_RSA_ENCRYPTION;
            case "SHA256WITHRSA" -> DigitalSignatureAlgorithm.SHA_256_WITH_RSA_ENCRYPTION;
            case "SHA384WITHRSA" -> DigitalSignatureAlgorithm.SHA_384_WITH_RSA_ENCRYPTION;
            case "SHA512WITHRSA" -> DigitalSignatureAlgorithm.SHA_512_WITH_RSA_ENCRYPTION;
            case "RSASSA-PSS" -> DigitalSignatureAlgorithm.RSASSA_PSS;
            case "SHA1WITHDSA" -> DigitalSignatureAlgorithm.DSA_WITH_SHA_1;
            case "SHA224WITHDSA" -> DigitalSignatureAlgorithm.DSA_WITH_SHA224;
            case "SHA256WITHDSA" -> DigitalSignatureAlgorithm.DSA_WITH_SHA256;
            case "SHA1WITHECDSA" -> DigitalSignatureAlgorithm.ECDSA_WITH_SHA_1;
            case "SHA224WITHECDSA" -> DigitalSignatureAlgorithm.ECDSA_WITH_SHA224;
            case "SHA256WITHECDSA" -> DigitalSignatureAlgorithm.ECDSA_WITH_SHA256;
            case "SHA384WITHECDSA" -> DigitalSignatureAlgorithm.ECDSA_WITH_SHA384;
            case "SHA512WITHECDSA" -> DigitalSignatureAlgorithm.ECDSA_WITH_SHA512;
            default -> null;
        };
    }
}
