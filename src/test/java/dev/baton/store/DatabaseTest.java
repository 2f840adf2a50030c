package dev.baton.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What Database knows of its migrations without Flyway. */
class DatabaseTest {
    /** A store whose history has these versions opens without Flyway: the set must be exactly the files'. */
    @ParameterizedTest
    @ValueSource(strings = {"sqlite", "postgresql"})
    void theSchemaVersionsAreThoseOfTheMigrationFiles(String engine) throws IOException {
        Path folder = Path.of("src/main/resources/dev/baton/store/migration", engine);
        Set<String> versions;
        try (Stream<Path> files = Files.list(folder)) {
            versions = files.map(f -> f.getFileName().toString()).filter(n -> n.matches("V[0-9._]+__.*\\.sql"))
                    .map(n -> n.substring(1, n.indexOf("__")).replace('_', '.')).collect(Collectors.toSet());
        }
        assertThat(versions).isEqualTo(Database.SCHEMA_VERSIONS);
    }
}
