package io.kmipstack.client;

import io.kmipstack.codec.model.Credential;
import io.kmipstack.codec.model.DeviceCredential;
import io.kmipstack.codec.model.UsernameAndPasswordCredential;
import io.kmipstack.codec.registry.CredentialType;
import java.util.Objects;

/**
 * Factories for the credentials a client puts in every request header's Authentication
 * (KMIP 1.4 section 2.1.2, 2.1 section 9.11), in addition to its TLS certificate. The codec's
 * records print passwords as {@code <redacted>}.
 */
public final class Credentials {

    private Credentials() {
    }

    /** A Username and Password credential; {@code password} may be null. */
    public static Credential usernameAndPassword(String username, String password) {
        Objects.requireNonNull(username, "username");
        return new Credential(CredentialType.USERNAME_AND_PASSWORD, new UsernameAndPasswordCredential(username, password));
    }

    /**
     * A Device credential (KMIP 1.1 and later); any field may be null.
     */
    public static Credential device(String deviceSerialNumber, String password, String deviceIdentifier,
            String networkIdentifier, String machineIdentifier, String mediaIdentifier) {
        return new Credential(CredentialType.DEVICE, new DeviceCredential(deviceSerialNumber, password, deviceIdentifier,
                networkIdentifier, machineIdentifier, mediaIdentifier));
    }
}
