package io.kmipstack.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Identifiers are RFC 9562 version 7 UUIDs: well-formed, unique, and sorted by creation time. */
class UniqueIdentifiersTest {

    @Test
    void layoutFollowsRfc9562() {
        UUID u = UniqueIdentifiers.of(0x0123456789ABL, -1L, -1L);
        assertThat(u.version()).isEqualTo(7);
        assertThat(u.variant()).isEqualTo(2);
        assertThat(u.toString()).startsWith("01234567-89ab-7fff-bfff-");
        assertThat(UniqueIdentifiers.of(0x0123456789ABL, 0L, 0L).toString()).isEqualTo("01234567-89ab-7000-8000-000000000000");
    }

    @Test
    void laterIdentifiersSortLaterAndNoneRepeats() throws InterruptedException {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            made.add(UniqueIdentifiers.next());
            Thread.sleep(2);
        }
        assertThat(made).isSorted();
        for (String id : made) {
            UUID u = UUID.fromString(id);
            assertThat(u.version()).isEqualTo(7);
            assertThat(u.toString()).isEqualTo(id);
        }
        HashSet<String> many = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            many.add(UniqueIdentifiers.next());
        }
        assertThat(many).hasSize(100_000);
    }
}
