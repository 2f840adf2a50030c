package dev.baton.provider;

import dev.baton.canonical.Failure;
import dev.baton.canonical.FailureException;
import dev.baton.catalog.ModelCatalog;
import dev.baton.catalog.ModelInfo;
import dev.baton.config.Deployment;
import dev.baton.config.Secret;
import dev.baton.dialect.CallerBody;
import dev.baton.dialect.InvalidRequestException;
import dev.baton.dialect.SharedValues;
import dev.baton.dialect.Wire;
import dev.baton.dialect.anthropic.AnthropicRequestEncoder;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * `anthropic/<model>`: Anthropic's Messages API at api.anthropic.com or any Anthropic-compatible base URL.
 * Same-dialect traffic: the caller's body goes out as it came, with only `model` rewritten and what the vendor is
 * known to reject removed.
 */
public final class AnthropicUpstream extends AnthropicWireUpstream {
    public static final String DEFAULT_BASE = "https://api.anthropic.com";
    static final String DEFAULT_VERSION = "2023-06-01";
    private static final String ONE_MILLION_SUFFIX = "[1m]";
    private static final String ONE_MILLION_BETA = "context-1m-2025-08-07";
    private static final Logger LOG = LoggerFactory.getLogger(AnthropicUpstream.class);

    private final Deployment deployment;
    private final HttpTransport transport;
    private final ModelCatalog catalog;
    private final String base;
    private final AnthropicVendor vendor;
    private final URI messagesUri;
    private final URI countTokensUri;

    /** @param catalog the models' output limits, for hosts of other vendors' models ({@link AnthropicVendor#limitsOutput}) */
    public AnthropicUpstream(Deployment deployment, HttpTransport transport, ModelCatalog catalog) {
        this.deployment = deployment;
        this.transport = transport;
        this.catalog = catalog;
        this.base = normalizeBase(deployment.apiBase() == null ? DEFAULT_BASE : deployment.apiBase());
        this.vendor = AnthropicVendor.forBase(URI.create(base), stringList(deployment.params().get("allowed_betas")));
        this.messagesUri = URI.create(base + "/v1/messages");
        this.countTokensUri = URI.create(base + "/v1/messages/count_tokens");
    }

    @Override
    public boolean countsTokens() {
        return vendor.countTokens();
    }

    @Override
    public UpstreamResponse open(UpstreamRequest request) throws FailureException {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("content-type", "application/json");
        CallerContext caller = request.caller();
        // the caller's protocol headers (chosen by the server); version and betas are decided below
        caller.forwardedHeaders().forEach((name, value) -> {
            if (!name.equals("anthropic-version") && !name.equals("anthropic-beta")) headers.put(name, value);
        });
        String version = caller.header("anthropic-version");
        headers.put("anthropic-version", version == null ? DEFAULT_VERSION : version);
        authenticate(headers, caller);

        String model = request.model();
        List<String> betas = AnthropicBodyRules.allowedBetas(caller.header("anthropic-beta"), vendor);
        // the OAuth beta belongs to the caller's subscription token; with the deployment's own key it must not go
        if (!passesCallerCredentials()) betas.removeIf(b -> b.startsWith("oauth-"));
        if (model.endsWith(ONE_MILLION_SUFFIX)) { // Claude Code's "[1m]" model suffix means the 1M-context beta
            model = model.substring(0, model.length() - ONE_MILLION_SUFFIX.length());
            if (vendor.allows(ONE_MILLION_BETA) && !betas.contains(ONE_MILLION_BETA)) betas.add(ONE_MILLION_BETA);
        }
        if (!betas.isEmpty()) headers.put("anthropic-beta", String.join(",", betas));

        CallerBody sent = request.body();
        boolean messages = request.endpoint() == Endpoint.MESSAGES;
        // the caller's own bytes with the model spliced in, when nothing else about them has to change (count_tokens
        // takes no `stream` flag, so a count that carries one goes as a tree without it; a caller's whole-answer
        // request goes out as a stream, its `stream` then set as well)
        // an output limit to keep takes the tree (the thinking budget may have to follow max_tokens)
        boolean limits = messages && (vendor.limitsOutput() || declaresLimits());
        boolean asSent = !limits && (messages || sent.field("stream") == null) && AnthropicBodyRules.takesEverything(vendor)
                && AnthropicRequestEncoder.passesAsSent(sent);
        ByteBuffer[] bytes = !asSent ? null : !messages || streams(sent.field("stream")) == request.stream() ? sent.withModel(model)
                : sent.withModelAndStream(model, request.stream());
        ObjectNode body = null;
        OutgoingBody out;
        if (bytes != null) {
            out = OutgoingBody.of(bytes);
        } else {
            body = AnthropicBodyRules.adapt(AnthropicRequestEncoder.bodyFor(sent), vendor, betas);
            // the caller's tree is shared by every attempt (and its values with other requests): only top-level fields change
            if (sent.wire() == Wire.ANTHROPIC && body == sent.raw()) body = SharedValues.topLevelCopy(body);
            body.put("model", model);
            if (limits) limitOutput(body, model, sent);
            stream(body, messages && request.stream());
            out = OutgoingBody.json(body);
        }
        URI uri = messages ? messagesUri : countTokensUri;
        UpstreamResponse r = transport.post(uri, headers, out, request.stream(), request.timeouts());
        if (r.status() != 400) return r;
        if (body == null) body = sent.raw();
        if (!ThinkingRectifier.hasThinking(body)) return r;
        byte[] error;
        try (r) {
            error = r.body().readNBytes(1 << 20);
        } catch (IOException e) {
            throw new FailureException(HttpTransport.duringBody(e, true));
        }
        if (!ThinkingRectifier.isInvalidSignature(r.status(), error)) return new BufferedResponse(r.status(), r.headers(), error);
        LOG.info("{} rejected a thinking signature; retrying once without thinking blocks", deployment.id());
        ObjectNode retry = ThinkingRectifier.withoutThinking(body); // a copy: the body holds thinking
        retry.put("model", model);
        stream(retry, messages && request.stream());
        return transport.post(uri, headers, OutgoingBody.json(retry), request.stream(), request.timeouts());
    }

