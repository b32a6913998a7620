--liquibase formatted sql

-- The telemetry pipeline (bundles/telemetry): per-sensor detail and validation flags on the raw
-- readings, and the latest state of every miner.

--changeset hashgrid:009-telemetry-detail
-- Per-sensor readings as the firmware reports them, for per-hashboard history: arrays of
-- 4-byte values, not jsonb, so that no key names repeat on the largest table. NULL = not reported.
-- flags: what the ingest's validation changed in the reading (bit values in
-- org.hashgrid.telemetry.ReadingFlags); 0 = taken as reported.
ALTER TABLE miner_telemetry
    ADD COLUMN board_temperatures real[],
    ADD COLUMN chip_temperatures  real[],
    ADD COLUMN fan_speeds         integer[],
    ADD COLUMN flags              smallint NOT NULL DEFAULT 0;
--rollback ALTER TABLE miner_telemetry DROP COLUMN board_temperatures, DROP COLUMN chip_temperatures, DROP COLUMN fan_speeds, DROP COLUMN flags;

--changeset hashgrid:009-telemetry-without-foreign-key
-- The key to hosting_miners costs a lookup per row on the largest table (measured on 1 M rows
-- with benchmarks/telemetry-ingest: COPY 58 k rows/s with it, 87 k rows/s without). Integrity
-- comes from the ingest instead: it writes only readings of miners hosting listed for polling;
-- a deleted miner's readings age out with their monthly partitions (retention).
ALTER TABLE miner_telemetry DROP CONSTRAINT miner_telemetry_miner_id_fk;
--rollback ALTER TABLE miner_telemetry ADD CONSTRAINT miner_telemetry_miner_id_fk FOREIGN KEY (miner_id) REFERENCES hosting_miners (id) ON DELETE CASCADE;

--changeset hashgrid:009-miner-latest-state
-- One row per miner polled: its last reading (measures NULL until a read succeeded), when it
-- was last tried and last answered, and how many reads in a row failed. detail holds what the
-- fleet view shows beyond the measures (per-board and chip temperatures, fans, pool, firmware,
-- shares, uptime). efficiency = power / hashrate in J/TH, NULL without both or at zero hashrate.
-- site_id follows the miner (written at each poll), for the fleet view of a site. The poller
-- keeps it to the miners hosting lists for polling (the rows of others are deleted at each
-- listing), hence no foreign key: a miner deleted between a poll and its write costs nothing.
-- UNLOGGED: every poll rewrites every row, so it is the hottest table of the platform; it is a
-- cache of the last cycle, rebuilt by the next one, and not worth its WAL. After a crash of
-- PostgreSQL it is empty until each miner's next poll (one interval). No index on the measures:
-- an update that leaves miner_id and site_id alone is a HOT update (fillfactor leaves room on the
-- page), and the fleet view sorts one site's rows in memory.
CREATE UNLOGGED TABLE miner_latest_state (
    miner_id             bigint        NOT NULL,
    site_id              bigint        NOT NULL,
    recorded_at          timestamptz,
    hashrate             numeric(12,3),
    temperature          numeric(5,2),
    power_consumption    numeric(12,2),
    fan_speed            integer,
    efficiency           numeric(10,2),
    detail               jsonb,
    flags                smallint      NOT NULL DEFAULT 0,
    last_attempt_at      timestamptz   NOT NULL,
    last_success_at      timestamptz,
    consecutive_failures integer       NOT NULL DEFAULT 0,
    last_error           text,
    CONSTRAINT miner_latest_state_pk PRIMARY KEY (miner_id),
    CONSTRAINT miner_latest_state_failures_ck CHECK (consecutive_failures >= 0)
) WITH (fillfactor = 50);
CREATE INDEX miner_latest_state_site_idx ON miner_latest_state (site_id, miner_id);
--rollback DROP TABLE miner_latest_state;

--changeset hashgrid:009-latest-state-owner
-- What the fleet view shows and filters by without reading hosting's tables: the miner's status,
-- owner (client_id, NULL = operator-owned) and model as hosting listed them for the last poll.
ALTER TABLE miner_latest_state
    ADD COLUMN status         text,
    ADD COLUMN client_id      text,
    ADD COLUMN miner_model_id bigint;
