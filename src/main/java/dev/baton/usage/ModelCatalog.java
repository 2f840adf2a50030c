package dev.baton.usage;

import dev.baton.config.Deployment;
import dev.baton.dialect.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;

/**
 * Prices, context windows and output limits per model, from LiteLLM's `model_prices_and_context_window.json`
 * format: Baton's own table for the models it routes to, a user's `baton.pricing_file` laid over it (its entries
 * replace or add to the default ones), and a deployment's own `input_cost_per_token`, `output_cost_per_token`,
 * `max_input_tokens`, `max_output_tokens` (in `litellm_params` or `model_info`) over both.
 *
 * <p>For routing and translation: {@link #contextWindow} and {@link #maxOutputTokens} answer for the model a
 * deployment is asked for (its `model`, or for a `*` deployment the caller's id), empty when nobody knows.
 *
 * <p>Ids are matched forgivingly, since callers and configs spell them many ways: exactly, then without the
 * provider prefix, a date suffix (`-20250929`), `-latest` or `[1m]`, with `.` for `-` in Claude versions; an unknown
 * Claude id is priced as its family's newest known model, so a new release never counts as free.
 */
public final class ModelCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(ModelCatalog.class);
    private static final String DEFAULT_TABLE = "model_prices.json";
    private static final Pattern DATE_SUFFIX = Pattern.compile("-\\d{8}$");
    private static final Pattern CLAUDE_DOTTED_VERSION = Pattern.compile("(claude-[a-z]+-\\d+)\\.(\\d+)");
    private static final Map<String, String> FAMILY_DEFAULT = Map.of(
            "opus", "claude-opus-4-6", "sonnet", "claude-sonnet-4-6", "haiku", "claude-haiku-4-5");
    private static final int ONE_MILLION = 1_000_000;

    private final Map<String, ModelInfo> table;
    private final Map<String, ModelInfo> resolved = new ConcurrentHashMap<>();
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    ModelCatalog(Map<String, ModelInfo> table) {
        this.table = Map.copyOf(table);
    }

    /** Baton's default table. */
    public static ModelCatalog defaults() {
        return load(null);
    }

    /** The default table with {@code pricingFile} (LiteLLM's JSON format) laid over it; null for the defaults alone. */
    public static ModelCatalog load(Path pricingFile) {
        Map<String, ModelInfo> t = new LinkedHashMap<>();
        try (InputStream in = ModelCatalog.class.getResourceAsStream(DEFAULT_TABLE)) {
            if (in == null) throw new IllegalStateException("price table resource " + DEFAULT_TABLE + " is missing");
            read(Json.MAPPER.readValue(in, new TypeReference<Map<String, Object>>() { }), t);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (pricingFile != null) {
            try {
                read(Json.MAPPER.readValue(Files.readAllBytes(pricingFile), new TypeReference<Map<String, Object>>() { }), t);
            } catch (IOException | JacksonException e) {
                throw new IllegalArgumentException("baton.pricing_file " + pricingFile + ": not a LiteLLM price table ("
                        + e.getClass().getSimpleName() + ": " + firstLine(e.getMessage()) + ")");
            }
        }
        return new ModelCatalog(t);
    }

    @SuppressWarnings("unchecked")
    private static void read(Map<String, Object> json, Map<String, ModelInfo> into) {
        json.forEach((name, value) -> {
            if (name.equals("sample_spec") || !(value instanceof Map)) return;
            into.put(name.toLowerCase(Locale.ROOT), ModelInfo.fromLiteLlm(name, (Map<String, Object>) value));
        });
    }

    /** The table's entry for a model id, matched forgivingly (see the class comment). */
    public Optional<ModelInfo> lookup(String model) {
        ModelInfo info = resolved.computeIfAbsent(model.toLowerCase(Locale.ROOT), this::find);
        return info.known() ? Optional.of(info) : Optional.empty();
    }

    /** What the deployment's model costs and takes, its own overrides included; {@link ModelInfo#unknown} if nobody knows. */
    public ModelInfo of(Deployment d, String upstreamModel) {
        String model = upstreamModel == null || upstreamModel.equals("*") ? d.model() : upstreamModel;
        ModelInfo base = lookup(d.provider() + "/" + model).or(() -> lookup(model)).orElse(null);
        Map<String, Object> overrides = new LinkedHashMap<>(d.modelInfo());
        d.params().forEach((k, v) -> { if (v != null) overrides.put(k, v); });
        if (base == null) {
            if (ModelInfo.overridesAnything(overrides)) return ModelInfo.unknown(model).withOverrides(overrides);
            if (warned.add(model)) LOG.warn("no price for model '{}' ({}): its requests count as free; add it to baton.pricing_file "
                    + "or set input_cost_per_token / output_cost_per_token on the deployment", model, d.id());
            return ModelInfo.unknown(model);
        }
        ModelInfo info = base.withOverrides(overrides);
        if (model.endsWith("[1m]") && (info.maxInputTokens() == null || info.maxInputTokens() < ONE_MILLION)) {
            info = new ModelInfo(info.name(), true, info.provider(), info.inputCostPerToken(), info.outputCostPerToken(),
                    info.cacheWriteCostPerToken(), info.cacheWrite1hCostPerToken(), info.cacheReadCostPerToken(), info.above200k(),
                    ONE_MILLION, info.maxOutputTokens());
        }
        return info;
    }

    /** The context window (input tokens) of the model the deployment is asked for, if known. */
    public OptionalInt contextWindow(Deployment d, String upstreamModel) {
        Integer v = of(d, upstreamModel).maxInputTokens();
        return v == null ? OptionalInt.empty() : OptionalInt.of(v);
    }

    /** The most output tokens the model may produce in one response, if known (for clamping `max_tokens`). */
    public OptionalInt maxOutputTokens(Deployment d, String upstreamModel) {
        Integer v = of(d, upstreamModel).maxOutputTokens();
        return v == null ? OptionalInt.empty() : OptionalInt.of(v);
    }

    private ModelInfo find(String id) {
        for (String candidate : candidates(id)) {
            ModelInfo hit = table.get(candidate);
            if (hit != null) return hit;
        }
        String family = claudeFamily(id);
        if (family != null) {
            ModelInfo fallback = table.get(FAMILY_DEFAULT.get(family));
            if (fallback != null) {
                LOG.info("no price for '{}': priced as {}, the newest {} model Baton knows", id, fallback.name(), family);
                return fallback;
            }
        }
        return ModelInfo.unknown(id);
    }

    /** The spellings tried, most specific first. */
    static List<String> candidates(String id) {
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        String s = id;
        out.add(s);
        if (s.endsWith("[1m]")) s = s.substring(0, s.length() - 4);
        if (s.endsWith("-latest")) s = s.substring(0, s.length() - 7);
        s = DATE_SUFFIX.matcher(s).replaceFirst("");
        out.add(s);
        String dashed = CLAUDE_DOTTED_VERSION.matcher(s).replaceAll("$1-$2");
        out.add(dashed);
        int slash = dashed.lastIndexOf('/');
        if (slash >= 0) {
            String bare = dashed.substring(slash + 1);
            out.add(bare);
            out.add(CLAUDE_DOTTED_VERSION.matcher(bare).replaceAll("$1-$2"));
        }
        return List.copyOf(out);
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    /** The Claude family named in an id, or null. */
    private static String claudeFamily(String id) {
        if (!id.contains("claude")) return null;
        for (String f : FAMILY_DEFAULT.keySet()) if (id.contains(f)) return f;
        return null;
    }
}
