package dev.baton.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.testing.PostgresServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The store on a real PostgreSQL, reached with a LiteLLM-style `postgresql://user:password@host:port/db` URL. */
@ExtendWith(PostgresServer.Extension.class)
class StorePostgresTest extends StoreContract {
    private final PostgresServer pg;
    private String url;

    StorePostgresTest(PostgresServer pg) {
        this.pg = pg;
    }

    @Override
    Database open() {
        if (url == null) url = pg.newDatabaseUrl(); // one fresh database per test
        return Database.open(url, null);
    }

    @Override
    Database reopen() {
        return open();
    }

    @Test
    void describesItselfWithoutThePassword() {
        assertThat(db.kind()).isEqualTo(Database.Kind.POSTGRESQL);
        assertThat(db.description()).doesNotContain(PostgresServer.PASSWORD).contains("jdbc:postgresql://127.0.0.1:");
    }
}
