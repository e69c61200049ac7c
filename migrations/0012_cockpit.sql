-- The federation cockpit (数据大屏): summary tables kept up to date by statement-level triggers on the source tables,
-- so that every panel reads a few hundred pre-aggregated rows instead of scanning claims, members and check-ins.
--
-- Figures are kept per *bucket*: the district federation a row belongs to (or, for a row filed directly at a city,
-- provincial or national federation, that federation itself). The cockpit is for district staff and above
-- (cockpit.view), so a scope is always a prefix of whole buckets. Months are Shanghai months.
--
-- The triggers run as whoever writes the source row (the service role unioncare_app may write these tables), use
-- transition tables (one aggregated upsert per statement, not per row) and upsert in key order so that concurrent
-- writers lock summary rows in the same order. Moving a union, station or member between districts is handled for
-- members (and their cards); moving a union or station in the tree needs `SELECT cockpit_rebuild()` (owner).

-- Current counts: active members, active cards, live and active stations, the sum and count of health scores.
CREATE TABLE cockpit_stock (
  bucket_path  text COLLATE "C" NOT NULL,
  measure      text NOT NULL CHECK (measure IN ('members_active', 'cards_active', 'stations_live', 'stations_active',
                                                'health_sum', 'health_n')),
  value        bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (bucket_path, measure)
);
COMMENT ON TABLE cockpit_stock IS 'cockpit: current counts per district bucket, maintained by triggers';

-- Flows per month (first day of the Shanghai month) or, for claims_wk, per ISO week (its Monday).
-- dim: the coverage code for aid measures, the survey id for survey_responses, '' otherwise.
CREATE TABLE cockpit_flow (
  measure      text NOT NULL CHECK (measure IN ('claims_filed', 'claims_wk', 'claims_paid', 'paid_fen', 'hist_paid',
                                                'hist_fen', 'checkins', 'care_activities', 'care_people', 'hotline',
                                                'survey_responses')),
  bucket_path  text COLLATE "C" NOT NULL,
  period       date NOT NULL,
  dim          text NOT NULL DEFAULT '',
  value        bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (measure, bucket_path, period, dim)
);
-- The flows summed per year (dims summed; claims_wk by ISO year), so that year and all-time figures read one row per
-- bucket and year instead of every month; and an index for month ranges over many buckets.
CREATE TABLE cockpit_flow_year (
  measure      text NOT NULL,
  bucket_path  text COLLATE "C" NOT NULL,
  year         smallint NOT NULL,
  value        bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (measure, bucket_path, year)
);
CREATE INDEX cockpit_flow_period_idx ON cockpit_flow (measure, period, bucket_path);
COMMENT ON TABLE cockpit_flow IS 'cockpit: monthly (and ISO-weekly claims) flows per district bucket, maintained by triggers';

