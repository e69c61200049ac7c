-- The staff work queue pages claims of one status oldest first (ORDER BY status_changed_at, id LIMIT 20). The queue
-- index (status, union_path, status_changed_at) serves the subtree filter and the count, but not that order across
-- a whole subtree: at national scale (200,000 claims, 40,000 submitted under one city) the page fell back to a
-- parallel sequential scan and a sort. This one walks a status in queue order and filters the subtree inside the
-- index (union_path is included), stopping after the page.
CREATE INDEX aid_claims_queue_order_idx ON aid_claims (status, status_changed_at, id) INCLUDE (union_path);
