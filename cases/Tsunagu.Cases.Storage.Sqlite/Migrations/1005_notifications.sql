-- Notifications and their mail outbox: one row per (recipient, event), so a repeated event notifies and mails once.
-- mail: pending → sending (taken by one sender) → sent; a failed send goes back to pending; a crash while sending
-- leaves it sending, so it is never sent twice.

CREATE TABLE notifications (
    id          TEXT NOT NULL PRIMARY KEY,
    recipient   TEXT NOT NULL,
    kind        TEXT NOT NULL,
    case_id     TEXT NULL,
    event_key   TEXT NOT NULL,
    message     TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    read_at     TEXT NULL,
    mail        TEXT NOT NULL DEFAULT 'pending',
    mailed_at   TEXT NULL,
    UNIQUE (recipient, event_key)
);

CREATE INDEX notifications_recipient ON notifications (recipient, created_at);
CREATE INDEX notifications_mail ON notifications (mail, created_at);
