-- Idempotency-Key reservations per user; status and body are the answer, null while the request runs.
CREATE TABLE idempotency_keys (
    user_id    nvarchar(200)     NOT NULL,
    [key]      nvarchar(200)     NOT NULL,
    request    nvarchar(max)     NOT NULL,
    created_at datetimeoffset(7) NOT NULL,
    status     int               NULL,
    body       nvarchar(max)     NULL,
    PRIMARY KEY (user_id, [key])
);
