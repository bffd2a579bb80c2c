-- Idempotency-Key reservations per user; status and body are the answer, null while the request runs.
CREATE TABLE idempotency_keys (
    user_id    TEXT    NOT NULL,
    key        TEXT    NOT NULL,
    request    TEXT    NOT NULL,
    created_at TEXT    NOT NULL,
    status     INTEGER NULL,
    body       TEXT    NULL,
    PRIMARY KEY (user_id, key)
);
