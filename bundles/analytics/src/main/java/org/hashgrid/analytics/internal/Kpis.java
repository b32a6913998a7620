package org.hashgrid.analytics.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.hashgrid.core.Doc;

/** The pre-calculated KPIs as {@code GET /analytics/kpis} answers them. */
public record Kpis(@Doc("When the figures were computed, ISO-8601 UTC") Instant computedAt,
        @Doc("How old the figures are, seconds") long ageSeconds,
        @Doc("Time of the market snapshot revenue is computed from (null: none yet)") Instant marketTime,
        @Doc("Hashprice used for revenue, USD per TH/s per day before the pool fee") BigDecimal hashpriceUsdPerThDay,
        @Doc("The whole fleet") Figures fleet,
        @Doc("Each site, by id") List<Site> sites) {

    /** The same figures, aged to {@code now}. */
    Kpis at(Instant now) {
        return new Kpis(computedAt, Math.max(0, Duration.between(computedAt, now).toSeconds()), marketTime,
                hashpriceUsdPerThDay, fleet, sites);
    }

    public record Site(@Doc("Site id") long siteId, String name, Figures kpis) {
    }

    /**
     * One scope's KPIs. Now: from each miner's latest state. Last 24 h: the 24 whole UTC hours
     * before the current one, from telemetry's hourly rollups and the curtailment plans.
     */
    public record Figures(@Doc("Miners polled") int miners,
            @Doc("Miners whose last read answered") int minersOnline,
            @Doc("miners_online / miners, 0-1 (null without miners)") BigDecimal onlineRatio,
            @Doc("Hashrate now, TH/s") BigDecimal hashrate,
            @Doc("Power now, W") BigDecimal powerConsumption,
            @Doc("Average efficiency now, J/TH: power ÷ hashrate of the answering miners that report both") BigDecimal efficiency,
            @Doc("Share of the last 24 h the miners were online, percent (null without miners)") BigDecimal uptimePercent,
            @Doc("Energy used in the last 24 h, MWh") BigDecimal energyMwhPerDay,
            @Doc("Revenue a day at the current hashprice and hashrate, after the pool fee, USD (null: no hashprice)") BigDecimal revenueUsdPerDay,
            @Doc("Energy not drawn by curtailment in the last 24 h, MWh: power reduced × time curtailed") BigDecimal curtailedMwh) {
    }
}
