-- Idempotency-Key reservations per user; status and body are the answer, null while the request runs.
CREATE TABLE idempotency_keys (
    user_id    text        NOT NULL,
    key        text        NOT NULL,
    request    text        NOT NULL,
    created_at timestamptz NOT NULL,
    status     integer     NULL,
    body       text        NULL,
    PRIMARY KEY (user_id, key)
);
