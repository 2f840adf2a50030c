-- One row per request that reached routing (served or not), with its path through the deployments.
CREATE TABLE usage_records (
    id                     INTEGER PRIMARY KEY AUTOINCREMENT,
    at_ms                  BIGINT  NOT NULL,
    key_hash               TEXT,
    key_alias              TEXT,
    session                TEXT,
    requested_model        TEXT    NOT NULL,
    model_group            TEXT,
    deployment             TEXT,
    provider               TEXT,
    upstream_model         TEXT,
    status                 INTEGER NOT NULL,
    stream                 INTEGER NOT NULL,
    attempts               INTEGER NOT NULL,
    attempt_path           TEXT,
    latency_ms             BIGINT  NOT NULL,
    ttft_ms                BIGINT,
    input_tokens           BIGINT  NOT NULL,
    output_tokens          BIGINT  NOT NULL,
    cache_read_tokens      BIGINT  NOT NULL,
    cache_write_5m_tokens  BIGINT  NOT NULL,
    cache_write_1h_tokens  BIGINT  NOT NULL,
    cost_usd               DOUBLE PRECISION NOT NULL
);
CREATE INDEX usage_records_at ON usage_records (at_ms);
CREATE INDEX usage_records_key_at ON usage_records (key_hash, at_ms);

-- Virtual keys: only the SHA-256 of a key is kept; the key itself is shown once, when it is made.
CREATE TABLE virtual_keys (
    key_hash         TEXT PRIMARY KEY,
    key_name         TEXT   NOT NULL,
    key_alias        TEXT,
    models           TEXT   NOT NULL,
    max_budget       DOUBLE PRECISION,
    budget_duration  TEXT,
    rpm_limit        INTEGER,
    tpm_limit        INTEGER,
    created_at       BIGINT NOT NULL,
    expires_at       BIGINT,
    revoked_at       BIGINT
);
CREATE INDEX virtual_keys_alias ON virtual_keys (key_alias);

-- One row per run of a usage writer: how many records it wrote, so a crashed run's losses can be counted.
CREATE TABLE usage_writer_runs (
    run_id      TEXT PRIMARY KEY,
    host        TEXT,
    pid         BIGINT,
    started_at  BIGINT NOT NULL,
    ended_at    BIGINT,
    written     BIGINT NOT NULL DEFAULT 0,
    lost        BIGINT
);