CREATE INDEX miner_latest_state_client_idx ON miner_latest_state (client_id, site_id, miner_id) WHERE client_id IS NOT NULL;
--rollback ALTER TABLE miner_latest_state DROP COLUMN status, DROP COLUMN client_id, DROP COLUMN miner_model_id;

--changeset hashgrid:009-telemetry-rollups
-- Hourly and daily aggregates per miner, kept by the telemetry bundle's rollup job from the raw
-- readings (hourly) and from the hourly rows (daily); they outlive the raw readings (90 days).
-- samples: readings aggregated; *_avg / *_max as the units of miner_telemetry; seconds_online:
-- the time the readings cover (samples x the poll interval of the time, at most the bucket);
-- energy_kwh: average power over that time. Buckets start on whole UTC hours / days.
CREATE TABLE miner_telemetry_hourly (
    miner_id        bigint        NOT NULL,
    bucket          timestamptz   NOT NULL,
    samples         integer       NOT NULL,
    hashrate_avg    numeric(12,3),
    hashrate_max    numeric(12,3),
    temperature_avg numeric(5,2),
    temperature_max numeric(5,2),
    power_avg       numeric(12,2),
    power_max       numeric(12,2),
    seconds_online  integer       NOT NULL,
    energy_kwh      numeric(14,4),
    CONSTRAINT miner_telemetry_hourly_pk PRIMARY KEY (miner_id, bucket)
);
CREATE INDEX miner_telemetry_hourly_bucket_idx ON miner_telemetry_hourly USING brin (bucket);
CREATE TABLE miner_telemetry_daily (
    miner_id        bigint        NOT NULL,
    bucket          timestamptz   NOT NULL,
    samples         integer       NOT NULL,
    hashrate_avg    numeric(12,3),
    hashrate_max    numeric(12,3),
    temperature_avg numeric(5,2),
    temperature_max numeric(5,2),
    power_avg       numeric(12,2),
    power_max       numeric(12,2),
    seconds_online  integer       NOT NULL,
    energy_kwh      numeric(14,4),
    CONSTRAINT miner_telemetry_daily_pk PRIMARY KEY (miner_id, bucket)
);
-- how far the rollup job has rolled the raw readings up (a restart resumes from there)
CREATE TABLE telemetry_rollup_state (
    name          text        NOT NULL,
    rolled_until  timestamptz NOT NULL,
    CONSTRAINT telemetry_rollup_state_pk PRIMARY KEY (name)
);
--rollback DROP TABLE telemetry_rollup_state; DROP TABLE miner_telemetry_daily; DROP TABLE miner_telemetry_hourly;

--changeset hashgrid:009-site-rollups
-- Site totals per hour and day, kept by the rollup job from the per-miner hourly rows (each
-- miner counted at the site its latest state names): a site's 30 days by hour is 720 rows, not
-- 7.2 M for 10,000 miners (benchmarks/telemetry-queries). hashrate / power: the sum of the
-- miners' averages; miners: miners that reported in the bucket.
CREATE TABLE site_telemetry_hourly (
    site_id     bigint        NOT NULL,
    bucket      timestamptz   NOT NULL,
    miners      integer       NOT NULL,
    hashrate    numeric(16,3),
    power       numeric(16,2),
    energy_kwh  numeric(18,4),
    CONSTRAINT site_telemetry_hourly_pk PRIMARY KEY (site_id, bucket)
);
CREATE TABLE site_telemetry_daily (
    site_id     bigint        NOT NULL,
    bucket      timestamptz   NOT NULL,
    miners      integer       NOT NULL,
    hashrate    numeric(16,3),
    power       numeric(16,2),
    energy_kwh  numeric(18,4),
    CONSTRAINT site_telemetry_daily_pk PRIMARY KEY (site_id, bucket)
);
--rollback DROP TABLE site_telemetry_daily; DROP TABLE site_telemetry_hourly;
