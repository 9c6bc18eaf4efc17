package org.wenshu.app;

import java.time.Clock;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.wenshu.app.accounts.AccountUserDetailsService;
import org.wenshu.app.accounts.Accounts;
import org.wenshu.app.accounts.ApiTokens;
import org.wenshu.app.accounts.LoginThrottle;
import org.wenshu.archive.Archive;

/**
 * Wires accounts, API tokens and login throttling over the record database. The accounts schema (with Spring Session
 * JDBC's tables) is migrated by Flyway from {@code db/accounts} after the archive's own migrations, on which it
 * depends (accounts are bound to units).
 */
@Configuration(proxyBeanMethods = false)
public class AccountsConfiguration {

    /** The accounts schema, migrated; a marker that orders beans after the migration. */
    public record AccountsSchema(JdbcTemplate jdbc) {
    }

    @Bean
    AccountsSchema accountsSchema(HikariDataSource dataSource, Archive archive) {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/accounts")
                .table("accounts_schema_history")
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .load()
                .migrate();
        return new AccountsSchema(new JdbcTemplate(dataSource));
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        // {bcrypt} by default; hashes carry their algorithm id, so a later switch to Argon2 keeps old hashes valid.
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    Accounts accounts(AccountsSchema schema, PasswordEncoder encoder, Archive archive,
                      ArchiveConfiguration.ArchiveProperties properties) {
        return new Accounts(schema.jdbc(), encoder, archive, Clock.system(properties.zone()));
    }

    @Bean
    ApiTokens apiTokens(AccountsSchema schema, ArchiveConfiguration.ArchiveProperties properties) {
        return new ApiTokens(schema.jdbc(), Clock.system(properties.zone()));
    }

    @Bean
    AccountUserDetailsService accountUserDetailsService(Accounts accounts) {
        return new AccountUserDetailsService(accounts);
    }

    @Bean
    LoginThrottle loginThrottle(Accounts accounts, ArchiveConfiguration.ArchiveProperties properties) {
        return new LoginThrottle(accounts, Clock.system(properties.zone()));
    }
}
