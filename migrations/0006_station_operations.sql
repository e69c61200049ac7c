-- Station operations and exit (运维管理、退出机制), the "most beautiful station" campaign (最美站点推树) and the
-- demand grid behind coverage analysis. Every staff-facing table carries union_path (the station's) so that
-- subtree filters need no join.

-- ---- inspections ------------------------------------------------------------------------------------------------

-- A checklist is configuration: items with weights and the score (0–100) an inspection needs to pass.
-- items: [{ "key": "sign_visible", "label": "站点标识清晰可见", "weight": 20 }, …]
CREATE TABLE station_checklists (
  id          uuid PRIMARY KEY,
  name        text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
  items       jsonb NOT NULL CHECK (jsonb_typeof(items) = 'array'),
  pass_score  smallint NOT NULL CHECK (pass_score BETWEEN 0 AND 100),
  is_default  boolean NOT NULL DEFAULT false,
  active      boolean NOT NULL DEFAULT true,
  created_by  uuid REFERENCES accounts (id),
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX station_checklists_one_default_idx ON station_checklists (is_default) WHERE is_default;

INSERT INTO station_checklists (id, name, items, pass_score, is_default) VALUES (
  '01900000-0000-7000-8000-000000000001',
  '户外劳动者服务站点标准巡查表',
  '[{"key":"sign_visible","label":"站点标识（编码、二维码）清晰可见","weight":15},
    {"key":"open_as_posted","label":"按公示时间开放","weight":25},
    {"key":"water_available","label":"提供饮用水、热水","weight":15},
    {"key":"clean","label":"环境整洁卫生","weight":15},
    {"key":"welcome_statement","label":"张贴“欢迎户外劳动者”服务承诺","weight":10},
    {"key":"amenities_as_listed","label":"设施与登记一致","weight":20}]',
  60,
  true
);

CREATE TABLE station_inspections (
  id            uuid PRIMARY KEY,
  station_id    uuid NOT NULL REFERENCES stations (id),
  union_path    text NOT NULL,
  checklist_id  uuid NOT NULL REFERENCES station_checklists (id),
  inspected_on  date NOT NULL,
  inspector_id  uuid NOT NULL REFERENCES accounts (id),
  results       jsonb NOT NULL,                 -- [{ key, ok, note }] in checklist order
  score         smallint NOT NULL CHECK (score BETWEEN 0 AND 100),
  pass_score    smallint NOT NULL CHECK (pass_score BETWEEN 0 AND 100),
  passed        boolean NOT NULL,
  notes         text CHECK (char_length(notes) <= 2000),
  photo_refs    text[] NOT NULL DEFAULT '{}',
  created_at    timestamptz NOT NULL DEFAULT now(),
  CHECK (passed = (score >= pass_score))
);
CREATE INDEX station_inspections_station_idx ON station_inspections (station_id, inspected_on DESC);
CREATE INDEX station_inspections_scope_idx ON station_inspections (union_path text_pattern_ops, inspected_on);

-- ---- tickets from worker problem reports -----------------------------------------------------------------------

-- At most one unfinished ticket per station (the partial unique index): a new report joins it with an atomic
-- INSERT … ON CONFLICT … DO UPDATE, so concurrent reports never open two.
CREATE TABLE station_tickets (
  id                 uuid PRIMARY KEY,
  station_id         uuid NOT NULL REFERENCES stations (id),
  union_path         text NOT NULL,
  district_union_id  uuid REFERENCES unions (id),   -- the district federation it is routed to (besides operators)
  status             text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'resolved', 'rejected')),
  kinds              text[] NOT NULL,
  report_count       integer NOT NULL CHECK (report_count >= 1),
  opened_at          timestamptz NOT NULL,
  due_at             timestamptz NOT NULL,
  last_report_at     timestamptz NOT NULL,
  status_reason      text CHECK (char_length(status_reason) <= 500),
  status_changed_at  timestamptz,
  status_changed_by  uuid REFERENCES accounts (id),
  closed_at          timestamptz,
  CHECK (status <> 'rejected' OR status_reason IS NOT NULL),
  CHECK ((closed_at IS NULL) = (status IN ('open', 'in_progress')))
);
CREATE UNIQUE INDEX station_tickets_one_open_idx ON station_tickets (station_id) WHERE status IN ('open', 'in_progress');
CREATE INDEX station_tickets_scope_idx ON station_tickets (union_path text_pattern_ops, status, due_at);
CREATE INDEX station_tickets_station_idx ON station_tickets (station_id, opened_at);

