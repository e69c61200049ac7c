-- The last TOTP time step accepted for an account: a code is accepted only for a later step, so a code seen over a
-- shoulder cannot open a second session within its 90-second window (RFC 6238 §5.2).
ALTER TABLE accounts ADD COLUMN totp_last_step bigint;
