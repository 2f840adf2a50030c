package dev.baton.ui;

import static org.assertj.core.api.Assertions.assertThat;

import dev.baton.dialect.Json;
import dev.baton.store.SpendGrouping;
import dev.baton.store.SpendPoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The spend chart's data: every hour of the window on the time axis, one line per name, keys by their labels. */
class SpendChartTest {
    private static final long HOUR = 3_600_000L;

    @Test
    void everyBucketOfTheWindowIsOnTheAxisAndQuietOnesAreZero() {
        List<SpendPoint> points = List.of(new SpendPoint(10 * HOUR, "hash-a", 2, 1.5), new SpendPoint(12 * HOUR, "hash-a", 1, 0.25),
                new SpendPoint(12 * HOUR, "-", 1, 3.0));
        JsonNode chart = Json.MAPPER.readTree(SpendPage.chartJson(points, SpendGrouping.KEY, Map.of("hash-a", "ci-bot"),
                10 * HOUR + 5, 12 * HOUR + 7, HOUR));

        assertThat(chart.path("x").valueStream().map(JsonNode::asLong).toList()).containsExactly(36_000L, 39_600L, 43_200L);
        JsonNode series = chart.path("series");
        assertThat(series.get(0).path("name").asString()).isEqualTo("(master key / open)"); // the costliest line first
        assertThat(series.get(0).path("values").valueStream().map(JsonNode::asDouble).toList()).containsExactly(0.0, 0.0, 3.0);
        assertThat(series.get(1).path("name").asString()).isEqualTo("ci-bot");
        assertThat(series.get(1).path("values").valueStream().map(JsonNode::asDouble).toList()).containsExactly(1.5, 0.0, 0.25);
    }

    @Test
    void beyondEightLinesTheRestIsSummedAsOther() {
        List<SpendPoint> points = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) points.add(new SpendPoint(0, "model-" + i, 1, 10 - i));
        JsonNode series = Json.MAPPER.readTree(SpendPage.chartJson(points, SpendGrouping.MODEL, Map.of(), 0, 1, HOUR)).path("series");
        assertThat(series).hasSize(9);
        assertThat(series.get(8).path("name").asString()).isEqualTo("other");
        assertThat(series.get(8).path("values").get(0).asDouble()).isEqualTo(3.0); // 2 + 1
    }
}
