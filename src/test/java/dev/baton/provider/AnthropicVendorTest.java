package dev.baton.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AnthropicVendorTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
            "https://api.deepseek.com/anthropic, deepseek",
            "https://api.z.ai/api/anthropic, z.ai",
            "https://api.moonshot.ai/anthropic, moonshot",
            "http://localhost:11434, ollama",
            "http://192.168.1.20:11434, ollama",
    })
    void recognisesThirdPartyAnthropicCompatibleVendors(String base, String name) {
        AnthropicVendor v = AnthropicVendor.forBase(URI.create(base), null);
        assertThat(v.name()).isEqualTo(name);
        assertThat(v.allBetas()).isFalse();
        assertThat(v.plainToolsOnly()).isTrue();
        assertThat(v.countTokens()).isFalse();
        assertThat(v.limitsOutput()).as("serves other vendors' models: their output limits apply").isTrue();
        assertThat(v.allows("context-management-2025-06-27")).isFalse();
    }

    @Test
    void anthropicItselfTakesEveryBetaAndCountsTokens() {
        AnthropicVendor v = AnthropicVendor.forBase(URI.create("https://api.anthropic.com"), null);
        assertThat(v).isEqualTo(AnthropicVendor.ANTHROPIC);
        assertThat(v.allows("anything-2099-01-01")).isTrue();
        assertThat(v.countTokens()).isTrue();
        assertThat(v.limitsOutput()).isFalse();
    }

    @Test
    void unknownHostIsTreatedAsAnthropicOrAProxyInFrontOfIt() {
        assertThat(AnthropicVendor.forBase(URI.create("https://gateway.example.com/anthropic"), null)).isEqualTo(AnthropicVendor.UNKNOWN);
    }

    @Test
    void allowedBetasOverrideRestrictsBetasByPrefixAndKeepsTheVendorsOtherTraits() {
        AnthropicVendor v = AnthropicVendor.forBase(URI.create("https://api.deepseek.com/anthropic"), List.of("interleaved-thinking-"));
        assertThat(v.allows("interleaved-thinking-2025-05-14")).isTrue();
        assertThat(v.allows("context-1m-2025-08-07")).isFalse();
        assertThat(v.plainToolsOnly()).isTrue();
        assertThat(v.name()).isEqualTo("deepseek");
    }
}
