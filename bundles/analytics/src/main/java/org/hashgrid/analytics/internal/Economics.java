package org.hashgrid.analytics.internal;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.hashgrid.core.Doc;

/** Answers of {@code GET /analytics/hashprice}. */
public final class Economics {
    private Economics() {
    }

    /** The hashprice of the newest usable snapshot, break-even per model, and revenue, cost and margin. */
    public record Report(@Doc("Time of the market snapshot used") Instant marketTime,
            @Doc("BTC price, USD") BigDecimal btcPrice,
            @Doc("Network difficulty (null: the hashprice comes from the network hashrate)") BigDecimal networkDifficulty,
            @Doc("Network hashrate, EH/s") BigDecimal networkHashrate,
            @Doc("Block subsidy, BTC") BigDecimal blockReward,
            @Doc("Average fees per block, BTC (null: not given, counted as 0)") BigDecimal transactionFees,
            @Doc("BTC per TH/s per day") BigDecimal hashpriceBtcPerThDay,
            @Doc("USD per TH/s per day, before the pool fee") BigDecimal hashpriceUsdPerThDay,
            @Doc("USD per PH/s per day, before the pool fee") BigDecimal hashpriceUsdPerPhDay,
            @Doc("Pool fee deducted from revenue, percent") BigDecimal poolFeePercent,
            @Doc("Power price of sites without their own, USD/MWh") BigDecimal defaultPowerPriceUsdPerMwh,
            @Doc("Break-even power price of each miner model") List<ModelBreakEven> models,
            @Doc("Per site, from the latest measured hashrate and power of its answering miners (a client: its own "
                    + "miners)") List<SiteFigures> sites,
            @Doc("Per client (a client: itself only)") List<ClientFigures> clients) {
    }

    public record ModelBreakEven(@Doc("Miner model id") long minerModelId, String name, String manufacturer,
            @Doc("Nominal hashrate, TH/s") BigDecimal hashrate,
            @Doc("Efficiency, J/TH (the model's, else its power ÷ hashrate)") BigDecimal efficiency,
            @Doc("USD a day one miner earns at its nominal hashrate, after the pool fee") BigDecimal revenueUsdPerDay,
            @Doc("Power price at which it earns what it spends, USD/MWh") BigDecimal breakEvenUsdPerMwh) {
    }

    public record SiteFigures(@Doc("Site id") long siteId, String name,
            @Doc("Miners whose last read answered") int minersReporting,
            @Doc("Their latest hashrate, TH/s") BigDecimal hashrate,
            @Doc("Their latest power, W") BigDecimal powerConsumption,
            @Doc("The site's power price, USD/MWh") BigDecimal powerPriceUsdPerMwh,
            @Doc("site: set for the site; default: the configured default") String powerPriceSource,
            @Doc("USD a day at the current hashprice, after the pool fee") BigDecimal revenueUsdPerDay,
            @Doc("USD a day of energy at the site's price") BigDecimal energyCostUsdPerDay,
            @Doc("revenue - energy cost, USD a day") BigDecimal marginUsdPerDay) {
    }

    public record ClientFigures(@Doc("Client's user id") String clientId,
            @Doc("Miners whose last read answered") int minersReporting,
            @Doc("Their latest hashrate, TH/s") BigDecimal hashrate,
            @Doc("Their latest power, W") BigDecimal powerConsumption,
            @Doc("USD a day, after the pool fee") BigDecimal revenueUsdPerDay,
            @Doc("USD a day of energy, each miner at its site's price") BigDecimal energyCostUsdPerDay,
            @Doc("revenue - energy cost, USD a day") BigDecimal marginUsdPerDay) {
    }
}
