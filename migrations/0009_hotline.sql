-- 12351 hotline (knowledge base, consultations, follow-ups, satisfaction) and publicity articles.
-- Search runs over an in-memory index built from hotline_kb_answers and hotline_synonyms (see docs/hotline.md);
-- every write bumps hotline_kb_state.generation in its transaction so each instance knows to rebuild.

-- ---- knowledge base ---------------------------------------------------------------------------------------------

CREATE TABLE hotline_kb_answers (
  id          uuid PRIMARY KEY,
  title       text NOT NULL CHECK (char_length(title) BETWEEN 2 AND 120),
  body        text NOT NULL CHECK (char_length(body) BETWEEN 1 AND 10000),
  tags        text[] NOT NULL DEFAULT '{}' CHECK (cardinality(tags) <= 20),
  status      text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'archived')),
  created_by  uuid REFERENCES accounts (id),
  updated_by  uuid REFERENCES accounts (id),
  created_at  timestamptz NOT NULL DEFAULT now(),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

-- Links only: the documents and filing steps of a coverage are read from aid_coverage_versions when shown.
CREATE TABLE hotline_kb_answer_coverages (
  answer_id    uuid NOT NULL REFERENCES hotline_kb_answers (id) ON DELETE CASCADE,
  coverage_id  uuid NOT NULL REFERENCES aid_coverages (id),
  PRIMARY KEY (answer_id, coverage_id)
);
CREATE INDEX hotline_kb_answer_coverages_coverage_idx ON hotline_kb_answer_coverages (coverage_id);

CREATE TABLE hotline_kb_answer_schemes (
  answer_id  uuid NOT NULL REFERENCES hotline_kb_answers (id) ON DELETE CASCADE,
  scheme_id  uuid NOT NULL REFERENCES aid_schemes (id),
  PRIMARY KEY (answer_id, scheme_id)
);

