package io.kmipstack.server;

import io.kmipstack.codec.KmipException;
import io.kmipstack.codec.model.Authentication;
import io.kmipstack.codec.model.Credential;
import io.kmipstack.codec.model.DeviceCredential;
import io.kmipstack.codec.model.UsernameAndPasswordCredential;
import io.kmipstack.codec.registry.ResultReason;
import io.kmipstack.server.message.Authenticator;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks request credentials against configured {@link UserAccount}s and {@link DeviceAccount}s,
 * on top of mutual TLS. With accounts configured, every request must carry an Authentication whose
 * credentials are all satisfied (KMIP 2.1 section 9.4); credential types other than Username and
 * Password and Device are never satisfied. Secrets are compared as SHA-256 digests with
 * {@link MessageDigest#isEqual}, so neither their content nor their length shows in the timing,
 * and an unknown user is compared against a dummy digest so that it takes as long as a wrong
 * password. Every refusal carries the same message.
 *
 * <p>The requester stays the TLS identity unless {@code credentialNamesRequester} is set; then the
 * last satisfied credential's user (or device name) is the requester, so that several users can
 * share one client certificate.
 */
final class AccountAuthenticator implements Authenticator {

    private static final byte[] DUMMY = digest("\0no such user\0");

    private final Map<String, byte[]> passwords = new HashMap<>();
    private final List<DeviceAccount> devices;
    private final boolean credentialNamesRequester;

    AccountAuthenticator(List<UserAccount> users, List<DeviceAccount> devices, boolean credentialNamesRequester) {
        for (UserAccount u : users) {
            passwords.put(u.username(), digest(u.password()));
        }
        this.devices = List.copyOf(devices);
        this.credentialNamesRequester = credentialNamesRequester;
    }

    @Override
    public String authenticate(String tlsIdentity, Authentication authentication) {
        if (authentication == null || authentication.credential().isEmpty()) {
            throw refused();
        }
        String requester = tlsIdentity;
        for (Credential c : authentication.credential()) {
            String who = check(c);
            if (who == null) {
                throw refused();
            }
            if (credentialNamesRequester) {
                requester = who;
            }
        }
        return requester;
    }

    /** The name a credential stands for, or {@code null} when it is not satisfied. */
    private String check(Credential c) {
        if (c.credentialValue() instanceof UsernameAndPasswordCredential up) {
            byte[] expected = passwords.get(up.username());
            boolean ok = MessageDigest.isEqual(expected == null ? DUMMY : expected,
                    digest(up.password() == null ? "" : up.password()));
            return ok && expected != null ? up.username() : null;
        }
        if (c.credentialValue() instanceof DeviceCredential d) {
            for (DeviceAccount account : devices) {
                if (matches(account.deviceSerialNumber(), d.deviceSerialNumber())
                        && matches(account.deviceIdentifier(), d.deviceIdentifier())
                        && matches(account.networkIdentifier(), d.networkIdentifier())
                        && matches(account.machineIdentifier(), d.machineIdentifier())
                        && matches(account.mediaIdentifier(), d.mediaIdentifier())) {
                    boolean ok = account.password() == null || MessageDigest.isEqual(digest(account.password()),
                            digest(d.password() == null ? "" : d.password()));
                    return ok ? account.name() : null;
                }
            }
            return null;
        }
        return null;
    }

    private static boolean matches(String configured, String presented) {
        return configured == null || configured.equals(presented);
    }

    private static KmipException refused() {
        return new KmipException(ResultReason.AUTHENTICATION_NOT_SUCCESSFUL, "authentication not successful");
    }

    private static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
