-- Notifications and their mail outbox: one row per (recipient, event), so a repeated event notifies and mails once.
-- mail: pending → sending (taken by one sender) → sent; a failed send goes back to pending; a crash while sending
-- leaves it sending, so it is never sent twice.

CREATE TABLE notifications (
    id          {id}   NOT NULL PRIMARY KEY,
    recipient   {id}   NOT NULL,
    kind        {text} NOT NULL,
    case_id     {id}   NULL,
    event_key   {text} NOT NULL,
    message     {doc}  NOT NULL,
    created_at  {time} NOT NULL,
    read_at     {time} NULL,
    mail        {text} NOT NULL DEFAULT 'pending',
    mailed_at   {time} NULL,
    UNIQUE (recipient, event_key)
);

CREATE INDEX notifications_recipient ON notifications (recipient, created_at);
CREATE INDEX notifications_mail ON notifications (mail, created_at);
