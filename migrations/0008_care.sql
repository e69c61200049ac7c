-- Care and benefits (关爱/普惠): stock of items and kits, receipts, an append-only stock ledger, distributions with
-- hand-overs and confirmations, care activities (送清凉), competitions, supervision visits and volunteering.
-- Every staff-facing table carries union_path (copy of unions.path) so subtree filters need no join.

-- ---- items and kits ----------------------------------------------------------------------------------------------

CREATE TABLE care_items (
  id          uuid PRIMARY KEY,
  name        text NOT NULL UNIQUE CHECK (char_length(name) BETWEEN 1 AND 100),
  unit        text NOT NULL CHECK (char_length(unit) BETWEEN 1 AND 10),
  kind        text NOT NULL CHECK (kind IN ('item', 'kit')),
  created_by  uuid REFERENCES accounts (id),
  created_at  timestamptz NOT NULL DEFAULT now()
);

-- A kit's bill of items (健身大礼包 = 1 basketball + 1 hula hoop + …). Kits are held and handed out as whole units.
CREATE TABLE care_kit_components (
  kit_id    uuid NOT NULL REFERENCES care_items (id),
  item_id   uuid NOT NULL REFERENCES care_items (id),
  quantity  integer NOT NULL CHECK (quantity > 0),
  PRIMARY KEY (kit_id, item_id),
  CHECK (kit_id <> item_id)
);

-- ---- receipts, stock and the ledger ------------------------------------------------------------------------------