    /**
     * Whether the deployment gives the model's limits itself (`max_output_tokens`, `max_input_tokens` or LiteLLM's
     * `max_tokens` in `model_info`, or `max_output_tokens`, `max_input_tokens` in `litellm_params`, as the catalog reads
     * them): the user's word, whatever the host.
     */
    private boolean declaresLimits() {
        Map<String, Object> info = deployment.modelInfo();
        Map<String, Object> params = deployment.params();
        return info.containsKey("max_output_tokens") || info.containsKey("max_input_tokens") || info.containsKey("max_tokens")
                || params.containsKey("max_output_tokens") || params.containsKey("max_input_tokens");
    }

    /** min(requested, the model's max output, its window − the input), from the catalog (field notes 18). */
    private void limitOutput(ObjectNode body, String model, CallerBody sent) {
        tools.jackson.databind.JsonNode given = body.get("max_tokens");
        if (given == null || !given.isIntegralNumber()) return; // a missing max_tokens is the vendor's 400 to give
        int requested = given.asInt();
        ModelInfo info = catalog.of(deployment, model);
        Integer limit;
        try {
            limit = OutputLimit.clamp(requested, info, sent);
        } catch (InvalidRequestException e) { // a block Baton cannot decode still passes through: only the output cap then
            limit = OutputLimit.clamp(requested, info.maxOutputTokens(), null, sent);
        }
        if (limit != null && limit < requested) AnthropicBodyRules.limitOutput(body, requested, limit);
    }

    private static boolean streams(tools.jackson.databind.JsonNode flag) {
        return flag != null && flag.asBoolean(false);
    }

    private static void stream(ObjectNode body, boolean stream) {
        if (stream) body.put("stream", true);
        else body.remove("stream");
    }

    private void authenticate(Map<String, String> headers, CallerContext caller) throws FailureException {
        Secret key = deployment.apiKey();
        if (key == null) return; // an endpoint without auth (a local server)
        if (!key.isPassthrough()) {
            headers.put("x-api-key", key.reveal());
            return;
        }
        // Passthrough: the caller's own credentials, untouched (Claude Pro/Max OAuth tokens included, field notes 34).
        if (!caller.hasCredentials()) {
            throw new FailureException(new Failure.Misconfigured(401,
                    "deployment " + deployment.id() + " passes the caller's credentials through, and the caller sent none"));
        }
        if (caller.apiKey() != null) headers.put("x-api-key", caller.apiKey());
        if (caller.authorization() != null) headers.put("authorization", caller.authorization());
    }

    private boolean passesCallerCredentials() {
        return deployment.apiKey() != null && deployment.apiKey().isPassthrough();
    }

    static String normalizeBase(String base) {
        String b = base.strip();
        while (b.endsWith("/")) b = b.substring(0, b.length() - 1);
        if (b.endsWith("/v1")) b = b.substring(0, b.length() - 3);
        return b;
    }

    private static List<String> stringList(Object value) {
        if (value == null) return null;
        List<String> out = new ArrayList<>();
        if (value instanceof List<?> list) list.forEach(v -> out.add(String.valueOf(v)));
        else for (String s : String.valueOf(value).split(",")) if (!s.isBlank()) out.add(s.trim());
        return out;
    }

    @Override
    public String toString() {
        return "anthropic(" + vendor.name() + " " + base + ")";
    }
}
