package org.wenshu.app.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The principal is stored in the shared session table by Java serialization (Spring Session JDBC). */
class WenshuUserSerializationTests {

    @Test
    void aSignedInUserSurvivesTheSessionStoreWithUnitAndLock() throws Exception {
        Account account = new Account(7, "agency.one", "联络员", Role.AGENCY, Optional.of("unit-justice"), true, false,
                Optional.of(Instant.parse("2026-11-30T10:00:00Z")), Instant.parse("2026-01-01T00:00:00Z"));
        WenshuUser user = WenshuUser.of(account);

        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(user);
        }
        WenshuUser read;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            read = (WenshuUser) in.readObject();
        }

        assertThat(read.account()).isEqualTo(account);
        assertThat(read.unitId()).contains("unit-justice");
        assertThat(read.role()).isEqualTo(Role.AGENCY);
    }
}