CREATE TABLE care_receipts (
  id              uuid PRIMARY KEY,
  union_id        uuid NOT NULL REFERENCES unions (id),
  union_path      text NOT NULL,
  source          text NOT NULL CHECK (source IN ('purchase', 'donation')),
  funding_source  text NOT NULL CHECK (char_length(funding_source) BETWEEN 1 AND 100),
  supplier        text CHECK (char_length(supplier) <= 100),
  received_on     date NOT NULL,
  note            text CHECK (char_length(note) <= 500),
  created_by      uuid REFERENCES accounts (id),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX care_receipts_scope_idx ON care_receipts (union_path text_pattern_ops, received_on);

CREATE TABLE care_receipt_lines (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  receipt_id  uuid NOT NULL REFERENCES care_receipts (id),
  item_id     uuid NOT NULL REFERENCES care_items (id),
  quantity    integer NOT NULL CHECK (quantity > 0),
  batch       text CHECK (char_length(batch) <= 50)
);
CREATE INDEX care_receipt_lines_receipt_idx ON care_receipt_lines (receipt_id);

-- The balance per holding union and item. It changes only in the same transaction as a ledger insert, by an atomic
-- UPDATE on the locked row; the CHECK is the last word: stock never goes negative, whatever the application does.
CREATE TABLE care_stock (
  union_id             uuid NOT NULL REFERENCES unions (id),
  item_id              uuid NOT NULL REFERENCES care_items (id),
  union_path           text NOT NULL,
  quantity             integer NOT NULL DEFAULT 0 CHECK (quantity >= 0),
  low_stock_threshold  integer CHECK (low_stock_threshold >= 0),
  updated_at           timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (union_id, item_id)
);
CREATE INDEX care_stock_scope_idx ON care_stock (union_path text_pattern_ops);

-- The stock ledger: one row per change of a balance, signed (+ into the union's stock, − out of it).
CREATE TABLE care_movements (
  id                    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at                    timestamptz NOT NULL DEFAULT now(),
  union_id              uuid NOT NULL REFERENCES unions (id),
  union_path            text NOT NULL,
  item_id               uuid NOT NULL REFERENCES care_items (id),
  kind                  text NOT NULL CHECK (kind IN ('receipt', 'transfer_out', 'transfer_in', 'handover', 'return',
                                                      'correction')),
  quantity              integer NOT NULL CHECK (quantity <> 0),
  batch                 text,
  ref_type              text CHECK (ref_type IN ('receipt', 'handover', 'return', 'activity_handout', 'correction')),
  ref_id                uuid,
  corrects_movement_id  bigint REFERENCES care_movements (id),
  actor_id              uuid REFERENCES accounts (id),
  note                  text CHECK (char_length(note) <= 500),
  CHECK (kind <> 'receipt' OR quantity > 0),
  CHECK (kind NOT IN ('transfer_out', 'handover') OR quantity < 0),
  CHECK (kind <> 'transfer_in' OR quantity > 0),
  CHECK (corrects_movement_id IS NULL OR kind = 'correction'),
  CHECK (kind <> 'correction' OR note IS NOT NULL)
);
CREATE INDEX care_movements_stock_idx ON care_movements (union_id, item_id, id);
CREATE INDEX care_movements_scope_idx ON care_movements (union_path text_pattern_ops, id);
CREATE INDEX care_movements_ref_idx ON care_movements (ref_type, ref_id);
COMMENT ON TABLE care_movements IS 'append-only stock ledger: corrections are new rows (kind correction)';

-- Append-only: a past movement is evidence; mistakes are corrected by new movements that reference them.
CREATE FUNCTION care_movements_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'care_movements is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER care_movements_no_update BEFORE UPDATE OR DELETE ON care_movements
  FOR EACH ROW EXECUTE FUNCTION care_movements_is_append_only();
CREATE TRIGGER care_movements_no_truncate BEFORE TRUNCATE ON care_movements
  FOR EACH STATEMENT EXECUTE FUNCTION care_movements_is_append_only();

-- ---- distributions -----------------------------------------------------------------------------------------------

CREATE TABLE care_distributions (
  id               uuid PRIMARY KEY,
  title            text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 100),
  from_union_id    uuid NOT NULL REFERENCES unions (id),
  from_union_path  text NOT NULL,
  item_id          uuid NOT NULL REFERENCES care_items (id),
  note             text CHECK (char_length(note) <= 500),
  created_by       uuid REFERENCES accounts (id),
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX care_distributions_scope_idx ON care_distributions (from_union_path text_pattern_ops, created_at);

-- One recipient per line: a child union (its staff receive the stock) or a member. The counters move with the
-- hand-overs, confirmations and returns, in their transactions; the CHECKs keep them consistent.
CREATE TABLE care_distribution_lines (
  id               uuid PRIMARY KEY,
  distribution_id  uuid NOT NULL REFERENCES care_distributions (id),
  position         integer NOT NULL,
  to_union_id      uuid REFERENCES unions (id),
  to_member_id     uuid REFERENCES members (id),
  planned          integer NOT NULL CHECK (planned > 0),
  delivered        integer NOT NULL DEFAULT 0 CHECK (delivered >= 0),
  confirmed        integer NOT NULL DEFAULT 0 CHECK (confirmed >= 0),
  returned         integer NOT NULL DEFAULT 0 CHECK (returned >= 0),
  CHECK ((to_union_id IS NULL) <> (to_member_id IS NULL)),
  CHECK (returned <= delivered),
  CHECK (confirmed <= delivered),
  CHECK (delivered - returned <= planned)
);
CREATE INDEX care_distribution_lines_dist_idx ON care_distribution_lines (distribution_id, position);
CREATE UNIQUE INDEX care_distribution_lines_union_idx ON care_distribution_lines (distribution_id, to_union_id)
  WHERE to_union_id IS NOT NULL;
CREATE UNIQUE INDEX care_distribution_lines_member_idx ON care_distribution_lines (distribution_id, to_member_id)
  WHERE to_member_id IS NOT NULL;
CREATE INDEX care_distribution_lines_to_member_idx ON care_distribution_lines (to_member_id) WHERE to_member_id IS NOT NULL;

-- A hand-over of part (or all) of a line. Confirmed either by the receiver's signature on the spot, by the member
-- scanning the single-use QR token, or by a representative of the receiving union; the token is cleared when used.
CREATE TABLE care_handovers (
  id               uuid PRIMARY KEY,
  distribution_id  uuid NOT NULL REFERENCES care_distributions (id),
  line_id          uuid NOT NULL REFERENCES care_distribution_lines (id),
  quantity         integer NOT NULL CHECK (quantity > 0),
  handed_over_by   text CHECK (char_length(handed_over_by) <= 50),
  signed_name      text CHECK (char_length(signed_name) <= 50),
  signature_svg    text,
  signature_png    text,
  confirm_token    text UNIQUE,
  confirmed_at     timestamptz,
  confirmed_by     uuid REFERENCES accounts (id),
  confirm_method   text CHECK (confirm_method IN ('signature', 'qr', 'representative')),
  created_by       uuid REFERENCES accounts (id),
  at               timestamptz NOT NULL DEFAULT now(),
  CHECK ((confirmed_at IS NULL) = (confirm_method IS NULL)),
  CHECK (confirm_token IS NULL OR confirmed_at IS NULL)
);
CREATE INDEX care_handovers_line_idx ON care_handovers (line_id, at);
CREATE INDEX care_handovers_dist_idx ON care_handovers (distribution_id, at);

CREATE TABLE care_returns (
  id               uuid PRIMARY KEY,
  distribution_id  uuid NOT NULL REFERENCES care_distributions (id),
  line_id          uuid NOT NULL REFERENCES care_distribution_lines (id),
  quantity         integer NOT NULL CHECK (quantity > 0),
  reason           text NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 500),
  created_by       uuid REFERENCES accounts (id),
  at               timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX care_returns_line_idx ON care_returns (line_id);

-- ---- care activities (送清凉 …) -----------------------------------------------------------------------------------

-- places: [{ name, stationCode?, lng?, lat? }] (WGS-84); teams: [{ name, leader, members: [] }]
CREATE TABLE care_activities (
  id          uuid PRIMARY KEY,
  union_id    uuid NOT NULL REFERENCES unions (id),
  union_path  text NOT NULL,
  title       text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 100),
  kind        text NOT NULL CHECK (kind IN ('summer_relief', 'winter_warmth', 'festival_visit', 'health', 'other')),
  starts_on   date NOT NULL,
  ends_on     date NOT NULL,
  places      jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(places) = 'array'),
  teams       jsonb NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(teams) = 'array'),
  notes       text CHECK (char_length(notes) <= 5000),
  created_by  uuid REFERENCES accounts (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on >= starts_on)
);
CREATE INDEX care_activities_scope_idx ON care_activities (union_path text_pattern_ops, starts_on);
CREATE INDEX care_activities_period_idx ON care_activities (starts_on, ends_on);

