package dev.baton.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DatabaseUrlTest {
    @Test
    void liteLlmStyleUrlBecomesJdbcWithCredentialsApart() {
        DatabaseUrl u = DatabaseUrl.parse("postgresql://baton:p%40ss:word@db.internal:5433/litellm?sslmode=require");
        assertThat(u.jdbcUrl()).isEqualTo("jdbc:postgresql://db.internal:5433/litellm?sslmode=require");
        assertThat(u.user()).isEqualTo("baton");
        assertThat(u.password()).isEqualTo("p@ss:word");
        assertThat(u.toString()).doesNotContain("p@ss").contains("baton");
    }

    @Test
    void postgresSchemeWithoutPortOrPasswordAndJdbcAsIs() {
        assertThat(DatabaseUrl.parse("postgres://me@localhost/db")).isEqualTo(new DatabaseUrl("jdbc:postgresql://localhost/db", "me", null));
        assertThat(DatabaseUrl.parse("jdbc:postgresql://h/db?user=x")).isEqualTo(new DatabaseUrl("jdbc:postgresql://h/db?user=x", null, null));
        assertThat(DatabaseUrl.parse("jdbc:postgresql://h/db?user=x&password=hunter2&ssl=true").toString())
                .isEqualTo("jdbc:postgresql://h/db?user=x&password=***&ssl=true");
    }

    @Test
    void otherSchemesAreRefusedWithoutEchoingTheUrl() {
        assertThatThrownBy(() -> DatabaseUrl.parse("mysql://root:hunter2@h/db")).hasMessageNotContaining("hunter2");
    }
}
