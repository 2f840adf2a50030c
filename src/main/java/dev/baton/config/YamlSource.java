package dev.baton.config;

import java.nio.file.Path;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Parses YAML text into snakeyaml-engine's node tree. We stop at the composer (no construction) because
 * the nodes keep their start marks, which every error and warning needs for `file:line`.
 */
final class YamlSource {
    private YamlSource() {
    }

    /** The document's root node, or empty for a file with no document (empty, only comments). */
    static Optional<Node> compose(Path file, String text) {
        LoadSettings settings = LoadSettings.builder().setLabel(String.valueOf(file)).build();
        try {
            return new Compose(settings).composeString(text);
        } catch (MarkedYamlEngineException e) {
            // Not e.getMessage(): it quotes a snippet of the offending line, which may hold an api_key.
            int line = e.getProblemMark().or(e::getContextMark).map(Mark::getLine).orElse(-1) + 1;
            String what = e.getContext() == null ? e.getProblem() : e.getContext() + ": " + e.getProblem();
            throw new ConfigException(location(file, line) + ": YAML syntax error: " + what);
        } catch (YamlEngineException e) {
            throw new ConfigException(file + ": YAML error: " + e.getClass().getSimpleName());
        }
    }

    /** 1-based line of a node, 0 if unknown. */
    static int line(Node node) {
        return node == null ? 0 : node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    static String location(Path file, int line) {
        return line > 0 ? file + ":" + line : String.valueOf(file);
    }
}
