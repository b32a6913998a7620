--liquibase formatted sql

-- Analytics (bundles/analytics): one market snapshot per moment, one indicator row per snapshot,
-- block fees for the hashprice, and each site's power price. Written by the analytics bundle
-- alone, over JDBC.

--changeset hashgrid:014-market-snapshot-time-unique
-- Imports and polls are idempotent per timestamp: the time is the snapshot's identity. Rows that
-- share a time (only possible from hand-made data before this change) keep the first one.
DELETE FROM market_analytics a USING market_analytics b WHERE a.created_at = b.created_at AND a.id > b.id;
DROP INDEX market_analytics_created_at_idx;
CREATE UNIQUE INDEX market_analytics_created_at_uq ON market_analytics (created_at);
-- Average transaction fees per block in BTC, added to the subsidy in the hashprice; NULL when the
-- source does not give them.
ALTER TABLE market_analytics ADD COLUMN transaction_fees numeric(16,8),
    ADD CONSTRAINT market_analytics_transaction_fees_ck CHECK (transaction_fees >= 0);
--rollback ALTER TABLE market_analytics DROP COLUMN transaction_fees; DROP INDEX market_analytics_created_at_uq; CREATE INDEX market_analytics_created_at_idx ON market_analytics (created_at);

--changeset hashgrid:014-indicators-one-per-snapshot
-- Indicators are a function of the snapshots up to theirs: one row per snapshot, rewritten when
-- history before it changes. RSI keeps 4 decimals like the other indicators (the reference
-- values are checked to 4 decimals).
DELETE FROM technical_indicators a USING technical_indicators b WHERE a.analytics_id = b.analytics_id AND a.id < b.id;
DROP INDEX technical_indicators_analytics_id_idx;
CREATE UNIQUE INDEX technical_indicators_analytics_id_uq ON technical_indicators (analytics_id);
ALTER TABLE technical_indicators ALTER COLUMN rsi TYPE numeric(7,4);
--rollback ALTER TABLE technical_indicators ALTER COLUMN rsi TYPE numeric(5,2); DROP INDEX technical_indicators_analytics_id_uq; CREATE INDEX technical_indicators_analytics_id_idx ON technical_indicators (analytics_id);

--changeset hashgrid:014-market-version
-- One row counting the writes of market data: every writer (import, poll, recomputation) bumps it
-- first, which also serialises them across nodes (the row lock), and a node whose indicator series
-- in memory was built at an older version knows it must rebuild, in O(1).
CREATE TABLE analytics_market_version (
    id      smallint NOT NULL DEFAULT 1,
    version bigint   NOT NULL,
    CONSTRAINT analytics_market_version_pk PRIMARY KEY (id),
    CONSTRAINT analytics_market_version_one_row_ck CHECK (id = 1)
);
INSERT INTO analytics_market_version (id, version) VALUES (1, 0);
--rollback DROP TABLE analytics_market_version;

--changeset hashgrid:014-site-power-prices
-- What a site pays for electricity, USD per MWh, for its energy cost and margin; a site without a
-- row is costed at the analytics configuration's default price. Goes with its site.
CREATE TABLE analytics_site_power_prices (
    site_id           bigint        NOT NULL,
    price_usd_per_mwh numeric(10,2) NOT NULL,
    updated_by        text,
    updated_at        timestamptz   NOT NULL DEFAULT now(),
    CONSTRAINT analytics_site_power_prices_pk PRIMARY KEY (site_id),
    CONSTRAINT analytics_site_power_prices_site_fk FOREIGN KEY (site_id) REFERENCES hosting_sites (id) ON DELETE CASCADE,
    CONSTRAINT analytics_site_power_prices_updated_by_fk FOREIGN KEY (updated_by) REFERENCES users (id) ON DELETE SET NULL,
    CONSTRAINT analytics_site_power_prices_price_ck CHECK (price_usd_per_mwh >= 0)
);
CREATE INDEX analytics_site_power_prices_updated_by_idx ON analytics_site_power_prices (updated_by);
--rollback DROP TABLE analytics_site_power_prices;
