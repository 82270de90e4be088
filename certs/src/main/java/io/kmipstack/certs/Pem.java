package io.kmipstack.certs;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * PEM text for certificates ({@code CERTIFICATE}) and private keys (unencrypted PKCS#8,
 * {@code PRIVATE KEY}; RFC 7468), the formats OpenSSL, Netty's {@code SslContextBuilder}, PyKMIP
 * and curl all read. Reading also accepts the traditional OpenSSL {@code EC PRIVATE KEY} and
 * {@code RSA PRIVATE KEY} forms, since keys made by other tools often arrive that way.
 *
 * <p>Errors name the file and what was found in it, never key bytes.
 */
public final class Pem {

    private Pem() {
    }

    /** A certificate as one {@code CERTIFICATE} block. */
    public static String encode(X509Certificate certificate) {
        try {
            return block("CERTIFICATE", certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalArgumentException("certificate: cannot be DER-encoded", e);
        }
    }

    /** A private key as one unencrypted PKCS#8 {@code PRIVATE KEY} block. */
    public static String encode(PrivateKey key) {
        if (!"PKCS#8".equals(key.getFormat())) {
            throw new IllegalArgumentException("private key format: " + key.getFormat() + " (expected: PKCS#8)");
        }
        return block("PRIVATE KEY", key.getEncoded());
    }

    /** Every certificate in a PEM file, in file order; at least one. */
    public static List<X509Certificate> readCertificates(Path file) throws IOException {
        Collection<? extends Certificate> found;
        try (InputStream in = Files.newInputStream(file)) {
            // The JDK's X.509 factory reads PEM blocks itself, several per stream.
            found = CertificateFactory.getInstance("X.509").generateCertificates(in);
        } catch (CertificateException e) {
            throw new IOException(file + ": not a PEM certificate file (" + e.getMessage() + ")", e);
        }
        if (found.isEmpty()) {
            throw new IOException(file + ": certificates: 0 (expected: >= 1)");
        }
        List<X509Certificate> out = new ArrayList<>(found.size());
        for (Certificate c : found) {
            out.add((X509Certificate) c);
        }
        return out;
    }

    /** The first certificate in a PEM file. */
    public static X509Certificate readCertificate(Path file) throws IOException {
        return readCertificates(file).get(0);
    }

    /** The private key in a PEM file (PKCS#8, or traditional OpenSSL EC/RSA form). */
    public static PrivateKey readPrivateKey(Path file) throws IOException {
        Object parsed;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII); PEMParser p = new PEMParser(r)) {
            parsed = p.readObject();
        }
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
        if (parsed instanceof PrivateKeyInfo info) {
            return converter.getPrivateKey(info);
        }
        if (parsed instanceof PEMKeyPair pair) {
            return converter.getKeyPair(pair).getPrivate();
        }
        String found = parsed == null ? "no PEM block" : parsed.getClass().getSimpleName();
        throw new IOException(file + ": " + found + " (expected: PRIVATE KEY)");
    }

    private static String block(String type, byte[] der) {
        StringWriter text = new StringWriter();
        try (PemWriter w = new PemWriter(text)) {
            w.writeObject(new PemObject(type, der));
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return text.toString();
    }
}
