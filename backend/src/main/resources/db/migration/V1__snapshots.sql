-- One row per snapshot. The state is gzip-compressed JSON (a BLOB, kept out of the row pages);
-- the counts and sizes let the list page render without decompressing anything.
CREATE TABLE snapshot (
  id              VARCHAR(43)              NOT NULL PRIMARY KEY,
  name            VARCHAR(800)             NOT NULL,
  created_at      TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  origin          VARCHAR(16)              NOT NULL,
  source_kind     VARCHAR(64)              NOT NULL,
  source_name     VARCHAR(1024)            NOT NULL,
  source_context  VARCHAR(1024)            NOT NULL,
  node_count      INT                      NOT NULL,
  pod_count       INT                      NOT NULL,
  service_count   INT                      NOT NULL,
  policy_count    INT                      NOT NULL,
  state_bytes     BIGINT                   NOT NULL,
  stored_bytes    BIGINT                   NOT NULL,
  state           BLOB                     NOT NULL
);

CREATE INDEX snapshot_newest_first ON snapshot (created_at DESC, id);
