package dev.baton.config;

import java.time.Duration;
import java.util.Map;

/**
 * One entry of `model_list`: a model group name (`model_name`) served by one upstream model.
 *
 * @param modelName   the group this deployment serves (`model_name`)
 * @param provider    the part before the first `/` of `litellm_params.model` (`anthropic`, `mock`, `openai`, ...)
 * @param model       the upstream's model id (after the provider prefix)
 * @param apiBase     `api_base`, or null for the provider's default
 * @param apiKey      `api_key`, {@link Secret#PASSTHROUGH}, or null
 * @param rpm         requests per minute, or null
 * @param tpm         tokens per minute, or null
 * @param timeout     total timeout for one attempt (`timeout`), or null for the default
 * @param streamTimeout time to the first byte of a stream (`stream_timeout`), or null for the default
 * @param order       priority inside the group, lower first (`order`, else `model_info.fallback_order`)
 * @param params      the other `litellm_params` (for instance `mock_response`), values as parsed from YAML
 * @param modelInfo   `model_info`, values as parsed from YAML
 * @param id          a stable name for logs and headers: `model_info.id`, else `<provider>/<model>` made unique
 * @param line        the config line the entry starts on, 0 when it did not come from a file
 */
public record Deployment(
        String modelName,
        String provider,
        String model,
        String apiBase,
        Secret apiKey,
        Integer rpm,
        Integer tpm,
        Duration timeout,
        Duration streamTimeout,
        int order,
        Map<String, Object> params,
        Map<String, Object> modelInfo,
        String id,
        int line) {

    public static final int DEFAULT_ORDER = Integer.MAX_VALUE;

    public String param(String key) {
        Object v = params.get(key);
        return v == null ? null : String.valueOf(v);
    }
}
