package dev.baton.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonSpliceTest {

    private static String splice(String json, String model) {
        byte[] out = JsonSplice.withTopLevelString(json.getBytes(StandardCharsets.UTF_8), "model", model);
        return out == null ? null : new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void replacesOnlyTheTopLevelModelAndKeepsEveryOtherByte() {
        String json = " {\"messages\":[{\"role\":\"user\",\"content\":\"say \\\"model\\\": \\\"x\\\"\",\"model\":\"inner\"}],"
                + "\"metadata\":{\"model\":\"meta\"}, \"model\" : \"claude-sonnet-4-5\" ,\"stream\":true,\"é\":\"ü\"}\n";
        assertThat(splice(json, "claude-sonnet-4-5-20250929")).isEqualTo(json.replace("\"claude-sonnet-4-5\"", "\"claude-sonnet-4-5-20250929\""));
    }

    @Test
    void escapesTheNewValue() {
        assertThat(splice("{\"model\":\"a\"}", "we\"ird\\")).isEqualTo("{\"model\":\"we\\\"ird\\\\\"}");
    }

    @Test
    void declinesWhatItCannotDoSafely() {
        assertThat(splice("{\"model\":\"a\",\"model\":\"b\"}", "m")).as("duplicate key").isNull();
        assertThat(splice("{\"mod\\u0065l\":\"a\"}", "m")).as("escaped key").isNull();
        assertThat(splice("{\"model\":7}", "m")).as("not a string").isNull();
        assertThat(splice("{\"messages\":[]}", "m")).as("missing").isNull();
        assertThat(splice("[{\"model\":\"a\"}]", "m")).as("not an object").isNull();
        assertThat(splice("{\"model\":\"unterminated}", "m")).as("broken").isNull();
    }

    @Test
    void aValueThatLooksLikeTheKeyIsNotTheKey() {
        assertThat(splice("{\"x\":\"model\",\"model\":\"a\"}", "b")).isEqualTo("{\"x\":\"model\",\"model\":\"b\"}");
    }
}
