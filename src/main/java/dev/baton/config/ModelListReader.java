package dev.baton.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.nodes.Node;

/** Reads `model_list` into deployments: provider split, known `litellm_params`, order and unique ids. */
final class ModelListReader {
    private static final Set<String> ENTRY_KEYS = Set.of("model_name", "litellm_params", "model_info");
    /** The litellm_params with a field of their own in {@link Deployment}; all others go to params. */
    private static final Set<String> FIELDS = Set.of("model", "api_base", "api_key", "rpm", "tpm", "timeout", "stream_timeout", "order");
    /**
     * The other litellm_params some part of Baton reads from {@link Deployment#params()}: the mock's script
     * (MockUpstream), `allowed_betas` (AnthropicUpstream), Vertex's project, region and credentials under LiteLLM's two
     * spellings (VertexAccess), a deployment's own prices and limits (ModelInfo), and the zero-config default's
     * `default_model` (GroupResolver). Any other key is kept but warned about: add it here when a part starts reading it.
     */
    static final Set<String> USED_PARAMS = Set.of("mock_response", "mock_latency_ms", "mock_rate_limit_after", "mock_retry_after",
            "mock_rate_limit_for", "allowed_betas", "vertex_project", "vertex_ai_project", "vertex_location", "vertex_ai_location",
            "vertex_credentials", "vertex_ai_credentials", "input_cost_per_token", "output_cost_per_token",
            "cache_creation_input_token_cost", "cache_creation_input_token_cost_above_1hr", "cache_read_input_token_cost",
            "max_input_tokens", "max_output_tokens", "max_tokens", "default_model", "weight");
    private static final Set<String> KNOWN_PARAMS = Stream.concat(FIELDS.stream(), USED_PARAMS.stream()).collect(Collectors.toUnmodifiableSet());

    private final NodeReader in;
    private final Set<String> usedIds = new HashSet<>();

    ModelListReader(NodeReader in) {
        this.in = in;
    }

    List<Deployment> read(Node modelList) {
        if (NodeReader.isNull(modelList)) return List.of();
        List<Deployment> out = new ArrayList<>();
        for (Node entry : in.sequence(modelList, "model_list")) out.add(deployment(entry));
        return List.copyOf(out);
    }

    private Deployment deployment(Node entry) {
        Map<String, NodeReader.Entry> e = in.mapping(entry, "model_list entry");
        in.warnUnknown(e, ENTRY_KEYS, "model_list entry");

        String modelName = in.text(node(e, "model_name"), "model_name");
        if (modelName == null || modelName.isBlank()) throw in.error(entry, "model_list entry has no model_name");

        Node paramsNode = node(e, "litellm_params");
        if (NodeReader.isNull(paramsNode)) throw in.error(entry, "model '" + modelName + "' has no litellm_params");
        Map<String, NodeReader.Entry> p = in.mapping(paramsNode, "litellm_params");
        in.warnUnknown(p, KNOWN_PARAMS, "litellm_params"); // LiteLLM configs carry many Baton has no use for: loaded all the same
        String modelText = in.text(node(p, "model"), "litellm_params.model");
        if (modelText == null || modelText.isBlank()) throw in.error(paramsNode, "model '" + modelName + "' has no litellm_params.model");
        ModelRef ref = modelRef(modelText, node(p, "model"));

        Map<String, NodeReader.Entry> info = in.mapping(node(e, "model_info"), "model_info");
        Integer order = in.integer(node(p, "order"), "litellm_params.order");
        if (order == null) order = in.integer(node(info, "fallback_order"), "model_info.fallback_order");

        Map<String, Object> params = new java.util.LinkedHashMap<>();
        p.forEach((k, v) -> {
            if (!FIELDS.contains(k)) params.put(k, in.value(v.value(), "litellm_params." + k));
        });

        String id = uniqueId(in.label(node(info, "id"), "model_info.id"), ref, node(info, "id"));
        return new Deployment(
                modelName,
                ref.provider(),
                ref.model(),
                in.text(node(p, "api_base"), "litellm_params.api_base"),
                in.apiKey(node(p, "api_key"), "litellm_params.api_key"),
                in.integer(node(p, "rpm"), "litellm_params.rpm"),
                in.integer(node(p, "tpm"), "litellm_params.tpm"),
                in.duration(node(p, "timeout"), "litellm_params.timeout"),
                in.duration(node(p, "stream_timeout"), "litellm_params.stream_timeout"),
                order == null ? Deployment.DEFAULT_ORDER : order,
                params,
                in.valueMap(node(e, "model_info"), "model_info"),
                id,
                YamlSource.line(entry));
    }

    private ModelRef modelRef(String text, Node node) {
        if (text.indexOf('/') < 0) {
            ModelRef inferred = ModelRef.infer(text);
            in.warn(node, "litellm_params.model '" + text + "' has no provider prefix; assuming " + inferred
                    + " (write provider/model to be explicit)");
            return inferred;
        }
        ModelRef ref = ModelRef.parse(text).orElseThrow(() -> in.error(node,
                "litellm_params.model '" + text + "' must be provider/model, for instance anthropic/claude-sonnet-4-5"));
        if (ProviderPrefixes.protocol(ref.provider()).isEmpty()) {
            throw in.error(node, "litellm_params.model '" + text + "': " + ProviderPrefixes.unsupported(ref.provider()));
        }
        return ref;
    }

    /** `model_info.id`, else provider/model; a repeat gets `#2`, `#3`, ... so logs and headers stay unambiguous. */
    private String uniqueId(String explicit, ModelRef ref, Node idNode) {
        String base = explicit != null && !explicit.isBlank() ? explicit : ref.toString();
        String id = base;
        for (int n = 2; !usedIds.add(id); n++) id = base + "#" + n;
        if (explicit != null && !id.equals(base)) in.warn(idNode, "model_info.id '" + base + "' is used twice; this one becomes '" + id + "'");
        return id;
    }

    private static Node node(Map<String, NodeReader.Entry> m, String key) {
        return NodeReader.get(m, key);
    }
}
