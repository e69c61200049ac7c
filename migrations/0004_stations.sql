-- Outdoor-worker stations (户外劳动者服务站点): registry, status history, photos, operators, code counters.

-- One counter per (region, station type): the code sequence is allocated with an atomic
-- `INSERT … ON CONFLICT DO UPDATE SET next = next + n RETURNING next`, so numbers are unique and never reused.
CREATE TABLE station_code_counters (
  region_code   char(6) NOT NULL,
  station_type  char(1) NOT NULL,
  next          integer NOT NULL CHECK (next >= 1),
  PRIMARY KEY (region_code, station_type)
);

CREATE TABLE stations (
  id               uuid PRIMARY KEY,
  code             text NOT NULL UNIQUE,
  station_type     char(1) NOT NULL,
  name             text NOT NULL,
  address          text NOT NULL,
  region_code      char(6) NOT NULL,
  union_id         uuid NOT NULL REFERENCES unions (id),
  union_path       text NOT NULL,                 -- copy of unions.path so subtree filters need no join
  host_org         text,
  management_mode  text NOT NULL CHECK (management_mode IN ('purchased', 'partnership', 'entrusted', 'self_run')),
  lng              double precision NOT NULL CHECK (lng BETWEEN -180 AND 180),  -- WGS-84
  lat              double precision NOT NULL CHECK (lat BETWEEN -90 AND 90),
  opening_hours    jsonb NOT NULL DEFAULT '{"kind":"unknown"}',
  amenities        text[] NOT NULL DEFAULT '{}',
  phone            text,
  external_id      text UNIQUE,
  status           text NOT NULL CHECK (status IN ('planned', 'active', 'suspended', 'exited')),
  investment_fen   bigint CHECK (investment_fen >= 0),
  last_verified    jsonb NOT NULL DEFAULT '{}',   -- { hours|amenities|location: { at, by } }
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stations_union_path_idx ON stations (union_path text_pattern_ops, name);
CREATE INDEX stations_region_idx ON stations (region_code);
CREATE INDEX stations_status_idx ON stations (status);
CREATE INDEX stations_amenities_idx ON stations USING gin (amenities);

CREATE TABLE station_status_history (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  station_id  uuid NOT NULL REFERENCES stations (id),
  status      text NOT NULL CHECK (status IN ('planned', 'active', 'suspended', 'exited')),
  at          timestamptz NOT NULL DEFAULT now(),
  reason      text,
  actor_id    uuid
);
CREATE INDEX station_status_history_station_idx ON station_status_history (station_id, at);

-- File references only; where the bytes live (disk, object storage) is decided by the file service later.
CREATE TABLE station_photos (
  id          uuid PRIMARY KEY,
  station_id  uuid NOT NULL REFERENCES stations (id),
  file_ref    text NOT NULL,
  caption     text,
  sort_order  integer NOT NULL DEFAULT 0,
  created_by  uuid,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX station_photos_station_idx ON station_photos (station_id, sort_order);

-- Which station_operator accounts run which stations.
CREATE TABLE station_operators (
  station_id  uuid NOT NULL REFERENCES stations (id),
  account_id  uuid NOT NULL REFERENCES accounts (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (station_id, account_id)
);
CREATE INDEX station_operators_account_idx ON station_operators (account_id);
