package dev.baton.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A whole configuration: LiteLLM's `config.yaml` sections plus `baton:`.
 *
 * @param modelList  `model_list`, in file order
 * @param router     `router_settings`
 * @param general    `general_settings`
 * @param litellm    `litellm_settings`, kept as parsed (Baton reads `drop_params`, `num_retries`, `request_timeout`)
 * @param baton      the `baton:` section
 * @param source     the file it came from, or null for the zero-config default
 * @param warnings   what was accepted but deserves attention (unknown keys, ...), each naming file and line
 */
public record BatonConfig(
        List<Deployment> modelList,
        RouterSettings router,
        GeneralSettings general,
        Map<String, Object> litellm,
        BatonSettings baton,
        Path source,
        List<String> warnings) {
}
