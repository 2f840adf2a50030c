package dev.baton.store;

/** How `baton spend` and `GET /stats` group usage records. */
public enum SpendGrouping {
    MODEL("COALESCE(upstream_model, requested_model)"),
    PROVIDER("COALESCE(provider, '-')"),
    KEY("COALESCE(key_hash, '-')"),
    SESSION("COALESCE(session, '-')"),
    DAY("at_ms / 86400000");

    final String expression;

    SpendGrouping(String expression) {
        this.expression = expression;
    }
}