CREATE TABLE care_activity_handouts (
  id           uuid PRIMARY KEY,
  activity_id  uuid NOT NULL REFERENCES care_activities (id),
  item_id      uuid NOT NULL REFERENCES care_items (id),
  quantity     integer NOT NULL CHECK (quantity > 0),
  place_name   text NOT NULL,
  handed_on    date NOT NULL,
  movement_id  bigint NOT NULL REFERENCES care_movements (id),
  created_by   uuid REFERENCES accounts (id),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX care_activity_handouts_activity_idx ON care_activity_handouts (activity_id);

CREATE TABLE care_activity_reach (
  id           uuid PRIMARY KEY,
  activity_id  uuid NOT NULL REFERENCES care_activities (id),
  day          date NOT NULL,
  place_name   text NOT NULL,
  people       integer NOT NULL CHECK (people > 0),
  created_by   uuid REFERENCES accounts (id),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX care_activity_reach_activity_idx ON care_activity_reach (activity_id);

CREATE TABLE care_activity_photos (
  id            uuid PRIMARY KEY,
  activity_id   uuid NOT NULL REFERENCES care_activities (id),
  file_key      text NOT NULL UNIQUE,
  content_type  text NOT NULL,
  size_bytes    integer NOT NULL CHECK (size_bytes > 0),
  caption       text CHECK (char_length(caption) <= 200),
  created_by    uuid REFERENCES accounts (id),
  created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX care_activity_photos_activity_idx ON care_activity_photos (activity_id);

-- ---- competitions and supervision --------------------------------------------------------------------------------

CREATE TABLE care_competitions (
  id                      uuid PRIMARY KEY,
  union_id                uuid NOT NULL REFERENCES unions (id),
  union_path              text NOT NULL,
  title                   text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 100),
  starts_on               date NOT NULL,
  ends_on                 date NOT NULL,
  registration_closes_on  date,
  events                  text[] NOT NULL CHECK (cardinality(events) >= 1),
  notes                   text CHECK (char_length(notes) <= 2000),
  created_by              uuid REFERENCES accounts (id),
  created_at              timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_on >= starts_on)
);
CREATE INDEX care_competitions_scope_idx ON care_competitions (union_path text_pattern_ops, starts_on);

-- union_id: the member's union when registering, so the points table needs no join through members.
CREATE TABLE care_competition_registrations (
  id              uuid PRIMARY KEY,
  competition_id  uuid NOT NULL REFERENCES care_competitions (id),
  member_id       uuid NOT NULL REFERENCES members (id),
  union_id        uuid NOT NULL REFERENCES unions (id),
  event           text NOT NULL,
  registered_at   timestamptz NOT NULL DEFAULT now(),
  UNIQUE (competition_id, member_id, event)
);

CREATE TABLE care_competition_results (
  id              uuid PRIMARY KEY,
  competition_id  uuid NOT NULL REFERENCES care_competitions (id),
  event           text NOT NULL,
  member_id       uuid REFERENCES members (id),
  union_id        uuid NOT NULL REFERENCES unions (id),
  rank            integer NOT NULL CHECK (rank > 0),
  points          integer NOT NULL CHECK (points >= 0),
  created_by      uuid REFERENCES accounts (id),
  created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX care_competition_results_idx ON care_competition_results (competition_id, event, rank);

-- The supervision group's unannounced spot checks on how staff keep exercising.
CREATE TABLE care_supervision_visits (
  id           uuid PRIMARY KEY,
  union_id     uuid NOT NULL REFERENCES unions (id),
  union_path   text NOT NULL,
  visited_on   date NOT NULL,
  findings     text NOT NULL CHECK (char_length(findings) BETWEEN 1 AND 5000),
  score        smallint CHECK (score BETWEEN 0 AND 100),
  unannounced  boolean NOT NULL DEFAULT true,
  created_by   uuid REFERENCES accounts (id),
  created_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX care_supervision_visits_scope_idx ON care_supervision_visits (union_path text_pattern_ops, visited_on);

-- ---- volunteering ------------------------------------------------------------------------------------------------

-- signed_up moves with the sign-ups in their transaction (atomic UPDATE … WHERE signed_up < capacity): never overfull.
CREATE TABLE care_volunteer_shifts (
  id          uuid PRIMARY KEY,
  union_id    uuid NOT NULL REFERENCES unions (id),
  union_path  text NOT NULL,
  title       text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 100),
  community   text NOT NULL CHECK (char_length(community) BETWEEN 1 AND 100),
  day         date NOT NULL,
  start_time  text NOT NULL CHECK (start_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  end_time    text NOT NULL CHECK (end_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$'),
  task        text NOT NULL CHECK (char_length(task) BETWEEN 1 AND 200),
  capacity    integer NOT NULL CHECK (capacity > 0),
  signed_up   integer NOT NULL DEFAULT 0,
  created_by  uuid REFERENCES accounts (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  CHECK (end_time > start_time),
  CHECK (signed_up BETWEEN 0 AND capacity)
);
CREATE INDEX care_volunteer_shifts_scope_idx ON care_volunteer_shifts (union_path text_pattern_ops, day);

CREATE TABLE care_volunteer_signups (
  shift_id         uuid NOT NULL REFERENCES care_volunteer_shifts (id),
  member_id        uuid NOT NULL REFERENCES members (id),
  signed_up_at     timestamptz NOT NULL DEFAULT now(),
  checked_in_at    timestamptz,
  checked_in_by    uuid REFERENCES accounts (id),
  checked_out_at   timestamptz,
  checked_out_by   uuid REFERENCES accounts (id),
  minutes          integer CHECK (minutes >= 0),
  PRIMARY KEY (shift_id, member_id),
  CHECK (checked_out_at IS NULL OR (checked_in_at IS NOT NULL AND checked_out_at >= checked_in_at)),
  CHECK ((minutes IS NULL) = (checked_out_at IS NULL))
);
CREATE INDEX care_volunteer_signups_member_idx ON care_volunteer_signups (member_id);