-- A group of words that mean the same to callers ("暖气管" ~ "水暖管").
CREATE TABLE hotline_synonyms (
  id          uuid PRIMARY KEY,
  terms       text[] NOT NULL CHECK (cardinality(terms) BETWEEN 2 AND 20),
  updated_by  uuid REFERENCES accounts (id),
  updated_at  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE hotline_kb_state (
  id          boolean PRIMARY KEY DEFAULT true CHECK (id),
  generation  bigint NOT NULL DEFAULT 0
);
INSERT INTO hotline_kb_state (id, generation) VALUES (true, 0);

-- Searches that found nothing, for the "questions we could not answer" report.
CREATE TABLE hotline_unanswered_searches (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at               timestamptz NOT NULL DEFAULT now(),
  query            text NOT NULL CHECK (char_length(query) BETWEEN 1 AND 100),
  normalized       text NOT NULL,
  account_id       uuid REFERENCES accounts (id),
  union_path       text NOT NULL,
  consultation_id  uuid
);
CREATE INDEX hotline_unanswered_searches_scope_idx ON hotline_unanswered_searches (union_path text_pattern_ops, at);

-- ---- consultations ----------------------------------------------------------------------------------------------

-- union_path is the caller's union when identified, else the operator's: reports and lists filter on it.
CREATE TABLE hotline_consultations (
  id                uuid PRIMARY KEY,
  channel           text NOT NULL CHECK (channel IN ('phone', 'chat')),
  caller_phone      text NOT NULL CHECK (caller_phone ~ '^1[0-9]{10}$'),
  member_id         uuid REFERENCES members (id),
  union_id          uuid NOT NULL REFERENCES unions (id),
  union_path        text NOT NULL,
  operator_id       uuid NOT NULL REFERENCES accounts (id),
  topic             text CHECK (topic IN ('mutual_aid', 'claim_status', 'aid_card', 'membership', 'rights',
                                          'stations', 'care', 'other')),
  question          text CHECK (char_length(question) <= 500),
  notes             text CHECK (char_length(notes) <= 4000),
  outcome           text CHECK (outcome IN ('answered', 'referred', 'claim_started', 'follow_up')),
  started_at        timestamptz NOT NULL,
  ended_at          timestamptz,
  first_answer_at   timestamptz,
  created_at        timestamptz NOT NULL DEFAULT now(),
  updated_at        timestamptz NOT NULL DEFAULT now(),
  CHECK ((ended_at IS NULL) = (outcome IS NULL)),
  CHECK (ended_at IS NULL OR ended_at >= started_at),
  CHECK (first_answer_at IS NULL OR first_answer_at >= started_at)
);
CREATE INDEX hotline_consultations_scope_idx ON hotline_consultations (union_path text_pattern_ops, started_at);
CREATE INDEX hotline_consultations_phone_idx ON hotline_consultations (caller_phone, started_at DESC);

CREATE TABLE hotline_consultation_answers (
  consultation_id  uuid NOT NULL REFERENCES hotline_consultations (id),
  answer_id        uuid NOT NULL REFERENCES hotline_kb_answers (id),
  linked_at        timestamptz NOT NULL,
  linked_by        uuid NOT NULL REFERENCES accounts (id),
  PRIMARY KEY (consultation_id, answer_id)
);

-- Pre-checks run on the caller's behalf; the verdict is kept as it was said on the phone.
CREATE TABLE hotline_prechecks (
  id               uuid PRIMARY KEY,
  consultation_id  uuid NOT NULL REFERENCES hotline_consultations (id),
  coverage_id      uuid NOT NULL REFERENCES aid_coverages (id),
  incident_date    date NOT NULL,
  answers          jsonb NOT NULL,
  eligible         boolean NOT NULL,
  result           jsonb NOT NULL,
  at               timestamptz NOT NULL,
  by_account       uuid NOT NULL REFERENCES accounts (id)
);
CREATE INDEX hotline_prechecks_consultation_idx ON hotline_prechecks (consultation_id, at);

CREATE TABLE hotline_consultation_claims (
  consultation_id  uuid NOT NULL REFERENCES hotline_consultations (id),
  claim_id         uuid NOT NULL REFERENCES aid_claims (id),
  relation         text NOT NULL CHECK (relation IN ('started', 'looked_up')),
  at               timestamptz NOT NULL,
  by_account       uuid NOT NULL REFERENCES accounts (id),
  PRIMARY KEY (consultation_id, claim_id)
);

CREATE TABLE hotline_follow_ups (
  id               uuid PRIMARY KEY,
  consultation_id  uuid NOT NULL REFERENCES hotline_consultations (id),
  union_path       text NOT NULL,
  due_at           timestamptz NOT NULL,
  note             text NOT NULL CHECK (char_length(note) BETWEEN 1 AND 500),
  created_at       timestamptz NOT NULL DEFAULT now(),
  created_by       uuid NOT NULL REFERENCES accounts (id),
  done_at          timestamptz,
  done_by          uuid REFERENCES accounts (id),
  done_note        text CHECK (char_length(done_note) <= 500),
  CHECK ((done_at IS NULL) = (done_by IS NULL))
);
CREATE INDEX hotline_follow_ups_open_idx ON hotline_follow_ups (union_path text_pattern_ops, due_at) WHERE done_at IS NULL;
CREATE INDEX hotline_follow_ups_consultation_idx ON hotline_follow_ups (consultation_id);

-- One satisfaction score per consultation, from the caller's link or entered by the operator.
CREATE TABLE hotline_satisfaction (
  consultation_id  uuid PRIMARY KEY REFERENCES hotline_consultations (id),
  score            smallint NOT NULL CHECK (score BETWEEN 1 AND 5),
  comment          text CHECK (char_length(comment) <= 500),
  source           text NOT NULL CHECK (source IN ('caller', 'operator')),
  at               timestamptz NOT NULL
);

-- The caller's single-use link (a random 128-bit token); used_at is set once, atomically.
CREATE TABLE hotline_feedback_links (
  token            text PRIMARY KEY CHECK (char_length(token) BETWEEN 16 AND 64),
  consultation_id  uuid NOT NULL UNIQUE REFERENCES hotline_consultations (id),
  expires_at       timestamptz NOT NULL,
  used_at          timestamptz
);

-- ---- articles ---------------------------------------------------------------------------------------------------

CREATE TABLE article_images (
  id            uuid PRIMARY KEY,
  content_type  text NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'image/webp', 'image/gif')),
  size_bytes    integer NOT NULL CHECK (size_bytes > 0),
  storage_key   text NOT NULL,
  union_id      uuid REFERENCES unions (id),
  created_by    uuid NOT NULL REFERENCES accounts (id),
  created_at    timestamptz NOT NULL DEFAULT now()
);

-- target_path: members whose union path starts with it see the article once published.
CREATE TABLE articles (
  id               uuid PRIMARY KEY,
  title            text NOT NULL CHECK (char_length(title) BETWEEN 2 AND 120),
  summary          text NOT NULL DEFAULT '' CHECK (char_length(summary) <= 300),
  body_html        text NOT NULL,
  publisher        text NOT NULL CHECK (char_length(publisher) BETWEEN 1 AND 60),
  target_union_id  uuid NOT NULL REFERENCES unions (id),
  target_path      text NOT NULL,
  cover_image_id   uuid REFERENCES article_images (id),
  cta_kind         text CHECK (cta_kind IN ('precheck', 'survey')),
  cta_target       text,
  cta_label        text CHECK (char_length(cta_label) <= 30),
  status           text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'unpublished')),
  published_at     timestamptz,
  read_count       integer NOT NULL DEFAULT 0 CHECK (read_count >= 0),
  created_by       uuid NOT NULL REFERENCES accounts (id),
  updated_by       uuid REFERENCES accounts (id),
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now(),
  CHECK ((cta_kind IS NULL) = (cta_target IS NULL)),
  CHECK (status = 'draft' OR published_at IS NOT NULL)
);
CREATE INDEX articles_target_idx ON articles (target_path text_pattern_ops, published_at DESC) WHERE status = 'published';

-- One row per member and article: the read count goes up only when this insert does.
CREATE TABLE article_reads (
  article_id  uuid NOT NULL REFERENCES articles (id),
  member_id   uuid NOT NULL REFERENCES members (id),
  read_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (article_id, member_id)
);
