-- Platform: the append-only audit log and background jobs.

CREATE TABLE audit_log (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at          timestamptz NOT NULL DEFAULT now(),
  actor_id    uuid,
  actor_role  text,
  action      text NOT NULL,            -- e.g. member.create, member.reveal, members.import
  entity      text NOT NULL,            -- e.g. member, union, account
  entity_id   text,
  union_id    uuid,                     -- the union the record belongs to, for scoped audit views
  reason      text,
  detail      jsonb NOT NULL DEFAULT '{}'::jsonb,
  request_id  text,
  ip          text
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id);
CREATE INDEX audit_log_actor_idx ON audit_log (actor_id, at);
CREATE INDEX audit_log_at_idx ON audit_log (at);

-- Append-only: the log is evidence, so nothing may change or remove a row.
CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_is_append_only();
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();

-- Long-running work (imports) reports progress here so a page can show a progress bar.
CREATE TABLE jobs (
  id           uuid PRIMARY KEY,
  kind         text NOT NULL,
  status       text NOT NULL CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
  created_by   uuid,
  union_id     uuid,
  params       jsonb NOT NULL DEFAULT '{}'::jsonb,
  total        integer NOT NULL DEFAULT 0,
  processed    integer NOT NULL DEFAULT 0,
  result       jsonb NOT NULL DEFAULT '{}'::jsonb,
  message      text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  updated_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX jobs_created_by_idx ON jobs (created_by, created_at);
