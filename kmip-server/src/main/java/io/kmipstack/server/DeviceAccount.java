package io.kmipstack.server;

import java.util.Objects;

/**
 * A device the server accepts in a Device credential (KMIP 1.4 section 2.1.2 table 5, 2.1 section
 * 9.11). A credential matches when every identifying field set here (serial number, device,
 * network, machine, media identifier; at least one) is present and equal in it, and, when a
 * password is set here, its password is equal too (compared in constant time). {@code name} is the
 * identity the device acts as when credentials name the requester. {@link #toString()} does not
 * print the password.
 */
public record DeviceAccount(
        String name,
        String deviceSerialNumber,
        String deviceIdentifier,
        String networkIdentifier,
        String machineIdentifier,
        String mediaIdentifier,
        String password) {

    public DeviceAccount {
        Objects.requireNonNull(name, "name");
        if (deviceSerialNumber == null && deviceIdentifier == null && networkIdentifier == null
                && machineIdentifier == null && mediaIdentifier == null) {
            throw new IllegalArgumentException("device " + name
                    + ": no identifying field (expected: serial number, device, network, machine or media identifier)");
        }
    }

    @Override
    public String toString() {
        return "DeviceAccount[" + name + ", password " + (password == null ? "none" : "redacted") + "]";
    }
}
