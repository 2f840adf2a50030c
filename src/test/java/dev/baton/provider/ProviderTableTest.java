package dev.baton.provider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.baton.config.Deployment;
import dev.baton.config.ProviderPrefixes;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The prefix table the config check lists in its error is the one the factory serves from. */
class ProviderTableTest {
    private static Deployment deployment(String prefix) {
        String base = prefix.equals("hosted_vllm") ? "http://127.0.0.1:8000/v1" : null; // the one prefix without a default
        return new Deployment("g", prefix, "m", base, null, null, null, null, null, 1, Map.of(), Map.of(), prefix + "/m", 0);
    }

    @Test
    void everyPrefixOfTheTableIsServedByItsProtocolsUpstream() {
        for (String prefix : ProviderPrefixes.all()) {
            Upstream u = Upstreams.forDeployment(deployment(prefix), null);
            Class<?> expected = switch (ProviderPrefixes.protocol(prefix).orElseThrow()) {
                case ANTHROPIC -> AnthropicUpstream.class;
                case OPENAI_COMPATIBLE -> OpenAiUpstream.class;
                case GEMINI -> GeminiUpstream.class;
                case VERTEX -> VertexGeminiUpstream.class;
                case MOCK -> MockUpstream.class;
            };
            assertThat(u).as(prefix).isInstanceOf(expected);
        }
    }

    @Test
    void everyOpenAiCompatiblePrefixButOpenAiHasAVendorRow() {
        assertThat(OpenAiVendor.PREFIXES).isEqualTo(ProviderPrefixes.of(ProviderPrefixes.Protocol.OPENAI_COMPATIBLE));
        for (String prefix : OpenAiVendor.PREFIXES) {
            if (!prefix.equals("openai")) assertThat(OpenAiVendor.forPrefix(prefix)).as(prefix).isNotNull();
        }
    }

    @Test
    void aDeploymentBuiltInCodeWithAnUnknownPrefixIsRefusedWithTheSameList() {
        assertThatThrownBy(() -> Upstreams.forDeployment(deployment("bedrock"), null))
                .isInstanceOf(Upstreams.UnsupportedProviderException.class)
                .hasMessageContaining("provider 'bedrock' is not supported")
                .hasMessageContaining(String.join("/, ", ProviderPrefixes.all()) + "/");
    }
}