CREATE TABLE station_ticket_reports (
  report_id  uuid PRIMARY KEY REFERENCES station_reports (id),
  ticket_id  uuid NOT NULL REFERENCES station_tickets (id)
);
CREATE INDEX station_ticket_reports_ticket_idx ON station_ticket_reports (ticket_id);

CREATE TABLE station_ticket_events (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  ticket_id    uuid NOT NULL REFERENCES station_tickets (id),
  from_status  text,
  to_status    text NOT NULL,
  reason       text,
  actor_id     uuid REFERENCES accounts (id),
  at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX station_ticket_events_ticket_idx ON station_ticket_events (ticket_id, at);

-- ---- health score -----------------------------------------------------------------------------------------------

CREATE TABLE station_health (
  station_id   uuid PRIMARY KEY REFERENCES stations (id),
  union_path   text NOT NULL,
  score        smallint NOT NULL CHECK (score BETWEEN 0 AND 100),
  components   jsonb NOT NULL,
  computed_at  timestamptz NOT NULL
);
CREATE INDEX station_health_scope_idx ON station_health (union_path text_pattern_ops);

-- One score per station and Shanghai day (the last computation of the day wins): "falling health" compares them.
CREATE TABLE station_health_history (
  station_id  uuid NOT NULL REFERENCES stations (id),
  day         date NOT NULL,
  score       smallint NOT NULL CHECK (score BETWEEN 0 AND 100),
  PRIMARY KEY (station_id, day)
);

-- ---- exit -------------------------------------------------------------------------------------------------------

CREATE TABLE station_exit_rules (
  code        text PRIMARY KEY CHECK (code IN ('failed_inspections', 'verified_closed_reports', 'no_sign_of_life')),
  enabled     boolean NOT NULL DEFAULT true,
  params      jsonb NOT NULL,
  updated_at  timestamptz NOT NULL DEFAULT now(),
  updated_by  uuid REFERENCES accounts (id)
);
INSERT INTO station_exit_rules (code, params) VALUES
  ('failed_inspections', '{"count": 2, "withinDays": 180}'),
  ('verified_closed_reports', '{"count": 3, "withinDays": 30}'),
  ('no_sign_of_life', '{"days": 90}');

-- At most one undecided review per station.
CREATE TABLE station_exit_reviews (
  id               uuid PRIMARY KEY,
  station_id       uuid NOT NULL REFERENCES stations (id),
  union_path       text NOT NULL,
  reasons          jsonb NOT NULL,              -- [{ rule, count?, days?, since?, … }]
  opened_at        timestamptz NOT NULL,
  opened_by        uuid REFERENCES accounts (id),
  decision         text CHECK (decision IN ('keep', 'exit')),
  decision_reason  text CHECK (char_length(decision_reason) <= 500),
  decided_at       timestamptz,
  decided_by       uuid REFERENCES accounts (id),
  CHECK ((decision IS NULL) = (decided_at IS NULL)),
  CHECK (decision IS NULL OR decision_reason IS NOT NULL)
);
CREATE UNIQUE INDEX station_exit_reviews_one_open_idx ON station_exit_reviews (station_id) WHERE decision IS NULL;
CREATE INDEX station_exit_reviews_scope_idx ON station_exit_reviews (union_path text_pattern_ops, opened_at);

-- ---- "most beautiful station" campaign ---------------------------------------------------------------------------

-- criteria: [{ "key": "facilities", "label": "设施", "weight": 30, "source": "jury" | "ratings" }, …];
-- the result is public_weight % of the vote score plus (100 − public_weight) % of the criteria score.
CREATE TABLE award_campaigns (
  id               uuid PRIMARY KEY,
  name             text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
  year             smallint NOT NULL CHECK (year BETWEEN 2000 AND 2100),
  union_id         uuid NOT NULL REFERENCES unions (id),
  union_path       text NOT NULL,
  nomination_from  date NOT NULL,
  nomination_to    date NOT NULL,
  voting_from      date NOT NULL,
  voting_to        date NOT NULL,
  criteria         jsonb NOT NULL CHECK (jsonb_typeof(criteria) = 'array'),
  public_weight    smallint NOT NULL CHECK (public_weight BETWEEN 0 AND 100),
  published_at     timestamptz,
  created_by       uuid REFERENCES accounts (id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK (nomination_from <= nomination_to AND voting_from <= voting_to AND nomination_from <= voting_from)
);

CREATE TABLE award_nominations (
  campaign_id   uuid NOT NULL REFERENCES award_campaigns (id),
  station_id    uuid NOT NULL REFERENCES stations (id),
  union_path    text NOT NULL,
  statement     text CHECK (char_length(statement) <= 1000),
  nominated_by  uuid REFERENCES accounts (id),
  nominated_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (campaign_id, station_id)
);

-- One vote per member per campaign per Shanghai day: the UNIQUE constraint, not a read-then-write, enforces it.
-- Votes from flagged sources (bursts from one IP or device) are kept as evidence but not counted.
CREATE TABLE award_votes (
  id           uuid PRIMARY KEY,
  campaign_id  uuid NOT NULL,
  station_id   uuid NOT NULL,
  member_id    uuid NOT NULL REFERENCES members (id),
  account_id   uuid REFERENCES accounts (id),
  vote_day     date NOT NULL,
  ip           text,
  device_id    text CHECK (char_length(device_id) <= 100),
  flagged      boolean NOT NULL DEFAULT false,
  flag_reason  text,
  created_at   timestamptz NOT NULL DEFAULT now(),
  FOREIGN KEY (campaign_id, station_id) REFERENCES award_nominations (campaign_id, station_id),
  UNIQUE (campaign_id, member_id, vote_day)
);
CREATE INDEX award_votes_count_idx ON award_votes (campaign_id, station_id) WHERE NOT flagged;
CREATE INDEX award_votes_ip_idx ON award_votes (campaign_id, ip, created_at);
CREATE INDEX award_votes_device_idx ON award_votes (campaign_id, device_id, created_at) WHERE device_id IS NOT NULL;

-- scores: { "<criterion key>": 0–100 } for the jury criteria of the campaign.
CREATE TABLE award_jury_scores (
  campaign_id  uuid NOT NULL,
  station_id   uuid NOT NULL,
  juror_id     uuid NOT NULL REFERENCES accounts (id),
  scores       jsonb NOT NULL,
  updated_at   timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (campaign_id, station_id, juror_id),
  FOREIGN KEY (campaign_id, station_id) REFERENCES award_nominations (campaign_id, station_id)
);

-- ---- demand grid ------------------------------------------------------------------------------------------------

-- Map searches counted per coarse grid cell (≈ 250–300 m, see coverage.ts) and Shanghai month; no positions, no
-- people: enough to find where workers look for a station and find none.
CREATE TABLE station_demand_cells (
  cell_x    integer NOT NULL,
  cell_y    integer NOT NULL,
  month     date NOT NULL,
  searches  integer NOT NULL CHECK (searches >= 0),
  PRIMARY KEY (cell_x, cell_y, month)
);
