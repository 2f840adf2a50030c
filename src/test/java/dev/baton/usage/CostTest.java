package dev.baton.usage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.baton.canonical.Usage;
import dev.baton.catalog.ModelCatalog;
import dev.baton.catalog.ModelInfo;
import dev.baton.dialect.SseReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Cost from the fixtures in this package: a Claude Sonnet 4.5 answer with prompt caching, recorded whole and streamed.
 * Expected figures are Anthropic's published prices applied by hand, as the console bills them (field notes 35–37).
 */
class CostTest {
    static final ModelCatalog CATALOG = ModelCatalog.defaults();
    static final ModelInfo SONNET = CATALOG.lookup("claude-sonnet-4-5-20250929").orElseThrow();

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = CostTest.class.getResourceAsStream(name)) {
            return in.readAllBytes();
        }
    }

    static Usage streamed(String name) throws IOException {
        return tapped(fixture(name));
    }

    /** What a usage tap fed every event of {@code sse} reads. */
    private static Usage tapped(byte[] sse) throws IOException {
        UsageTap tap = new UsageTap();
        SseReader reader = new SseReader(new ByteArrayInputStream(sse));
        for (var e = reader.next(); e != null; e = reader.next()) tap.onEvent(e);
        return tap.usage();
    }

    private static Usage tapped(String sse) throws IOException {
        return tapped(sse.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void cacheWritesAndReadsArePricedOnceNotAlsoAsInput() throws IOException {
        Usage u = UsageTap.ofMessage(fixture("sonnet-cached.json"));
        assertThat(u).isEqualTo(new Usage(4, 800, 8000, 12000, 0));
        // 4 × $3/M + 12,000 × $3.75/M + 8,000 × $0.30/M + 800 × $15/M
        assertThat(Cost.usd(u, SONNET)).isCloseTo(0.059412, within(1e-12));
        // what charging cache tokens as input too (LiteLLM #9812) would have said
        assertThat(Cost.usd(u, SONNET)).isNotCloseTo(0.059412 + 20_000 * 3e-6, within(1e-6));
    }

    @Test
    void streamAndWholeMessageOfTheSameAnswerCostTheSame() throws IOException {
        Usage whole = UsageTap.ofMessage(fixture("sonnet-cached.json"));
        Usage stream = streamed("sonnet-cached.sse");
        assertThat(stream).isEqualTo(whole);
        assertThat(Cost.usd(stream, SONNET)).isEqualTo(Cost.usd(whole, SONNET));
    }

    @Test
    void finalMessageDeltaUsageWinsForServerTools() throws IOException {
        Usage u = streamed("sonnet-web-search.sse");
        assertThat(u).isEqualTo(new Usage(10682, 510, 5000, 0, 0));
        assertThat(Cost.usd(u, SONNET)).isCloseTo(10682 * 3e-6 + 5000 * 0.3e-6 + 510 * 15e-6, within(1e-12));
    }

    @Test
    void anOpenAiUsageChunkCountsUnderAnyNameButThoseOfAnthropicsContentEvents() throws IOException {
        String chunk = "data: {\"id\":\"c\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}\n\n";
        String usage = "data: {\"id\":\"c\",\"choices\":[],\"usage\":{\"prompt_tokens\":11,\"completion_tokens\":7,\"total_tokens\":18}}\n\n";
        assertThat(tapped(chunk + usage + "data: [DONE]\n\n")).isEqualTo(new Usage(11, 7, 0, 0, 0));
        assertThat(tapped(chunk + "event: chunk\n" + usage)).isEqualTo(new Usage(11, 7, 0, 0, 0));
        // Anthropic counts tokens in message_start and message_delta only; its deltas and pings are not searched
        assertThat(tapped("event: content_block_delta\n" + usage + "event: ping\n" + usage)).isNull();
    }

    @Test
    void oneHourCacheWritesHaveTheirOwnPrice() {
        Usage u = UsageTap.of(dev.baton.dialect.Json.MAPPER.readTree("""
                {"input_tokens":10,"output_tokens":100,"cache_creation_input_tokens":12000,
                 "cache_creation":{"ephemeral_5m_input_tokens":2000,"ephemeral_1h_input_tokens":10000}}"""));
        assertThat(u).isEqualTo(new Usage(10, 100, 0, 2000, 10000));
        assertThat(Cost.usd(u, SONNET)).isCloseTo(10 * 3e-6 + 2000 * 3.75e-6 + 10000 * 6e-6 + 100 * 15e-6, within(1e-12));
    }

    @Test
    void longContextPricesApplyToTheWholeRequestAbove200kInput() {
        Usage u = new Usage(150_000, 1000, 60_000, 0, 0);
        assertThat(Cost.usd(u, SONNET)).isCloseTo(150_000 * 6e-6 + 60_000 * 0.6e-6 + 1000 * 22.5e-6, within(1e-12));
    }

    @Test
    void unknownModelsCostNothingAndNanosAreExact() {
        assertThat(Cost.usd(new Usage(1000, 1000, 0, 0, 0), ModelInfo.unknown("x"))).isZero();
        assertThat(Cost.nanos(0.059412)).isEqualTo(59_412_000L);
        assertThat(Cost.usdOf(59_412_000L)).isEqualTo(0.059412);
    }

    @Test
    void aScannedAnswerGivesTheSameUsageAsItsBytes() throws IOException {
        byte[] bytes = fixture("sonnet-cached.json");
        assertThat(UsageTap.ofMessage(dev.baton.dialect.JsonFields.of(bytes))).isEqualTo(UsageTap.ofMessage(bytes))
                .isEqualTo(new Usage(4, 800, 8000, 12000, 0));
        assertThat(UsageTap.ofMessage(dev.baton.dialect.JsonFields.of("{\"type\":\"message\",\"usage\":7}".getBytes()))).isNull();
    }

    @Test
    void tapIgnoresMessagesWithoutUsageAndGarbage() {
        assertThat(UsageTap.ofMessage("{\"type\":\"message\"}".getBytes())).isNull();
        assertThat(UsageTap.ofMessage("not json".getBytes())).isNull();
        assertThat(new UsageTap().usage()).isNull();
    }
}
