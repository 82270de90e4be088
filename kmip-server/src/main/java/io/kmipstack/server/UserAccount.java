package io.kmipstack.server;

import java.util.Objects;

/**
 * A user the server accepts in a Username and Password credential (KMIP 1.4 section 2.1.2, 2.1
 * section 9.11). The password is only ever compared, in constant time; {@link #toString()} does not
 * print it.
 */
public record UserAccount(String username, String password) {

    public UserAccount {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (username.isEmpty()) {
            throw new IllegalArgumentException("username: empty (expected: a name)");
        }
    }

    @Override
    public String toString() {
        return "UserAccount[" + username + ", password redacted]";
    }
}
