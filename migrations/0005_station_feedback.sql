-- Worker feedback on stations: "I was here" check-ins, ratings and problem reports.
-- Public writes (no sign-in needed; linked to the account when signed in). Every write carries the client's
-- Idempotency-Key: the UNIQUE constraint makes a retried or offline-queued post land exactly once, and the
-- request hash lets a replay be told apart from a different post that reuses a key.

CREATE TABLE station_checkins (
  id               uuid PRIMARY KEY,
  station_id       uuid NOT NULL REFERENCES stations (id),
  account_id       uuid REFERENCES accounts (id),
  idempotency_key  uuid NOT NULL UNIQUE,
  request_hash     bytea NOT NULL,
  -- WGS-84, rounded to 4 decimals (~10 m): enough for usage and coverage statistics, no finer.
  lng              double precision CHECK (lng BETWEEN -180 AND 180),
  lat              double precision CHECK (lat BETWEEN -90 AND 90),
  distance_m       integer CHECK (distance_m >= 0),
  created_at       timestamptz NOT NULL DEFAULT now(),
  CHECK ((lng IS NULL) = (lat IS NULL))
);
CREATE INDEX station_checkins_station_idx ON station_checkins (station_id, created_at);

CREATE TABLE station_ratings (
  id               uuid PRIMARY KEY,
  station_id       uuid NOT NULL REFERENCES stations (id),
  account_id       uuid REFERENCES accounts (id),
  idempotency_key  uuid NOT NULL UNIQUE,
  request_hash     bytea NOT NULL,
  stars            smallint NOT NULL CHECK (stars BETWEEN 1 AND 5),
  comment          text CHECK (char_length(comment) <= 500),
  created_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX station_ratings_station_idx ON station_ratings (station_id);

CREATE TABLE station_reports (
  id                 uuid PRIMARY KEY,
  station_id         uuid NOT NULL REFERENCES stations (id),
  account_id         uuid REFERENCES accounts (id),
  idempotency_key    uuid NOT NULL UNIQUE,
  request_hash       bytea NOT NULL,
  kind               text NOT NULL CHECK (kind IN ('closed_during_hours', 'refused_entry', 'amenity_missing', 'other')),
  amenity            text,
  text               text NOT NULL DEFAULT '' CHECK (char_length(text) <= 1000),
  status             text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'acknowledged', 'resolved')),
  status_note        text CHECK (char_length(status_note) <= 500),
  status_changed_at  timestamptz,
  status_changed_by  uuid REFERENCES accounts (id),
  created_at         timestamptz NOT NULL DEFAULT now(),
  CHECK (kind = 'amenity_missing' OR amenity IS NULL)
);
CREATE INDEX station_reports_station_idx ON station_reports (station_id, created_at);
CREATE INDEX station_reports_status_idx ON station_reports (status, created_at);
