-- Mutual aid (互助保障): schemes and their versioned coverage rules, the working-day calendar, incidents, claims with
-- their documents and events, review settings, the notification outbox, payout batches with their ledger, and the
-- history of payouts made before this system.

-- Public holidays and the weekend days worked in their place (调休); a date without a row follows Monday–Friday.
CREATE TABLE aid_holidays (
  date        date PRIMARY KEY,
  kind        text NOT NULL CHECK (kind IN ('holiday', 'workday')),
  name        text NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  uuid
);

CREATE TABLE aid_schemes (
  id          uuid PRIMARY KEY,
  code        text NOT NULL UNIQUE,
  name        text NOT NULL,
  name_en     text NOT NULL DEFAULT '',
  since       date NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE aid_coverages (
  id          uuid PRIMARY KEY,
  scheme_id   uuid NOT NULL REFERENCES aid_schemes (id),
  code        text NOT NULL UNIQUE,
  name        text NOT NULL,
  name_en     text NOT NULL DEFAULT '',
  sort_order  integer NOT NULL DEFAULT 0,
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- A claim is judged by the version in force on its incident date; versions of a coverage never overlap (the
-- service closes the previous one when it adds the next).
CREATE TABLE aid_coverage_versions (
  id              uuid PRIMARY KEY,
  coverage_id     uuid NOT NULL REFERENCES aid_coverages (id),
  effective_from  date NOT NULL,
  effective_to    date,
  rule            jsonb NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  created_by      uuid,
  UNIQUE (coverage_id, effective_from),
  CHECK (effective_to IS NULL OR effective_to >= effective_from)
);

-- One row: how reviews are sampled and how long each queue may take (working days).
CREATE TABLE aid_review_settings (
  id                            boolean PRIMARY KEY DEFAULT true CHECK (id),
  sample_percent                integer NOT NULL DEFAULT 10 CHECK (sample_percent BETWEEN 0 AND 100),
  second_review_threshold_fen   bigint NOT NULL DEFAULT 1000000 CHECK (second_review_threshold_fen >= 0),
  check_sla_days                integer NOT NULL DEFAULT 5 CHECK (check_sla_days > 0),
  decide_sla_days               integer NOT NULL DEFAULT 10 CHECK (decide_sla_days > 0),
  updated_at                    timestamptz NOT NULL DEFAULT now(),
  updated_by                    uuid
);
INSERT INTO aid_review_settings DEFAULT VALUES;

-- One event that may harm several members (a burst pipe floods the flats below): their claims share it.
CREATE TABLE aid_incidents (
  id             uuid PRIMARY KEY,
  ref            text NOT NULL UNIQUE,
  coverage_id    uuid NOT NULL REFERENCES aid_coverages (id),
  incident_date  date NOT NULL,
  address        text NOT NULL,
  address_key    text NOT NULL,
  created_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX aid_incidents_match_idx ON aid_incidents (coverage_id, incident_date, address_key);

CREATE SEQUENCE aid_claim_no_seq;

CREATE TABLE aid_claims (
  id                      uuid PRIMARY KEY,
  claim_no                text NOT NULL UNIQUE,
  member_id               uuid NOT NULL REFERENCES members (id),
  union_id                uuid NOT NULL REFERENCES unions (id),
  union_path              text NOT NULL,            -- the member's union path when filed, for subtree filters
  coverage_id             uuid NOT NULL REFERENCES aid_coverages (id),
  coverage_version_id     uuid REFERENCES aid_coverage_versions (id),
  incident_id             uuid NOT NULL REFERENCES aid_incidents (id),
  incident_date           date NOT NULL,
  incident_address        text NOT NULL,
  description             text NOT NULL DEFAULT '',
  answers                 jsonb NOT NULL DEFAULT '{}'::jsonb,
  claimed_loss_fen        bigint CHECK (claimed_loss_fen >= 0),
  claimed_days            integer CHECK (claimed_days >= 0),
  assessed_loss_fen       bigint CHECK (assessed_loss_fen >= 0),
  assessed_days           integer CHECK (assessed_days >= 0),
  approved_amount_fen     bigint CHECK (approved_amount_fen >= 0),
  status                  text NOT NULL CHECK (status IN ('draft', 'submitted', 'workplace_checked', 'approved',
                                                          'rejected', 'returned', 'paid')),
  status_changed_at       timestamptz NOT NULL DEFAULT now(),
  filed_by                uuid NOT NULL REFERENCES accounts (id),
  filed_by_role           text NOT NULL,
  consent_at              timestamptz,
  consent_version         text,
  consent_by              uuid,
  diagnosis_enc           bytea,                    -- AES-256-GCM (FieldCipher), only after consent
  check_reasons           jsonb NOT NULL DEFAULT '[]'::jsonb,
  missing_documents       jsonb NOT NULL DEFAULT '[]'::jsonb,
  decision_reason         text,
  second_review_required  boolean NOT NULL DEFAULT false,
  second_review_reason    text,
  first_approved_by       uuid,
  first_approved_at       timestamptz,
  first_submitted_at      timestamptz,
  submitted_at            timestamptz,
  checked_at              timestamptz,
  decided_at              timestamptz,
  paid_at                 timestamptz,
  created_at              timestamptz NOT NULL DEFAULT now(),
  updated_at              timestamptz NOT NULL DEFAULT now(),
  CHECK (diagnosis_enc IS NULL OR consent_at IS NOT NULL)
);
-- A true duplicate (same member, same coverage, same incident date) is refused while the first claim is alive.
CREATE UNIQUE INDEX aid_claims_no_duplicate_idx ON aid_claims (member_id, coverage_id, incident_date)
  WHERE status <> 'rejected';
CREATE INDEX aid_claims_queue_idx ON aid_claims (status, union_path text_pattern_ops, status_changed_at);
CREATE INDEX aid_claims_member_idx ON aid_claims (member_id, created_at);
CREATE INDEX aid_claims_incident_idx ON aid_claims (incident_id);

CREATE TABLE aid_claim_events (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  claim_id     uuid NOT NULL REFERENCES aid_claims (id),
  at           timestamptz NOT NULL DEFAULT now(),
  actor_id     uuid,
  actor_role   text,
  action       text NOT NULL,
  from_status  text,
  to_status    text,
  reason       text,
  detail       jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX aid_claim_events_claim_idx ON aid_claim_events (claim_id, id);

CREATE TABLE aid_claim_documents (
  id            uuid PRIMARY KEY,
  claim_id      uuid NOT NULL REFERENCES aid_claims (id),
  doc_type      text NOT NULL,
  file_name     text NOT NULL,
  content_type  text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'application/pdf')),
  size_bytes    integer NOT NULL CHECK (size_bytes > 0),
  sha256        text NOT NULL,
  storage_key   text NOT NULL UNIQUE,
  uploaded_by   uuid NOT NULL,
  uploaded_at   timestamptz NOT NULL DEFAULT now(),
  deleted_at    timestamptz
);
CREATE INDEX aid_claim_documents_claim_idx ON aid_claim_documents (claim_id);

-- Outbox: a change commits its message in the same transaction; a dispatcher sends pending rows.
CREATE TABLE notifications (
  id               uuid PRIMARY KEY,
  channel          text NOT NULL CHECK (channel IN ('sms')),
  to_phone         text NOT NULL,
  template         text NOT NULL,
  params           jsonb NOT NULL DEFAULT '{}'::jsonb,
  status           text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
  attempts         integer NOT NULL DEFAULT 0,
  last_error       text,
  entity           text,
  entity_id        text,
  created_at       timestamptz NOT NULL DEFAULT now(),
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  sent_at          timestamptz
);
CREATE INDEX notifications_pending_idx ON notifications (next_attempt_at) WHERE status = 'pending';
CREATE INDEX notifications_entity_idx ON notifications (entity, entity_id);

CREATE TABLE aid_payout_batches (
  id               uuid PRIMARY KEY,
  batch_no         text NOT NULL UNIQUE,
  idempotency_key  text UNIQUE,
  status           text NOT NULL CHECK (status IN ('open', 'exported', 'reconciled')),
  claim_count      integer NOT NULL,
  total_fen        bigint NOT NULL,
  created_by       uuid NOT NULL,
  created_at       timestamptz NOT NULL DEFAULT now(),
  exported_at      timestamptz,
  reconciled_at    timestamptz
);

CREATE TABLE aid_payouts (
  id                   uuid PRIMARY KEY,
  reference            text NOT NULL UNIQUE,     -- what the bank echoes back in its return file
  batch_id             uuid NOT NULL REFERENCES aid_payout_batches (id),
  claim_id             uuid NOT NULL REFERENCES aid_claims (id),
  amount_fen           bigint NOT NULL CHECK (amount_fen > 0),
  status               text NOT NULL CHECK (status IN ('pending', 'paid', 'failed')),
  failure_reason       text,
  payee_name           text NOT NULL,
  bank_account_enc     bytea NOT NULL,
  bank_account_masked  text NOT NULL,
  bank_name            text,
  union_path           text NOT NULL,
  created_at           timestamptz NOT NULL DEFAULT now(),
  settled_at           timestamptz,
  settled_on           date
);
-- A claim is paid at most once: only a failed payout makes room for another.
CREATE UNIQUE INDEX aid_payouts_once_per_claim_idx ON aid_payouts (claim_id) WHERE status <> 'failed';
CREATE INDEX aid_payouts_batch_idx ON aid_payouts (batch_id);
CREATE INDEX aid_payouts_paid_idx ON aid_payouts (union_path text_pattern_ops, settled_on) WHERE status = 'paid';

-- Money movements per claim: +amount when a payout goes to the bank, -amount when the bank returns it failed.
-- For every claim the rows sum to what was approved once paid, and to 0 while nothing is on its way.
CREATE TABLE aid_ledger (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  claim_id    uuid NOT NULL REFERENCES aid_claims (id),
  payout_id   uuid NOT NULL REFERENCES aid_payouts (id),
  entry       text NOT NULL CHECK (entry IN ('payout', 'reversal')),
  amount_fen  bigint NOT NULL,
  at          timestamptz NOT NULL DEFAULT now(),
  UNIQUE (payout_id, entry)
);
CREATE INDEX aid_ledger_claim_idx ON aid_ledger (claim_id);

-- Payouts made before UnionCare (since 2009-08), loaded by `unioncare aid import-history`.
CREATE TABLE aid_history_imports (
  id             uuid PRIMARY KEY,
  file_name      text NOT NULL,
  file_sha256    text NOT NULL UNIQUE,
  rows           integer NOT NULL,
  beneficiaries  integer NOT NULL,
  total_fen      bigint NOT NULL,
  imported_at    timestamptz NOT NULL DEFAULT now(),
  imported_by    uuid
);

CREATE TABLE aid_payout_history (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  import_id      uuid NOT NULL REFERENCES aid_history_imports (id),
  row_number     integer NOT NULL,
  paid_on        date NOT NULL,
  scheme_code    text NOT NULL,
  coverage_code  text,
  union_id       uuid NOT NULL REFERENCES unions (id),
  union_path     text NOT NULL,
  amount_fen     bigint NOT NULL CHECK (amount_fen >= 0),
  beneficiaries  integer NOT NULL DEFAULT 1 CHECK (beneficiaries > 0),
  member_key     bytea                                  -- keyed hash of the ID number, when the file has one
);
CREATE INDEX aid_payout_history_scope_idx ON aid_payout_history (union_path text_pattern_ops, paid_on);

-- The official calendars 2021–2026 (src/domains/aid/holidays-cn.ts; a test checks the two agree).
INSERT INTO aid_holidays (date, kind, name) VALUES
  ('2021-01-01', 'holiday', '元旦'),
  ('2021-01-02', 'holiday', '元旦'),
  ('2021-01-03', 'holiday', '元旦'),
  ('2021-02-07', 'workday', '春节调休上班'),
  ('2021-02-11', 'holiday', '春节'),
  ('2021-02-12', 'holiday', '春节'),
  ('2021-02-13', 'holiday', '春节'),
  ('2021-02-14', 'holiday', '春节'),
  ('2021-02-15', 'holiday', '春节'),
  ('2021-02-16', 'holiday', '春节'),
  ('2021-02-17', 'holiday', '春节'),
  ('2021-02-20', 'workday', '春节调休上班'),
  ('2021-04-03', 'holiday', '清明节'),
  ('2021-04-04', 'holiday', '清明节'),
  ('2021-04-05', 'holiday', '清明节'),
  ('2021-04-25', 'workday', '劳动节调休上班'),
  ('2021-05-01', 'holiday', '劳动节'),
  ('2021-05-02', 'holiday', '劳动节'),
  ('2021-05-03', 'holiday', '劳动节'),
  ('2021-05-04', 'holiday', '劳动节'),
  ('2021-05-05', 'holiday', '劳动节'),
  ('2021-05-08', 'workday', '劳动节调休上班'),
  ('2021-06-12', 'holiday', '端午节'),
  ('2021-06-13', 'holiday', '端午节'),
  ('2021-06-14', 'holiday', '端午节'),
  ('2021-09-18', 'workday', '中秋节调休上班'),
  ('2021-09-19', 'holiday', '中秋节'),
  ('2021-09-20', 'holiday', '中秋节'),
  ('2021-09-21', 'holiday', '中秋节'),
  ('2021-09-26', 'workday', '国庆节调休上班'),
  ('2021-10-01', 'holiday', '国庆节'),
  ('2021-10-02', 'holiday', '国庆节'),
  ('2021-10-03', 'holiday', '国庆节'),
  ('2021-10-04', 'holiday', '国庆节'),
  ('2021-10-05', 'holiday', '国庆节'),
  ('2021-10-06', 'holiday', '国庆节'),
  ('2021-10-07', 'holiday', '国庆节'),
  ('2021-10-09', 'workday', '国庆节调休上班'),
  ('2022-01-01', 'holiday', '元旦'),
  ('2022-01-02', 'holiday', '元旦'),
  ('2022-01-03', 'holiday', '元旦'),
  ('2022-01-29', 'workday', '春节调休上班'),
  ('2022-01-30', 'workday', '春节调休上班'),
  ('2022-01-31', 'holiday', '春节'),
  ('2022-02-01', 'holiday', '春节'),
  ('2022-02-02', 'holiday', '春节'),
  ('2022-02-03', 'holiday', '春节'),
  ('2022-02-04', 'holiday', '春节'),
  ('2022-02-05', 'holiday', '春节'),
  ('2022-02-06', 'holiday', '春节'),
  ('2022-04-02', 'workday', '清明节调休上班'),
  ('2022-04-03', 'holiday', '清明节'),
  ('2022-04-04', 'holiday', '清明节'),
  ('2022-04-05', 'holiday', '清明节'),
  ('2022-04-24', 'workday', '劳动节调休上班'),
  ('2022-04-30', 'holiday', '劳动节'),
  ('2022-05-01', 'holiday', '劳动节'),
  ('2022-05-02', 'holiday', '劳动节'),
  ('2022-05-03', 'holiday', '劳动节'),
  ('2022-05-04', 'holiday', '劳动节'),
  ('2022-05-07', 'workday', '劳动节调休上班'),
  ('2022-06-03', 'holiday', '端午节'),
  ('2022-06-04', 'holiday', '端午节'),
  ('2022-06-05', 'holiday', '端午节'),
  ('2022-09-10', 'holiday', '中秋节'),
  ('2022-09-11', 'holiday', '中秋节'),
  ('2022-09-12', 'holiday', '中秋节'),
  ('2022-10-01', 'holiday', '国庆节'),
  ('2022-10-02', 'holiday', '国庆节'),
  ('2022-10-03', 'holiday', '国庆节'),
  ('2022-10-04', 'holiday', '国庆节'),
  ('2022-10-05', 'holiday', '国庆节'),
  ('2022-10-06', 'holiday', '国庆节'),
  ('2022-10-07', 'holiday', '国庆节'),
  ('2022-10-08', 'workday', '国庆节调休上班'),
  ('2022-10-09', 'workday', '国庆节调休上班'),
  ('2022-12-31', 'holiday', '元旦'),
  ('2023-01-01', 'holiday', '元旦'),
  ('2023-01-02', 'holiday', '元旦'),
  ('2023-01-21', 'holiday', '春节'),
  ('2023-01-22', 'holiday', '春节'),
  ('2023-01-23', 'holiday', '春节'),
  ('2023-01-24', 'holiday', '春节'),
  ('2023-01-25', 'holiday', '春节'),
  ('2023-01-26', 'holiday', '春节'),
  ('2023-01-27', 'holiday', '春节'),
  ('2023-01-28', 'workday', '春节调休上班'),
  ('2023-01-29', 'workday', '春节调休上班'),
  ('2023-04-05', 'holiday', '清明节'),
  ('2023-04-23', 'workday', '劳动节调休上班'),
  ('2023-04-29', 'holiday', '劳动节'),
  ('2023-04-30', 'holiday', '劳动节'),
  ('2023-05-01', 'holiday', '劳动节'),
  ('2023-05-02', 'holiday', '劳动节'),
  ('2023-05-03', 'holiday', '劳动节'),
  ('2023-05-06', 'workday', '劳动节调休上班'),
  ('2023-06-22', 'holiday', '端午节'),
  ('2023-06-23', 'holiday', '端午节'),
  ('2023-06-24', 'holiday', '端午节'),
  ('2023-06-25', 'workday', '端午节调休上班'),
  ('2023-09-29', 'holiday', '中秋节、国庆节'),
  ('2023-09-30', 'holiday', '中秋节、国庆节'),
  ('2023-10-01', 'holiday', '中秋节、国庆节'),
  ('2023-10-02', 'holiday', '中秋节、国庆节'),
  ('2023-10-03', 'holiday', '中秋节、国庆节'),
  ('2023-10-04', 'holiday', '中秋节、国庆节'),
  ('2023-10-05', 'holiday', '中秋节、国庆节'),
  ('2023-10-06', 'holiday', '中秋节、国庆节'),
  ('2023-10-07', 'workday', '国庆节调休上班'),
  ('2023-10-08', 'workday', '国庆节调休上班'),
  ('2023-12-30', 'holiday', '元旦'),
  ('2023-12-31', 'holiday', '元旦'),
  ('2024-01-01', 'holiday', '元旦'),
  ('2024-02-04', 'workday', '春节调休上班'),
  ('2024-02-10', 'holiday', '春节'),
  ('2024-02-11', 'holiday', '春节'),
  ('2024-02-12', 'holiday', '春节'),
  ('2024-02-13', 'holiday', '春节'),
  ('2024-02-14', 'holiday', '春节'),
  ('2024-02-15', 'holiday', '春节'),
  ('2024-02-16', 'holiday', '春节'),
  ('2024-02-17', 'holiday', '春节'),
  ('2024-02-18', 'workday', '春节调休上班'),
  ('2024-04-04', 'holiday', '清明节'),
  ('2024-04-05', 'holiday', '清明节'),
  ('2024-04-06', 'holiday', '清明节'),
  ('2024-04-07', 'workday', '清明节调休上班'),
  ('2024-04-28', 'workday', '劳动节调休上班'),
  ('2024-05-01', 'holiday', '劳动节'),
  ('2024-05-02', 'holiday', '劳动节'),
  ('2024-05-03', 'holiday', '劳动节'),
  ('2024-05-04', 'holiday', '劳动节'),
  ('2024-05-05', 'holiday', '劳动节'),
  ('2024-05-11', 'workday', '劳动节调休上班'),
  ('2024-06-08', 'holiday', '端午节'),
  ('2024-06-09', 'holiday', '端午节'),
  ('2024-06-10', 'holiday', '端午节'),
  ('2024-09-14', 'workday', '中秋节调休上班'),
  ('2024-09-15', 'holiday', '中秋节'),
  ('2024-09-16', 'holiday', '中秋节'),
  ('2024-09-17', 'holiday', '中秋节'),
  ('2024-09-29', 'workday', '国庆节调休上班'),
  ('2024-10-01', 'holiday', '国庆节'),
  ('2024-10-02', 'holiday', '国庆节'),
  ('2024-10-03', 'holiday', '国庆节'),
  ('2024-10-04', 'holiday', '国庆节'),
  ('2024-10-05', 'holiday', '国庆节'),
  ('2024-10-06', 'holiday', '国庆节'),
  ('2024-10-07', 'holiday', '国庆节'),
  ('2024-10-12', 'workday', '国庆节调休上班'),
  ('2025-01-01', 'holiday', '元旦'),
  ('2025-01-26', 'workday', '春节调休上班'),
  ('2025-01-28', 'holiday', '春节'),
  ('2025-01-29', 'holiday', '春节'),
  ('2025-01-30', 'holiday', '春节'),
  ('2025-01-31', 'holiday', '春节'),
  ('2025-02-01', 'holiday', '春节'),
  ('2025-02-02', 'holiday', '春节'),
  ('2025-02-03', 'holiday', '春节'),
  ('2025-02-04', 'holiday', '春节'),
  ('2025-02-08', 'workday', '春节调休上班'),
  ('2025-04-04', 'holiday', '清明节'),
  ('2025-04-05', 'holiday', '清明节'),
  ('2025-04-06', 'holiday', '清明节'),
  ('2025-04-27', 'workday', '劳动节调休上班'),
  ('2025-05-01', 'holiday', '劳动节'),
  ('2025-05-02', 'holiday', '劳动节'),
  ('2025-05-03', 'holiday', '劳动节'),
  ('2025-05-04', 'holiday', '劳动节'),
  ('2025-05-05', 'holiday', '劳动节'),
  ('2025-05-31', 'holiday', '端午节'),
  ('2025-06-01', 'holiday', '端午节'),
  ('2025-06-02', 'holiday', '端午节'),
  ('2025-09-28', 'workday', '国庆节调休上班'),
  ('2025-10-01', 'holiday', '国庆节、中秋节'),
  ('2025-10-02', 'holiday', '国庆节、中秋节'),
  ('2025-10-03', 'holiday', '国庆节、中秋节'),
  ('2025-10-04', 'holiday', '国庆节、中秋节'),
  ('2025-10-05', 'holiday', '国庆节、中秋节'),
  ('2025-10-06', 'holiday', '国庆节、中秋节'),
  ('2025-10-07', 'holiday', '国庆节、中秋节'),
  ('2025-10-08', 'holiday', '国庆节、中秋节'),
  ('2025-10-11', 'workday', '国庆节调休上班'),
  ('2026-01-01', 'holiday', '元旦'),
  ('2026-01-02', 'holiday', '元旦'),
  ('2026-01-03', 'holiday', '元旦'),
  ('2026-01-04', 'workday', '元旦调休上班'),
  ('2026-02-14', 'workday', '春节调休上班'),
  ('2026-02-15', 'holiday', '春节'),
  ('2026-02-16', 'holiday', '春节'),
  ('2026-02-17', 'holiday', '春节'),
  ('2026-02-18', 'holiday', '春节'),
  ('2026-02-19', 'holiday', '春节'),
  ('2026-02-20', 'holiday', '春节'),
  ('2026-02-21', 'holiday', '春节'),
  ('2026-02-22', 'holiday', '春节'),
  ('2026-02-23', 'holiday', '春节'),
  ('2026-02-28', 'workday', '春节调休上班'),
  ('2026-04-04', 'holiday', '清明节'),
  ('2026-04-05', 'holiday', '清明节'),
  ('2026-04-06', 'holiday', '清明节'),
  ('2026-05-01', 'holiday', '劳动节'),
  ('2026-05-02', 'holiday', '劳动节'),
  ('2026-05-03', 'holiday', '劳动节'),
  ('2026-05-04', 'holiday', '劳动节'),
  ('2026-05-05', 'holiday', '劳动节'),
  ('2026-05-09', 'workday', '劳动节调休上班'),
  ('2026-06-19', 'holiday', '端午节'),
  ('2026-06-20', 'holiday', '端午节'),
  ('2026-06-21', 'holiday', '端午节'),
  ('2026-09-20', 'workday', '国庆节调休上班'),
  ('2026-09-25', 'holiday', '中秋节'),
  ('2026-09-26', 'holiday', '中秋节'),
  ('2026-09-27', 'holiday', '中秋节'),
  ('2026-10-01', 'holiday', '国庆节'),
  ('2026-10-02', 'holiday', '国庆节'),
  ('2026-10-03', 'holiday', '国庆节'),
  ('2026-10-04', 'holiday', '国庆节'),
  ('2026-10-05', 'holiday', '国庆节'),
  ('2026-10-06', 'holiday', '国庆节'),
  ('2026-10-07', 'holiday', '国庆节'),
  ('2026-10-10', 'workday', '国庆节调休上班');
