-- Surveys (问卷调查): versioned definitions, publication to a union subtree, answering by members and through
-- single-use public links, and the responses behind the results. See docs/surveys.md for the anonymity design.

-- A survey belongs to the union whose staff built it (owner_union_path for subtree filters). Publication fields are
-- NULL until it is published; status is derived from them and the clock (draft/scheduled/open/closed).
CREATE TABLE surveys (
  id                uuid PRIMARY KEY,
  owner_union_id    uuid NOT NULL REFERENCES unions (id),
  owner_union_path  text NOT NULL,
  title             text NOT NULL CHECK (char_length(title) BETWEEN 1 AND 200),
  current_version   integer NOT NULL DEFAULT 1 CHECK (current_version >= 1),
  audience_union_id uuid REFERENCES unions (id),
  audience_path     text,
  audience_filter   jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(audience_filter) = 'object'),
  opens_at          timestamptz,
  closes_at         timestamptz,
  grace_minutes     integer NOT NULL DEFAULT 0 CHECK (grace_minutes BETWEEN 0 AND 10080),
  closed_message    text CHECK (char_length(closed_message) <= 500),
  anonymous         boolean NOT NULL DEFAULT false,
  quota             integer CHECK (quota >= 1),
  published_at      timestamptz,
  -- Closed early: by staff ('manual') or by the response that filled the quota ('quota').
  closed_at         timestamptz,
  closed_reason     text CHECK (closed_reason IN ('manual', 'quota')),
  -- Maintained by the submit transaction (an atomic UPDATE … WHERE response_count < quota), so the quota holds
  -- under concurrent submissions.
  response_count    integer NOT NULL DEFAULT 0 CHECK (response_count >= 0 AND (quota IS NULL OR response_count <= quota)),
  created_by        uuid REFERENCES accounts (id),
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CHECK ((published_at IS NULL) = (audience_union_id IS NULL)),
  CHECK (published_at IS NULL OR (opens_at IS NOT NULL AND closes_at IS NOT NULL AND audience_path IS NOT NULL
                                  AND opens_at < closes_at)),
  CHECK ((closed_at IS NULL) = (closed_reason IS NULL))
);
CREATE INDEX surveys_owner_idx ON surveys (owner_union_path text_pattern_ops, created_at DESC);
CREATE INDEX surveys_audience_idx ON surveys (audience_path text_pattern_ops, closes_at) WHERE published_at IS NOT NULL;

-- Editing a survey that was published adds a version; a response keeps the version it was given under.
CREATE TABLE survey_versions (
  survey_id   uuid NOT NULL REFERENCES surveys (id),
  version     integer NOT NULL CHECK (version >= 1),
  definition  jsonb NOT NULL CHECK (jsonb_typeof(definition) = 'object'),
  created_by  uuid REFERENCES accounts (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (survey_id, version)
);

-- Who took part: one row per member and survey (the primary key is the one-response-per-member rule). It says
-- nothing about what was answered. key_hash = sha256('participation:' || submissionKey) makes retries idempotent.
CREATE TABLE survey_participations (
  survey_id    uuid NOT NULL REFERENCES surveys (id),
  member_id    uuid NOT NULL REFERENCES members (id),
  at           timestamptz NOT NULL DEFAULT now(),
  key_hash     bytea NOT NULL,
  PRIMARY KEY (survey_id, member_id)
);

-- What was answered. In anonymous mode: no member_id, a random (v4) id, only the Shanghai day of submission, and a
-- receipt hash derived from the device's key with a different prefix than the participation's key hash — nothing
-- that joins to survey_participations. union_id is the respondent's union (for by-union results; exports suppress
-- unions with fewer than 5 responses).
CREATE TABLE survey_responses (
  id            uuid PRIMARY KEY,
  survey_id     uuid NOT NULL REFERENCES surveys (id),
  version       integer NOT NULL,
  union_id      uuid NOT NULL REFERENCES unions (id),
  union_path    text NOT NULL,
  via           text NOT NULL CHECK (via IN ('member', 'link')),
  anonymous     boolean NOT NULL,
  member_id     uuid REFERENCES members (id),
  submitted_on  date NOT NULL,
  submitted_at  timestamptz,
  receipt_hash  bytea NOT NULL UNIQUE,
  answers       jsonb NOT NULL CHECK (jsonb_typeof(answers) = 'object'),
  FOREIGN KEY (survey_id, version) REFERENCES survey_versions (survey_id, version),
  CHECK (NOT anonymous OR (member_id IS NULL AND submitted_at IS NULL)),
  CHECK (anonymous OR via = 'link' OR (member_id IS NOT NULL AND submitted_at IS NOT NULL))
);
CREATE INDEX survey_responses_survey_idx ON survey_responses (survey_id, union_path text_pattern_ops);
CREATE UNIQUE INDEX survey_responses_named_member_idx ON survey_responses (survey_id, member_id)
  WHERE member_id IS NOT NULL;

-- A member's answers so far (saved as they go). Deleted in the submit transaction.
CREATE TABLE survey_drafts (
  survey_id  uuid NOT NULL REFERENCES surveys (id),
  member_id  uuid NOT NULL REFERENCES members (id),
  version    integer NOT NULL,
  answers    jsonb NOT NULL CHECK (jsonb_typeof(answers) = 'object'),
  saved_at   timestamptz NOT NULL,
  PRIMARY KEY (survey_id, member_id)
);

-- Single-use public links (QR codes) for workers without an account. Only the token's hash is stored.
CREATE TABLE survey_links (
  id              uuid PRIMARY KEY,
  survey_id       uuid NOT NULL REFERENCES surveys (id),
  token_hash      bytea NOT NULL UNIQUE,
  union_id        uuid NOT NULL REFERENCES unions (id),
  created_by      uuid REFERENCES accounts (id),
  created_at      timestamptz NOT NULL DEFAULT now(),
  used_at         timestamptz,
  key_hash        bytea,
  draft           jsonb,
  draft_saved_at  timestamptz,
  CHECK ((used_at IS NULL) = (key_hash IS NULL))
);
CREATE INDEX survey_links_survey_idx ON survey_links (survey_id);
