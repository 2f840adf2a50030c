package dev.baton.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Loads a LiteLLM `config.yaml` plus its `baton:` section. Accepts what LiteLLM accepts where it can, and
 * says `file:line` in every error ({@link ConfigException}) and warning ({@link BatonConfig#warnings()}).
 */
public final class ConfigLoader {
    private static final Set<String> SECTIONS = Set.of("model_list", "router_settings", "litellm_settings", "general_settings", "baton");
    /** litellm_settings keys Baton reads; the others are kept in {@link BatonConfig#litellm()} but warned about. */
    private static final Set<String> LITELLM_USED = Set.of("drop_params", "num_retries", "request_timeout", "fallbacks", "context_window_fallbacks",
            "content_policy_fallbacks", "max_fallbacks", "model_group_alias");
    private static final Set<String> GENERAL_USED = Set.of("master_key", "database_url", "allow_master_key_traffic",
            "require_auth_for_metrics_endpoint");
    private static final Set<String> BATON_TIMEOUTS = Set.of("connect_timeout", "first_byte_timeout", "idle_timeout",
            "request_timeout", "ping_interval", "max_wait", "shutdown_grace", "body_read_timeout");
    /** The `baton:` keys kept in {@link BatonSettings#sections()} for the parts that read them (usage, journal, routing). */
    private static final Set<String> BATON_SECTIONS = Set.of("data_dir", "database_path", "pricing_file", "alerts", "usage",
            "journal", "notifications", "routing", "routes");
    /** Every key `baton:` may have; the table in docs/configuration.md lists exactly these (BatonSectionDocsTest). */
    static final Set<String> BATON_KEYS = Stream.of(BATON_TIMEOUTS, Set.of("max_body_mb"), BATON_SECTIONS).flatMap(Set::stream)
            .collect(Collectors.toUnmodifiableSet());

    private ConfigLoader() {
    }

    /** Loads with the process environment. */
    public static BatonConfig load(Path file) {
        return load(file, System.getenv());
    }

    public static BatonConfig load(Path file, Map<String, String> env) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getClass().getSimpleName());
        }
        NodeReader in = new NodeReader(file, new EnvResolver(env));
        Optional<Node> root = YamlSource.compose(file, text);
        if (root.isEmpty() || NodeReader.isNull(root.get())) {
            in.warn(null, "the file is empty; no models are configured");
            return build(in, file, env, Map.of());
        }
        Map<String, NodeReader.Entry> top = in.mapping(root.get(), "the top level");
        top.forEach((k, e) -> {
            if (!SECTIONS.contains(k)) in.warn(e.key(), "unknown section '" + k + "' is not used by Baton; ignored");
        });
        return build(in, file, env, top);
    }

    private static BatonConfig build(NodeReader in, Path file, Map<String, String> env, Map<String, NodeReader.Entry> top) {
        Node modelListNode = NodeReader.get(top, "model_list");
        if (top.containsKey("model_list") && NodeReader.isNull(modelListNode)) {
            in.warn(top.get("model_list").key(), "model_list is empty; no models are configured");
        }
        List<Deployment> models = new ModelListReader(in).read(modelListNode);
        Set<String> groups = new LinkedHashSet<>();
        models.forEach(d -> groups.add(d.modelName()));

        Map<String, NodeReader.Entry> litellmEntries = in.mapping(NodeReader.get(top, "litellm_settings"), "litellm_settings");
        Map<String, NodeReader.Entry> routerEntries = in.mapping(NodeReader.get(top, "router_settings"), "router_settings");
        RouterSettings router = new RouterSettingsReader(in, groups, env).read(routerEntries, litellmEntries);
        Map<String, Object> litellm = litellm(in, litellmEntries);
        GeneralSettings general = general(in, in.mapping(NodeReader.get(top, "general_settings"), "general_settings"), env);
        Duration litellmTimeout = in.duration(NodeReader.get(litellmEntries, "request_timeout"), "litellm_settings.request_timeout");
        BatonSettings baton = baton(in, in.mapping(NodeReader.get(top, "baton"), "baton"), litellmTimeout);

        return new BatonConfig(models, router, general, litellm, baton, file, in.warnings());
    }

    private static Map<String, Object> litellm(NodeReader in, Map<String, NodeReader.Entry> entries) {
        in.warnUnknown(entries, LITELLM_USED, "litellm_settings");
        Map<String, Object> out = new LinkedHashMap<>();
        entries.forEach((k, e) -> out.put(k, in.value(e.value(), "litellm_settings." + k)));
        // Normalised so readers need not know YAML 1.1 spellings (drop_params: yes).
        Boolean drop = in.bool(NodeReader.get(entries, "drop_params"), "litellm_settings.drop_params");
        if (drop != null) out.put("drop_params", drop);
        return Collections.unmodifiableMap(out);
    }

    private static GeneralSettings general(NodeReader in, Map<String, NodeReader.Entry> entries, Map<String, String> env) {
        in.warnUnknown(entries, GENERAL_USED, "general_settings");
        Secret masterKey = in.secret(NodeReader.get(entries, "master_key"), "general_settings.master_key");
        Secret database = in.secret(NodeReader.get(entries, "database_url"), "general_settings.database_url");
        Boolean masterTraffic = in.bool(NodeReader.get(entries, "allow_master_key_traffic"), "general_settings.allow_master_key_traffic");
        Boolean metricsAuth = in.bool(NodeReader.get(entries, "require_auth_for_metrics_endpoint"),
                "general_settings.require_auth_for_metrics_endpoint");
        return GeneralSettings.withEnvironment(masterKey, database, masterTraffic, Boolean.TRUE.equals(metricsAuth), env);
    }

    private static BatonSettings baton(NodeReader in, Map<String, NodeReader.Entry> entries, Duration litellmRequestTimeout) {
        rejectUnknown(in, entries);
        BatonSettings d = BatonSettings.defaults();
        Map<String, Duration> t = new LinkedHashMap<>();
        for (String key : BATON_TIMEOUTS) t.put(key, in.duration(NodeReader.get(entries, key), "baton." + key));
        Duration bodyRead = t.get("body_read_timeout");
        if (bodyRead != null && (bodyRead.isZero() || bodyRead.isNegative())) {
            throw in.error(NodeReader.get(entries, "body_read_timeout"), "baton.body_read_timeout must be positive");
        }
        Integer maxBodyMb = in.integer(NodeReader.get(entries, "max_body_mb"), "baton.max_body_mb");
        if (maxBodyMb != null && maxBodyMb <= 0) throw in.error(NodeReader.get(entries, "max_body_mb"), "baton.max_body_mb must be positive");

        Map<String, Object> sections = new LinkedHashMap<>();
        entries.forEach((k, e) -> {
            if (!BATON_TIMEOUTS.contains(k) && !k.equals("max_body_mb")) sections.put(k, in.value(e.value(), "baton." + k));
        });
        Duration requestTimeout = t.get("request_timeout") != null ? t.get("request_timeout") : litellmRequestTimeout;
        return new BatonSettings(
                or(t.get("connect_timeout"), d.connectTimeout()),
                or(t.get("first_byte_timeout"), d.firstByteTimeout()),
                or(t.get("idle_timeout"), d.idleTimeout()),
                or(requestTimeout, d.requestTimeout()),
                or(t.get("ping_interval"), d.pingInterval()),
                or(t.get("max_wait"), d.maxWait()),
                maxBodyMb == null ? d.maxBodyMb() : maxBodyMb,
                or(t.get("shutdown_grace"), d.shutdownGrace()),
                or(t.get("body_read_timeout"), d.bodyReadTimeout()),
                Collections.unmodifiableMap(sections));
    }

    /**
     * `baton:` is Baton's own section, so an unknown key there is a typo or a setting of another version, never
     * LiteLLM's: an error that names the closest key, where a warning would let a misspelt timeout go unnoticed.
     */
    private static void rejectUnknown(NodeReader in, Map<String, NodeReader.Entry> entries) {
        entries.forEach((k, e) -> {
            if (BATON_KEYS.contains(k)) return;
            String hint = Suggestion.closest(k, BATON_KEYS).map(s -> " (did you mean '" + s + "'?)").orElse("");
            throw in.error(e.key(), "baton." + k + " is not a Baton setting" + hint + "; the baton: section takes "
                    + String.join(", ", new TreeSet<>(BATON_KEYS)) + " (see docs/configuration.md)");
        });
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
