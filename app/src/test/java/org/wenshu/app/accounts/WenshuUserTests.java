package org.wenshu.app.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class WenshuUserTests {

    @Test
    void survivesJavaSerializationAsTheSharedSessionStoresIt() throws Exception {
        Account account = new Account(7, "liaison", "联络员", Role.AGENCY, Optional.of("jm-police"), true, false,
                Optional.empty(), Instant.parse("2026-01-01T00:00:00Z"));
        WenshuUser user = new WenshuUser(account, "{bcrypt}hash", false);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(user);
        }
        WenshuUser back;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            back = (WenshuUser) in.readObject();
        }

        assertThat(back.account()).isEqualTo(account);
        assertThat(back.getPassword()).as("the hash never travels with the session").isNull();
        assertThat(back.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_AGENCY");
    }
}
