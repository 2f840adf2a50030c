package dev.baton.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The field notes are the team's own list and are not in the repository: what users read (README, docs/, messages in
 * string literals) cites the upstream issue or says the behaviour plainly. Code comments may still cite them.
 */
class FieldNotesCitationTest {
    private static final Pattern FIELD_NOTES = Pattern.compile("field[ -]notes?", Pattern.CASE_INSENSITIVE);
    /** A string literal on one line that mentions them. */
    private static final Pattern IN_LITERAL = Pattern.compile("\"[^\"\\n]*field[ -]notes?[^\"\\n]*\"", Pattern.CASE_INSENSITIVE);

    @Test
    void docsAndUserFacingMessagesCiteNoFieldNotes() throws IOException {
        List<String> found = new ArrayList<>();
        List<Path> docs = new ArrayList<>(List.of(Path.of("README.md")));
        try (Stream<Path> s = Files.walk(Path.of("docs"))) {
            s.filter(p -> p.toString().endsWith(".md")).forEach(docs::add);
        }
        for (Path doc : docs) scan(doc, FIELD_NOTES, found);
        try (Stream<Path> s = Files.walk(Path.of("src/main"))) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                scan(p, p.toString().endsWith(".java") ? IN_LITERAL : FIELD_NOTES, found);
            }
        }
        assertThat(found).as("cite the upstream issue (owner/repo#N) instead").isEmpty();
    }

    private static void scan(Path file, Pattern pattern, List<String> found) throws IOException {
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
            if (pattern.matcher(lines.get(i)).find()) found.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
        }
    }
}