-- '/1/4/9/' -> {'/1/', '/1/4/', '/1/4/9/'}
CREATE FUNCTION cockpit_prefixes(p text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce(array_agg('/' || array_to_string(x.s[1:i], '/') || '/' ORDER BY i), '{}')
    FROM (SELECT string_to_array(trim(BOTH '/' FROM p), '/') AS s) x, generate_series(1, cardinality(x.s)) AS i
$$;

-- The bucket of a union path: its district ancestor; else its deepest city/provincial/national ancestor; else itself.
CREATE FUNCTION cockpit_bucket(p text) RETURNS text LANGUAGE plpgsql STABLE AS $$
DECLARE
  pre text[] := cockpit_prefixes(p);  -- computed once, so the lookups below use the unique index on unions.path
  b text;
BEGIN
  SELECT u.path INTO b FROM unions u WHERE u.path = ANY (pre) AND u.kind = 'district' ORDER BY u.depth DESC LIMIT 1;
  IF b IS NULL THEN
    SELECT u.path INTO b FROM unions u WHERE u.path = ANY (pre) AND u.kind IN ('city', 'provincial', 'national')
     ORDER BY u.depth DESC LIMIT 1;
  END IF;
  RETURN coalesce(b, p);
END
$$;

CREATE FUNCTION cockpit_month(t timestamptz) RETURNS date LANGUAGE sql IMMUTABLE AS $$
  SELECT date_trunc('month', t AT TIME ZONE 'Asia/Shanghai')::date
$$;

-- The upsert that applies a statement's change. `contrib` is a query over %1$s (a transition table) returning
-- (p union_path, m measure, d dim, per period or NULL for stock, v value); new rows add, old rows subtract.
CREATE FUNCTION cockpit_delta_sql(op text, contrib text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT format($q$
    WITH c AS (%1$s), g AS (
      SELECT p, m, d, per, sum(v) AS v FROM c GROUP BY p, m, d, per
    ), pb AS (
      SELECT p, cockpit_bucket(p) AS bucket FROM (SELECT DISTINCT p FROM g) x
    ), b AS (
      SELECT pb.bucket, g.m, g.d, g.per, sum(g.v)::bigint AS v FROM g JOIN pb ON pb.p = g.p
       GROUP BY pb.bucket, g.m, g.d, g.per HAVING sum(g.v) <> 0
    ), s AS (
      INSERT INTO cockpit_stock AS t (bucket_path, measure, value)
      SELECT bucket, m, sum(v) FROM b WHERE per IS NULL GROUP BY bucket, m ORDER BY bucket, m
      ON CONFLICT (bucket_path, measure) DO UPDATE SET value = t.value + excluded.value
    ), y AS (
      INSERT INTO cockpit_flow_year AS t (measure, bucket_path, year, value)
      SELECT m, bucket, yr, sum(v) FROM (
        SELECT m, bucket, CASE WHEN m = 'claims_wk' THEN extract(isoyear FROM per) ELSE extract(year FROM per) END::smallint AS yr, v
          FROM b WHERE per IS NOT NULL) x
      GROUP BY m, bucket, yr HAVING sum(v) <> 0 ORDER BY m, bucket, yr
      ON CONFLICT (measure, bucket_path, year) DO UPDATE SET value = t.value + excluded.value
    )
    INSERT INTO cockpit_flow AS t (measure, bucket_path, period, dim, value)
    SELECT m, bucket, per, d, v FROM b WHERE per IS NOT NULL ORDER BY m, bucket, per, d
    ON CONFLICT (measure, bucket_path, period, dim) DO UPDATE SET value = t.value + excluded.value
  $q$, concat_ws(' UNION ALL ',
    CASE WHEN op IN ('INSERT', 'UPDATE') THEN format('SELECT p, m, d, per, v::bigint FROM (%s) n', format(contrib, 'cockpit_new')) END,
    CASE WHEN op IN ('UPDATE', 'DELETE') THEN format('SELECT p, m, d, per, -v::bigint FROM (%s) o', format(contrib, 'cockpit_old')) END))
$$;

-- One trigger function for every source: TG_ARGV[0] is the contribution query (see cockpit_delta_sql).
CREATE FUNCTION cockpit_trg() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE cockpit_delta_sql(TG_OP, TG_ARGV[0]);
  RETURN NULL;
END
$$;

-- The contribution of each source table, kept in one place (also used by cockpit_rebuild).
-- rebuild: the contribution for cockpit_rebuild when it differs (a member's cards are counted from aid_cards there;
-- the members trigger only moves them when the member changes union).
CREATE TABLE cockpit_sources (
  source   text PRIMARY KEY,
  contrib  text NOT NULL,
  rebuild  text
);
INSERT INTO cockpit_sources (source, contrib) VALUES
('members', $c$
  SELECT x.union_path AS p, 'members_active' AS m, '' AS d, NULL::date AS per, 1 AS v FROM %1$s x WHERE x.status = 'active'
  UNION ALL
  SELECT x.union_path, 'cards_active', '', NULL::date, count(*) FROM %1$s x
    JOIN aid_cards k ON k.member_id = x.id AND k.status = 'active' GROUP BY x.union_path
$c$),
('aid_cards', $c$
  SELECT mb.union_path AS p, 'cards_active' AS m, '' AS d, NULL::date AS per, 1 AS v
    FROM %1$s x JOIN members mb ON mb.id = x.member_id WHERE x.status = 'active'
$c$),
('stations', $c$
  SELECT x.union_path AS p, 'stations_live' AS m, '' AS d, NULL::date AS per, 1 AS v FROM %1$s x WHERE x.status <> 'exited'
  UNION ALL
  SELECT x.union_path, 'stations_active', '', NULL::date, 1 FROM %1$s x WHERE x.status = 'active'
$c$),
('station_health', $c$
  SELECT x.union_path AS p, 'health_sum' AS m, '' AS d, NULL::date AS per, x.score AS v FROM %1$s x
  UNION ALL
  SELECT x.union_path, 'health_n', '', NULL::date, 1 FROM %1$s x
$c$),
('station_checkins', $c$
  SELECT s.union_path AS p, 'checkins' AS m, '' AS d, cockpit_month(x.created_at) AS per, 1 AS v
    FROM %1$s x JOIN stations s ON s.id = x.station_id
$c$),
('aid_claims', $c$
  SELECT x.union_path AS p, 'claims_filed' AS m, c.code AS d, cockpit_month(x.first_submitted_at) AS per, 1 AS v
    FROM %1$s x JOIN aid_coverages c ON c.id = x.coverage_id WHERE x.first_submitted_at IS NOT NULL
  UNION ALL
  SELECT x.union_path, 'claims_wk', c.code, date_trunc('week', x.incident_date)::date, 1
    FROM %1$s x JOIN aid_coverages c ON c.id = x.coverage_id WHERE x.first_submitted_at IS NOT NULL
$c$),
('aid_payouts', $c$
  SELECT x.union_path AS p, 'claims_paid' AS m, c.code AS d, date_trunc('month', x.settled_on)::date AS per, 1 AS v
    FROM %1$s x JOIN aid_claims a ON a.id = x.claim_id JOIN aid_coverages c ON c.id = a.coverage_id
   WHERE x.status = 'paid' AND x.settled_on IS NOT NULL
  UNION ALL
  SELECT x.union_path, 'paid_fen', c.code, date_trunc('month', x.settled_on)::date, x.amount_fen
    FROM %1$s x JOIN aid_claims a ON a.id = x.claim_id JOIN aid_coverages c ON c.id = a.coverage_id
   WHERE x.status = 'paid' AND x.settled_on IS NOT NULL
$c$),
('aid_payout_history', $c$
  SELECT x.union_path AS p, 'hist_paid' AS m, coalesce(x.coverage_code, '') AS d,
         date_trunc('month', x.paid_on)::date AS per, x.beneficiaries AS v FROM %1$s x
  UNION ALL
  SELECT x.union_path, 'hist_fen', coalesce(x.coverage_code, ''), date_trunc('month', x.paid_on)::date, x.amount_fen
    FROM %1$s x
  UNION ALL
  SELECT x.union_path, 'claims_wk', coalesce(x.coverage_code, ''), date_trunc('week', x.paid_on)::date, x.beneficiaries
    FROM %1$s x
$c$),
('care_activities', $c$
  SELECT x.union_path AS p, 'care_activities' AS m, '' AS d, date_trunc('month', x.starts_on)::date AS per, 1 AS v
    FROM %1$s x
$c$),
('care_activity_reach', $c$
  SELECT a.union_path AS p, 'care_people' AS m, '' AS d, date_trunc('month', x.day)::date AS per, x.people AS v
    FROM %1$s x JOIN care_activities a ON a.id = x.activity_id
$c$),
('hotline_consultations', $c$
  SELECT x.union_path AS p, 'hotline' AS m, '' AS d, cockpit_month(x.started_at) AS per, 1 AS v FROM %1$s x
$c$),
('survey_responses', $c$
  SELECT x.union_path AS p, 'survey_responses' AS m, x.survey_id::text AS d,
         date_trunc('month', x.submitted_on)::date AS per, 1 AS v FROM %1$s x
$c$);

UPDATE cockpit_sources SET rebuild = $c$
  SELECT x.union_path AS p, 'members_active' AS m, '' AS d, NULL::date AS per, 1 AS v FROM %1$s x WHERE x.status = 'active'
$c$ WHERE source = 'members';

-- Three statement triggers per source (transition tables allow one event each on PostgreSQL 15).
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT source, contrib FROM cockpit_sources LOOP
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS cockpit_new
                    FOR EACH STATEMENT EXECUTE FUNCTION cockpit_trg(%L)', r.source || '_cockpit_ins', r.source, r.contrib);
    EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING OLD TABLE AS cockpit_old NEW TABLE AS cockpit_new
                    FOR EACH STATEMENT EXECUTE FUNCTION cockpit_trg(%L)', r.source || '_cockpit_upd', r.source, r.contrib);
    EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS cockpit_old
                    FOR EACH STATEMENT EXECUTE FUNCTION cockpit_trg(%L)', r.source || '_cockpit_del', r.source, r.contrib);
  END LOOP;
END
$$;

-- Recomputes both tables from the source rows (full scans): after a bulk load with triggers disabled, or after a
-- union or station moved in the tree. Run by the owner.
CREATE FUNCTION cockpit_rebuild() RETURNS void LANGUAGE plpgsql AS $$
DECLARE r record;
BEGIN
  LOCK TABLE cockpit_stock, cockpit_flow, cockpit_flow_year IN EXCLUSIVE MODE;
  DELETE FROM cockpit_stock;
  DELETE FROM cockpit_flow;
  DELETE FROM cockpit_flow_year;
  FOR r IN SELECT source, coalesce(rebuild, contrib) AS contrib FROM cockpit_sources ORDER BY source LOOP
    EXECUTE replace(cockpit_delta_sql('INSERT', r.contrib), 'cockpit_new', quote_ident(r.source));
  END LOOP;
END
$$;

SELECT cockpit_rebuild();
