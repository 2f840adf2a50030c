package dev.baton.catalog;

import dev.baton.config.Deployment;
import dev.baton.dialect.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What `baton models` prints: for each configured deployment, what the catalog answers for its model (context window,
 * output limit, prices per million tokens, capabilities) and where each figure came from.
 */
public final class ModelsReport {
    /** The capabilities the table shows, by LiteLLM name, and how it shows them. */
    private static final Map<String, String> SHOWN = showCapabilities();
    /** The keys whose source the table accounts for: the figures it shows. */
    private static final List<String> FIGURES = List.of("max_input_tokens", "max_output_tokens", "input_cost_per_token",
            "output_cost_per_token", "cache_read_input_token_cost", "cache_creation_input_token_cost");
    private static final List<String> HEADER = List.of("group", "deployment", "model", "entry", "context", "max out", "in $/M",
            "out $/M", "cache r $/M", "cache w $/M", "capabilities", "from");

    /** One deployment and the catalog's answer for it. */
    public record Row(Deployment deployment, String lookedUp, ModelInfo info) {
    }

    private final List<Row> rows;

    private ModelsReport(List<Row> rows) {
        this.rows = List.copyOf(rows);
    }

    public static ModelsReport of(List<Deployment> deployments, ModelCatalog catalog) {
        List<Row> rows = new ArrayList<>();
        for (Deployment d : deployments) {
            String model = ModelCatalog.modelOf(d, null);
            rows.add(new Row(d, model, catalog.of(d, model)));
        }
        return new ModelsReport(rows);
    }

    public List<Row> rows() {
        return rows;
    }

    /** A plain table, one line per deployment, columns aligned. */
    public String table() {
        List<List<String>> lines = new ArrayList<>();
        lines.add(HEADER);
        for (Row r : rows) {
            ModelInfo m = r.info();
            lines.add(List.of(r.deployment().modelName(), r.deployment().id(), r.deployment().provider() + "/" + r.deployment().model(),
                    m.entry() == null ? "-" : m.entry(), tokens(m.maxInputTokens()), tokens(m.maxOutputTokens()),
                    price(m, m.inputCostPerMillion()), price(m, m.outputCostPerMillion()), price(m, m.cacheReadCostPerMillion()),
                    price(m, m.cacheWriteCostPerMillion()), capabilities(m), from(m)));
        }
        int[] width = new int[HEADER.size()];
        for (List<String> line : lines) for (int i = 0; i < width.length; i++) width[i] = Math.max(width[i], line.get(i).length());
        StringBuilder b = new StringBuilder();
        for (List<String> line : lines) {
            StringBuilder l = new StringBuilder();
            for (int i = 0; i < width.length; i++) l.append(String.format(Locale.ROOT, "%-" + width[i] + "s  ", line.get(i)));
            b.append(l.toString().stripTrailing()).append('\n');
        }
        if (rows.isEmpty()) b.append("(no deployments)\n");
        if (rows.stream().anyMatch(r -> r.deployment().model().equals("*"))) {
            b.append("* deployments serve the model id the caller asks for; shown: their default_model, else nothing\n");
        }
        return b.toString();
    }

    /** The same as JSON: `{"deployments": [...]}` with LiteLLM's key names, capabilities and sources. */
    public ObjectNode json() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode list = root.putArray("deployments");
        for (Row r : rows) {
            ModelInfo m = r.info();
            ObjectNode o = list.addObject();
            o.put("group", r.deployment().modelName());
            o.put("deployment", r.deployment().id());
            o.put("provider", r.deployment().provider());
            o.put("model", r.deployment().model());
            o.put("looked_up", r.lookedUp());
            o.put("entry", m.entry());
            o.put("max_input_tokens", m.maxInputTokens());
            o.put("max_output_tokens", m.maxOutputTokens());
            o.put("priced", m.known());
            o.put("input_cost_per_million", m.inputCostPerMillion());
            o.put("output_cost_per_million", m.outputCostPerMillion());
            o.put("cache_read_cost_per_million", m.cacheReadCostPerMillion());
            o.put("cache_write_cost_per_million", m.cacheWriteCostPerMillion());
            ObjectNode supports = o.putObject("supports");
            m.capabilities().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> supports.put(e.getKey(), e.getValue()));
            ObjectNode sources = o.putObject("sources");
            m.sources().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> sources.put(e.getKey(), e.getValue()));
        }
        return root;
    }

    private static String tokens(Integer n) {
        return n == null ? "-" : String.format(Locale.ROOT, "%,d", n);
    }

    /** Up to four decimals, trailing zeros dropped: 3, 0.3, 0.028. */
    private static String price(ModelInfo m, double perMillion) {
        if (!m.known()) return "-";
        String s = String.format(Locale.ROOT, "%.4f", perMillion).replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static String capabilities(ModelInfo m) {
        List<String> out = new ArrayList<>();
        SHOWN.forEach((name, shown) -> {
            if (m.supports(name)) out.add(shown);
        });
        return out.isEmpty() ? "-" : String.join(",", out);
    }

    /** The source of most figures, then the others with their keys: `catalog; model_info: max_output_tokens`. */
    static String from(ModelInfo m) {
        Map<String, List<String>> bySource = new LinkedHashMap<>();
        for (String key : FIGURES) {
            String source = m.source(key);
            if (source != null) bySource.computeIfAbsent(source, s -> new ArrayList<>()).add(key);
        }
        if (bySource.isEmpty()) return "-";
        String main = bySource.entrySet().stream().max(Map.Entry.comparingByValue((a, b) -> a.size() - b.size())).orElseThrow().getKey();
        StringBuilder b = new StringBuilder(main);
        bySource.forEach((source, keys) -> {
            if (!source.equals(main)) b.append("; ").append(source).append(": ").append(String.join(", ", keys));
        });
        return b.toString();
    }

    private static Map<String, String> showCapabilities() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("function_calling", "tools");
        m.put("tool_choice", "tool_choice");
        m.put("reasoning", "reasoning");
        m.put("vision", "vision");
        m.put("prompt_caching", "caching");
        return m;
    }
}
