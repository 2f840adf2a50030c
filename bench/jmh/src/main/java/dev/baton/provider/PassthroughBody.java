package dev.baton.provider;

import dev.baton.dialect.Json;
import java.net.URI;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/** The tree way of turning a same-dialect caller body into upstream bytes (AnthropicUpstream.open), for comparison. */
public final class PassthroughBody {
    private static final AnthropicVendor ANTHROPIC = AnthropicVendor.forBase(URI.create(AnthropicUpstream.DEFAULT_BASE), null);

    private PassthroughBody() {
    }

    public static byte[] serialize(ObjectNode tree, String model) {
        ObjectNode body = AnthropicBodyRules.adapt(tree, ANTHROPIC, List.of());
        body.put("model", model);
        return Json.MAPPER.writeValueAsBytes(body);
    }
}
