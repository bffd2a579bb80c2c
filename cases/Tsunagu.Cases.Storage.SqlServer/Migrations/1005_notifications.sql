-- Notifications and their mail outbox: one row per (recipient, event), so a repeated event notifies and mails once.
-- mail: pending → sending (taken by one sender) → sent; a failed send goes back to pending; a crash while sending
-- leaves it sending, so it is never sent twice.

CREATE TABLE notifications (
    id          nvarchar(400)     NOT NULL PRIMARY KEY,
    recipient   nvarchar(400)     NOT NULL,
    kind        nvarchar(400)     NOT NULL,
    case_id     nvarchar(400)     NULL,
    event_key   nvarchar(400)     NOT NULL,
    message     nvarchar(max)     NOT NULL,
    created_at  datetimeoffset(7) NOT NULL,
    read_at     datetimeoffset(7) NULL,
    mail        nvarchar(32)      NOT NULL DEFAULT 'pending',
    mailed_at   datetimeoffset(7) NULL,
    CONSTRAINT uq_notifications_event UNIQUE (recipient, event_key)
);

CREATE INDEX notifications_recipient ON notifications (recipient, created_at);
CREATE INDEX notifications_mail ON notifications (mail, created_at);
