-- A DELETE on any cockpit source failed with 'column "v" does not exist': with only the old rows, the change query's
-- one branch was `-v::bigint`, whose column PostgreSQL names "?column?", and the summing step reads "v". Both
-- branches now name their value. (UPDATE worked: its first branch, the new rows, named the column.)
CREATE OR REPLACE FUNCTION cockpit_delta_sql(op text, contrib text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
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
    CASE WHEN op IN ('INSERT', 'UPDATE') THEN format('SELECT p, m, d, per, v::bigint AS v FROM (%s) n', format(contrib, 'cockpit_new')) END,
    CASE WHEN op IN ('UPDATE', 'DELETE') THEN format('SELECT p, m, d, per, -v::bigint AS v FROM (%s) o', format(contrib, 'cockpit_old')) END))
$$;
