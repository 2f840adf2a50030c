package dev.baton.catalog;

import dev.baton.config.Deployment;
import dev.baton.dialect.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;

/**
 * Baton's one model catalog: prices, context windows, output limits and capabilities per model, in LiteLLM's
 * `model_prices_and_context_window.json` format. The output clamp, the context-window pre-filter, costs, budgets and
 * routing strategies all ask it, by model, never by host: `openai/deepseek-chat` behind a relay is still deepseek-chat.
 *
 * <p>What answers for a deployment, first found first (each key on its own, so a deployment may override one figure):
 * the deployment's own values (`litellm_params`, then `model_info`: `max_output_tokens`, `max_input_tokens`,
 * `input_cost_per_token`, `supports_vision`, ...); Claude Code's `[1m]` suffix (a 1M window); the catalog's entry for the
 * model, from a user's `baton.pricing_file` laid over Baton's own table; the family default for models the table does
 * not list (keys ending in `*`, such as `gemini-*`: limits and capabilities, never prices).
 *
 * <p>Ids are matched forgivingly ({@link ModelIds}): the provider-qualified id first, then without prefixes, dates,
 * versions and tags. An unknown Claude id is priced as its family's newest known model, so a new release never counts as
 * free.
 */
public final class ModelCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(ModelCatalog.class);
    private static final String DEFAULT_TABLE = "model_prices.json";

    /** Where a value came from, as {@link ModelInfo#source} and `baton models` name it. */
    public static final String CATALOG = "catalog";
    public static final String PRICING_FILE = "pricing_file";
    public static final String MODEL_INFO = "model_info";
    public static final String LITELLM_PARAMS = "litellm_params";
    public static final String ONE_MILLION_SUFFIX = "[1m]";
    /** A family default's source is this prefix and its key: `default gemini-*`. */
    public static final String DEFAULT = "default ";

    private static final Map<String, String> FAMILY_DEFAULT = Map.of(
            "opus", "claude-opus-4-6", "sonnet", "claude-sonnet-4-6", "haiku", "claude-haiku-4-5");
    private static final int ONE_MILLION = 1_000_000;
    /** Answers kept; callers choose ids (wildcard deployments), so the memo stops growing here. */
    private static final int MEMO_LIMIT = 10_000;

    /** One entry of the table, as it was written, and whose table it came from. */
    private record Entry(String name, Map<String, Object> values, String origin) {
    }

    /** The entry and family default that answer for one id; either may be null. */
    private record Match(Entry entry, Entry family) {
    }

    /** One deployment (itself, not an equal one: tests share a catalog between configs) asked for one model. */
    private record Asked(Deployment deployment, String model) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Asked a && a.deployment == deployment && a.model.equals(model);
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(deployment) * 31 + model.hashCode();
        }
    }

    private final Map<String, Entry> entries;
    private final List<Entry> families;
    /** Answers already given: asked on every request by the output clamp, the context pre-filter and metering. */
    private final Map<Asked, ModelInfo> answers = new ConcurrentHashMap<>();

    private ModelCatalog(Map<String, Entry> table) {
        Map<String, Entry> exact = new LinkedHashMap<>();
        List<Entry> globs = new ArrayList<>();
        table.forEach((name, e) -> {
            if (name.endsWith("*")) globs.add(e);
            else exact.put(name, e);
        });
        globs.sort(Comparator.comparingInt((Entry e) -> e.name().length()).reversed()); // the longest prefix wins
        this.entries = Map.copyOf(exact);
        this.families = List.copyOf(globs);
    }

    /** Baton's own table, read once. */
    public static ModelCatalog defaults() {
        return Defaults.INSTANCE;
    }

    private static final class Defaults {
        static final ModelCatalog INSTANCE = load(null);
    }

    /** Baton's table with {@code pricingFile} (LiteLLM's JSON format) laid over it; null for Baton's alone. */
    public static ModelCatalog load(Path pricingFile) {
        Map<String, Entry> t = new LinkedHashMap<>();
        try (InputStream in = ModelCatalog.class.getResourceAsStream(DEFAULT_TABLE)) {
            if (in == null) throw new IllegalStateException("model catalog resource " + DEFAULT_TABLE + " is missing");
            read(Json.MAPPER.readValue(in, new TypeReference<Map<String, Object>>() { }), CATALOG, t);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (pricingFile != null) {
            try {
                read(Json.MAPPER.readValue(Files.readAllBytes(pricingFile), new TypeReference<Map<String, Object>>() { }), PRICING_FILE, t);
            } catch (IOException | JacksonException e) {
                throw new IllegalArgumentException("baton.pricing_file " + pricingFile + ": not a LiteLLM price table ("
                        + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()) + ")");
            }
        }
        return new ModelCatalog(t);
    }

    @SuppressWarnings("unchecked")
    private static void read(Map<String, Object> json, String origin, Map<String, Entry> into) {
        json.forEach((name, value) -> {
            if (name.equals("sample_spec") || !(value instanceof Map)) return;
            String key = name.toLowerCase(Locale.ROOT);
            into.put(key, new Entry(name, withMaxOutput((Map<String, Object>) value), origin));
        });
    }

    /**
     * The table's answer for a model id alone, matched forgivingly: its entry with its family default under it, or
     * empty when the table knows neither.
     */
    public Optional<ModelInfo> lookup(String model) {
        Match m = match(model);
        ModelInfo info = new Layers().withTable(m).info(model, m.entry());
        return info.sources().isEmpty() ? Optional.empty() : Optional.of(info);
    }

    /**
     * What the deployment's model costs, takes and can do, its own values included; {@link ModelInfo#unknown} when
     * nobody knows anything.
     *
     * @param upstreamModel the model asked for: the deployment's, or the caller's for a `*` deployment; null or `*` for
     *                      the deployment's own (its `default_model` for a `*` deployment)
     */
    public ModelInfo of(Deployment d, String upstreamModel) {
        String model = modelOf(d, upstreamModel);
        Asked asked = new Asked(d, model);
        ModelInfo known = answers.get(asked);
        if (known != null) return known;
        Match m = match(d.provider() + "/" + model, model);
        Layers layers = new Layers();
        layers.add(LITELLM_PARAMS, catalogKeys(d.params()));
        layers.add(MODEL_INFO, catalogKeys(d.modelInfo()));
        if (model.endsWith(ONE_MILLION_SUFFIX)) layers.add(ONE_MILLION_SUFFIX, Map.of("max_input_tokens", ONE_MILLION));
        ModelInfo info = layers.withTable(m).info(model, m.entry());
        if (answers.size() < MEMO_LIMIT) answers.put(asked, info);
        return info;
    }

    /** The model a deployment is asked for: the caller's, else its own (a `*` deployment's `default_model`). */
    public static String modelOf(Deployment d, String upstreamModel) {
        if (upstreamModel != null && !upstreamModel.equals("*")) return upstreamModel;
        if (d.model().equals("*") && d.param("default_model") != null) return d.param("default_model");
        return d.model();
    }

    /** The context window (input tokens) of the model the deployment is asked for, if known. */
    public OptionalInt contextWindow(Deployment d, String upstreamModel) {
        return of(d, upstreamModel).contextWindow();
    }

    /** The most output tokens the model may produce in one response, if known (for clamping `max_tokens`). */
    public OptionalInt maxOutputTokens(Deployment d, String upstreamModel) {
        Integer v = of(d, upstreamModel).maxOutputTokens();
        return v == null ? OptionalInt.empty() : OptionalInt.of(v);
    }

    /** The entry and family default for the first of {@code ids} the table knows. */
    private Match match(String... ids) {
        List<String> spellings = new ArrayList<>();
        for (String id : ids) spellings.addAll(ModelIds.spellings(id));
        Entry entry = null;
        for (String s : spellings) {
            entry = entries.get(s);
            if (entry != null) break;
        }
        if (entry == null) entry = newestOfFamily(ids[ids.length - 1]);
        return new Match(entry, family(spellings));
    }

    /** An unknown Claude id: its family's newest model Baton knows, so it is never free. */
    private Entry newestOfFamily(String id) {
        String lower = id.toLowerCase(Locale.ROOT);
        if (!lower.contains("claude")) return null;
        for (var f : FAMILY_DEFAULT.entrySet()) {
            if (!lower.contains(f.getKey())) continue;
            Entry newest = entries.get(f.getValue());
            if (newest != null) LOG.info("no catalog entry for '{}': priced as {}, the newest {} model Baton knows", id, newest.name(), f.getKey());
            return newest;
        }
        return null;
    }

    private Entry family(List<String> spellings) {
        for (Entry f : families) {
            String prefix = f.name().substring(0, f.name().length() - 1).toLowerCase(Locale.ROOT);
            for (String s : spellings) if (s.startsWith(prefix)) return f;
        }
        return null;
    }

    /** A deployment's values that mean something to the catalog (its other `litellm_params` do not). */
    private static Map<String, Object> catalogKeys(Map<String, Object> values) {
        Map<String, Object> out = new LinkedHashMap<>();
        values.forEach((k, v) -> {
            if (v != null && catalogKey(k)) out.put(k, v);
        });
        return withMaxOutput(out);
    }

    /** Limits, prices and capabilities: `max_input_tokens`, `input_cost_per_token`, `supports_vision`, ... */
    private static boolean catalogKey(String k) {
        return k.startsWith("max_") || k.contains("cost") || k.startsWith("supports_");
    }

    /** LiteLLM's legacy `max_tokens` stands for `max_output_tokens` where that is missing. */
    private static Map<String, Object> withMaxOutput(Map<String, Object> values) {
        if (values.get("max_output_tokens") != null || values.get("max_tokens") == null) return values;
        Map<String, Object> out = new LinkedHashMap<>(values);
        out.put("max_output_tokens", values.get("max_tokens"));
        return out;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    /** Values laid one over another, each key taken from the first layer that has it, with its source noted. */
    private static final class Layers {
        private final Map<String, Object> values = new LinkedHashMap<>();
        private final Map<String, String> sources = new LinkedHashMap<>();

        void add(String source, Map<String, Object> layer) {
            layer.forEach((k, v) -> {
                if (v != null && !values.containsKey(k)) {
                    values.put(k, v);
                    sources.put(k, source);
                }
            });
        }

        Layers withTable(Match m) {
            if (m.entry() != null) add(m.entry().origin(), m.entry().values());
            if (m.family() != null) add(DEFAULT + m.family().name(), m.family().values());
            return this;
        }

        ModelInfo info(String model, Entry entry) {
            sources.keySet().removeIf(k -> !catalogKey(k) && !k.equals("litellm_provider"));
            return ModelInfo.fromLiteLlm(model, entry == null ? null : entry.name(), values, sources);
        }
    }
}
