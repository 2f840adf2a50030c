package dev.baton.catalog;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The spellings under which a model id may appear in the catalog, most specific first. Callers and configs spell one
 * model many ways: with a provider or publisher prefix (`anthropic/`, `openrouter/anthropic/`, Gemini's `models/`),
 * a date or version (`-20250929`, `-2024-08-06`, `@20250929`, `-preview-09-2025`, `-001`, `-2507`), `-latest`, an Ollama
 * tag (`:8b`), Claude Code's `[1m]`, or Claude's version with a dot (`claude-sonnet-4.5`).
 */
final class ModelIds {
    private static final List<Pattern> VERSION_SUFFIXES = List.of(
            Pattern.compile("\\[1m]$"),
            Pattern.compile(":[\\w.\\-]+$"),              // Ollama tags: llama3.2:latest, qwen3:8b
            Pattern.compile("@[\\w.\\-]+$"),              // Vertex versions: claude-sonnet-4-5@20250929
            Pattern.compile("-latest$"),
            Pattern.compile("-\\d{8}$"),                  // Anthropic: -20250929
            Pattern.compile("-\\d{4}-\\d{2}-\\d{2}$"),    // OpenAI: -2024-08-06
            Pattern.compile("-\\d{2}-\\d{4}$"),           // Gemini previews: -09-2025
            Pattern.compile("-(preview|exp)$"),
            Pattern.compile("-\\d{3}$"),                  // Gemini: -001
            Pattern.compile("-\\d{4}$"));                 // Mistral: -2507
    private static final Pattern CLAUDE_DOTTED_VERSION = Pattern.compile("(claude-[a-z]+-\\d+)\\.(\\d+)");

    private ModelIds() {
    }

    /** Lower-case spellings of {@code id} to look up in turn: as given, then with ever less of its prefix and suffixes. */
    static List<String> spellings(String id) {
        Set<String> out = new LinkedHashSet<>();
        for (String scoped : prefixes(id.toLowerCase(Locale.ROOT).strip())) {
            String s = scoped;
            out.add(s);
            out.add(dashed(s));
            for (Pattern suffix : VERSION_SUFFIXES) {
                String shorter = suffix.matcher(s).replaceFirst("");
                if (shorter.equals(s) || shorter.isEmpty() || shorter.endsWith("/")) continue;
                s = shorter;
                out.add(s);
                out.add(dashed(s));
            }
        }
        return List.copyOf(out);
    }

    /** The id without its leading `a/` segments, one at a time: `openrouter/anthropic/x`, `anthropic/x`, `x`. */
    private static List<String> prefixes(String id) {
        List<String> out = new ArrayList<>();
        String s = id.startsWith("models/") ? id.substring("models/".length()) : id;
        out.add(s);
        for (int slash = s.indexOf('/'); slash >= 0 && slash < s.length() - 1; slash = s.indexOf('/')) {
            s = s.substring(slash + 1);
            out.add(s);
        }
        return out;
    }

    private static String dashed(String s) {
        return CLAUDE_DOTTED_VERSION.matcher(s).replaceAll("$1-$2");
    }

    /** The id without any prefix or suffix, e.g. for family defaults such as `gemini-*`. */
    static String bare(String id) {
        List<String> all = spellings(id);
        return all.get(all.size() - 1);
    }
}
