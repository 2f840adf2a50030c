package dev.baton.store;

import java.util.ArrayList;
import java.util.List;

/**
 * Which usage records the dashboard's request list shows; a null field does not filter.
 *
 * @param model      the model asked for, its group or the upstream model that served
 * @param deployment the deployment that served
 * @param keyAlias   the virtual key's alias
 * @param session    the session
 * @param errorsOnly only requests the caller got a non-200 answer for
 * @param fallbacks  only requests that tried more than one deployment
 * @param sinceMs    only records at or after this time (epoch ms); 0 for all
 */
public record UsageFilter(String model, String deployment, String keyAlias, String session, boolean errorsOnly, boolean fallbacks,
                          long sinceMs) {
    public static final UsageFilter NONE = new UsageFilter(null, null, null, null, false, false, 0);

    /** The WHERE clause ("" when nothing filters) and its parameters, in order. */
    String where(List<Object> params) {
        List<String> terms = new ArrayList<>();
        if (sinceMs > 0) {
            terms.add("at_ms >= ?");
            params.add(sinceMs);
        }
        if (model != null) {
            terms.add("(requested_model = ? OR model_group = ? OR upstream_model = ?)");
            params.add(model);
            params.add(model);
            params.add(model);
        }
        equal(terms, params, "deployment", deployment);
        equal(terms, params, "key_alias", keyAlias);
        equal(terms, params, "session", session);
        if (errorsOnly) terms.add("status <> 200");
        if (fallbacks) terms.add("attempts > 1");
        return terms.isEmpty() ? "" : " WHERE " + String.join(" AND ", terms);
    }

    private static void equal(List<String> terms, List<Object> params, String column, String value) {
        if (value == null) return;
        terms.add(column + " = ?");
        params.add(value);
    }
}
