package dev.baton.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * An unknown `baton:` key is an error, so the docs' table of the section must list exactly the keys the loader takes:
 * a key added to one and not the other fails here.
 */
class BatonSectionDocsTest {
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z_]+)` \\|");

    @Test
    void theBatonTableInConfigurationMdListsExactlyTheKeysTheLoaderAccepts() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("docs/configuration.md"));
        int start = lines.indexOf("## `baton:`");
        assertThat(start).as("docs/configuration.md has a `baton:` section").isNotNegative();
        List<String> documented = new java.util.ArrayList<>();
        for (String line : lines.subList(start + 1, lines.size())) {
            if (line.startsWith("## ")) break;
            Matcher m = ROW.matcher(line);
            if (m.find()) documented.add(m.group(1));
        }
        assertThat(documented).containsExactlyInAnyOrderElementsOf(ConfigLoader.BATON_KEYS);
    }
}
