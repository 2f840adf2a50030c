package dev.baton.dialect;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Rewrites one top-level string field of a JSON object in its bytes, leaving every other byte as it came. A
 * same-dialect body whose tree Baton did not change goes upstream this way: the caller's bytes with the model
 * spliced in, instead of the tree serialized again (which costs as much as parsing it).
 */
public final class JsonSplice {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private JsonSplice() {
    }

    /**
     * The object's bytes with the value of top-level {@code key} replaced by the JSON string {@code value}, or null
     * when that cannot be done safely: the bytes are not an object, the key is missing, appears more than once, is
     * written with escapes, or its value is not a string. The caller then serializes its tree instead.
     */
    public static byte[] withTopLevelString(byte[] json, String key, String value) {
        byte[] k = key.getBytes(StandardCharsets.UTF_8);
        int n = json.length;
        int i = skipSpace(json, 0);
        if (i >= n || json[i] != '{') return null;
        int depth = 0;
        boolean expectKey = false;
        int valueStart = -1;
        int valueEnd = -1;
        for (; i < n; i++) {
            byte b = json[i];
            if (b == '"') {
                int end = stringEnd(json, i);
                if (end < 0) return null;
                if (depth == 1 && expectKey) {
                    expectKey = false;
                    if (end - i - 1 == k.length && regionEquals(json, i + 1, k)) {
                        if (valueStart >= 0) return null; // duplicate key: which one wins is the parser's business
                        int v = skipSpace(json, end + 1);
                        if (v >= n || json[v] != ':') return null;
                        v = skipSpace(json, v + 1);
                        if (v >= n || json[v] != '"') return null;
                        valueStart = v;
                        valueEnd = stringEnd(json, v);
                        if (valueEnd < 0) return null;
                        i = valueEnd;
                        continue;
                    }
                }
                i = end;
            } else if (b == '{' || b == '[') {
                depth++;
                if (depth == 1) expectKey = true;
            } else if (b == '}' || b == ']') {
                depth--;
            } else if (b == ',' && depth == 1) {
                expectKey = true;
            }
        }
        if (valueStart < 0) return null;
        byte[] quoted = Json.MAPPER.writeValueAsBytes(value);
        byte[] out = new byte[n - (valueEnd + 1 - valueStart) + quoted.length];
        System.arraycopy(json, 0, out, 0, valueStart);
        System.arraycopy(quoted, 0, out, valueStart, quoted.length);
        System.arraycopy(json, valueEnd + 1, out, valueStart + quoted.length, n - valueEnd - 1);
        return out;
    }

    /**
     * The index of the closing quote of the string opening at {@code start}, or -1. Most of a request's bytes are
     * inside strings, so this skips eight bytes at a time while none of them is a quote or a backslash.
     */
    private static int stringEnd(byte[] json, int start) {
        int n = json.length;
        int i = start + 1;
        while (i < n) {
            while (i + 8 <= n) {
                long w = (long) LONGS.get(json, i);
                long q = w ^ 0x2222222222222222L;
                long s = w ^ 0x5C5C5C5C5C5C5C5CL;
                long found = ((q - 0x0101010101010101L) & ~q | (s - 0x0101010101010101L) & ~s) & 0x8080808080808080L;
                if (found != 0) { // the lowest flagged byte is a real quote or backslash
                    i += Long.numberOfTrailingZeros(found) >>> 3;
                    break;
                }
                i += 8;
            }
            if (i >= n) return -1;
            byte b = json[i];
            if (b == '"') return i;
            i += b == '\\' ? 2 : 1;
        }
        return -1;
    }

    private static boolean regionEquals(byte[] json, int at, byte[] k) {
        for (int j = 0; j < k.length; j++) if (json[at + j] != k[j]) return false;
        return true;
    }

    private static int skipSpace(byte[] json, int i) {
        while (i < json.length && (json[i] == ' ' || json[i] == '\n' || json[i] == '\r' || json[i] == '\t')) i++;
        return i;
    }
}
