package dev.baton.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store on a real SQLite file in a temp dir (the default engine). */
class StoreSqliteTest extends StoreContract {
    @TempDir Path dir;

    @Override
    Database open() {
        return Database.open(null, dir.resolve("nested/baton.db"));
    }

    @Override
    Database reopen() {
        return open();
    }

    @Test
    void theFileAndItsFolderAreCreated() {
        assertThat(db.kind()).isEqualTo(Database.Kind.SQLITE);
        assertThat(Files.exists(dir.resolve("nested/baton.db"))).isTrue();
    }
}
