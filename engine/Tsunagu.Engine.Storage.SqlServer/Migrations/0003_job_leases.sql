-- A claimed job is leased to one host until lease_until; the others skip it until then.
ALTER TABLE jobs ADD lease_until datetimeoffset(7) NULL;
