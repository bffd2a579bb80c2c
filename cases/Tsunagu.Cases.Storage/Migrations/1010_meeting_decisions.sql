-- How many of a meeting's decisions are recorded but not yet confirmed on their case (ADR 0025): the start-up sweep
-- finishes those meetings. NULL on meetings from before: their decisions were applied in the same request.
ALTER TABLE meetings ADD pending_decisions {int} NULL;
