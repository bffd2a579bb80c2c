-- Idempotency-Key reservations per user; status and body are the answer, null while the request runs.
-- "key" is quoted: SQL Server reserves the word.
CREATE TABLE idempotency_keys (
    user_id    {id}   NOT NULL,
    "key"      {id}   NOT NULL,
    request    {doc}  NOT NULL,
    created_at {time} NOT NULL,
    status     {int}  NULL,
    body       {doc}  NULL,
    PRIMARY KEY (user_id, "key")
);
