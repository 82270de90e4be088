package io.kmipstack.server;

import java.security.cert.X509Certificate;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Which part of the client certificate names the requester: its subject's Common Name (the
 * default: {@code alice} for {@code CN=alice,O=Example}) or the whole subject distinguished name in
 * RFC 2253 form. A certificate without a Common Name is identified by its full subject under either
 * setting, so that no two different certificates collapse into one empty identity.
 */
public enum IdentitySource {
    COMMON_NAME,
    SUBJECT_DN;

    /** The identity {@code certificate} stands for. */
    public String identityOf(X509Certificate certificate) {
        String dn = certificate.getSubjectX500Principal().getName();
        if (this == SUBJECT_DN) {
            return dn;
        }
        try {
            // The most specific (last in RFC 2253 order, first in the list) CN wins.
            String cn = null;
            for (Rdn rdn : new LdapName(dn).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    cn = rdn.getValue().toString();
                }
            }
            return cn == null || cn.isEmpty() ? dn : cn;
        } catch (InvalidNameException e) {
            return dn;
        }
    }
}
