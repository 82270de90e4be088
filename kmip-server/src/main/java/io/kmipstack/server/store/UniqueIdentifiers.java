package io.kmipstack.server.store;

import java.util.UUID;

/**
 * Unique Identifiers the stores hand out: random (version 4) UUIDs in their usual text form.
 * Uniqueness across restarts needs no stored counter: 122 random bits from {@link java.security.SecureRandom}
 * make a repeat practically impossible, and the stores refuse to insert an identifier they already
 * hold, so a repeat could never overwrite an object. They are not meant to be secret: access control,
 * not guessing, protects objects.
 */
final class UniqueIdentifiers {

    private UniqueIdentifiers() {
    }

    static String next() {
        return UUID.randomUUID().toString();
    }
}
