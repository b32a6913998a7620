package org.hashgrid.analytics.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.hashgrid.core.Caller;
import org.hashgrid.core.ProblemException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The hashprice of the newest snapshot that has what it needs (price, subsidy, and difficulty or
 * network hashrate), each miner model's break-even power price, and per site and per client the
 * revenue, energy cost and margin a day of the miners that answered their last read, at their
 * latest measured hashrate and power (telemetry's {@code miner_latest_state}, read on the primary:
 * the table is unlogged, so a replica has none of it). Clients see their own miners only.
 */
@Component(service = HashpriceService.class)
public class HashpriceService {
    /** A miner counts while its last read answered. */
    static final String ANSWERING = "l.consecutive_failures = 0 AND l.recorded_at IS NOT NULL";

    private final AnalyticsDatabase db;
    private final PowerPrices prices;

    /** The market figures a hashprice comes from. */
    record Market(Instant time, BigDecimal price, BigDecimal difficulty, BigDecimal hashrate, BigDecimal reward,
            BigDecimal fees) {
        Hashprice hashprice(BigDecimal poolFeePercent) {
            return Hashprice.of(price, difficulty, hashrate, reward, fees, poolFeePercent);
        }
    }

    /** The answering miners of one client (null: the operator's) at one site. */
    record Share(long siteId, String siteName, String clientId, int miners, BigDecimal hashrate, BigDecimal power,
            BigDecimal sitePrice) {
    }

    @Activate
    public HashpriceService(@Reference AnalyticsDatabase db, @Reference PowerPrices prices) {
        this.db = db;
        this.prices = prices;
    }

    public Economics.Report report(Caller caller) {
        try {
            Market market = db.read(HashpriceService::latestMarket);
            BigDecimal fee = prices.poolFeePercent();
            Hashprice hp = market == null ? null : market.hashprice(fee);
            if (hp == null) {
                throw new ProblemException(404, "Not Found", "No hashprice yet: no market snapshot has a price, a "
                        + "block reward and a difficulty or network hashrate; import one with POST /analytics/market");
            }
            List<Economics.ModelBreakEven> models = db.read(c -> models(c, hp));
            List<Share> shares = db.primary(c -> shares(c, caller.ownerScope()));
            return new Economics.Report(market.time(), market.price(), market.difficulty(), market.hashrate(),
                    market.reward(), market.fees(), hp.btcPerThDay().setScale(12, RoundingMode.HALF_EVEN),
                    hp.usdPerThDay().setScale(8, RoundingMode.HALF_EVEN),
                    hp.usdPerThDay().movePointRight(3).setScale(4, RoundingMode.HALF_EVEN), fee, prices.defaultPrice(),
                    models, sites(shares, hp), clients(shares, hp));
        } catch (SQLException e) {
            throw new IllegalStateException("hashprice query failed", e);
        }
    }

    /** The newest snapshot a hashprice can be computed from, or null. */
    static Market latestMarket(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT created_at, btc_price, network_difficulty, "
                + "network_hashrate, block_reward, transaction_fees FROM market_analytics WHERE block_reward IS NOT NULL "
                + "AND (network_difficulty > 0 OR network_hashrate > 0) ORDER BY created_at DESC LIMIT 1");
                ResultSet rs = s.executeQuery()) {
            return rs.next() ? new Market(rs.getTimestamp(1).toInstant(), rs.getBigDecimal(2), rs.getBigDecimal(3),
                    rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getBigDecimal(6)) : null;
        }
    }

    /** Miner models are hosting's: read here, never written. */
    private static List<Economics.ModelBreakEven> models(Connection c, Hashprice hp) throws SQLException {
        List<Economics.ModelBreakEven> models = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, name, manufacturer, hashrate, "
                + "coalesce(efficiency, round(power_consumption / hashrate, 2)) FROM miner_models ORDER BY name, id");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                BigDecimal hashrate = rs.getBigDecimal(4);
                BigDecimal efficiency = rs.getBigDecimal(5);
                models.add(new Economics.ModelBreakEven(rs.getLong(1), rs.getString(2), rs.getString(3), hashrate,
                        efficiency, Hashprice.cents(hp.revenuePerDay(hashrate)),
                        Hashprice.cents(hp.breakEvenUsdPerMwh(efficiency))));
            }
        }
        return models;
    }

    /** Answering miners grouped by site and owner; only {@code client}'s when not null. */
    static List<Share> shares(Connection c, String client) throws SQLException {
        List<Share> shares = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT l.site_id, h.name, l.client_id, count(*), "
                + "coalesce(sum(l.hashrate), 0), coalesce(sum(l.power_consumption), 0), p.price_usd_per_mwh "
                + "FROM miner_latest_state l LEFT JOIN hosting_sites h ON h.id = l.site_id "
                + "LEFT JOIN analytics_site_power_prices p ON p.site_id = l.site_id WHERE " + ANSWERING
                + (client == null ? "" : " AND l.client_id = ?")
                + " GROUP BY l.site_id, h.name, l.client_id, p.price_usd_per_mwh ORDER BY l.site_id, l.client_id")) {
            if (client != null) {
                s.setString(1, client);
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    shares.add(new Share(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4),
                            rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getBigDecimal(7)));
                }
            }
        }
        return shares;
    }

    private List<Economics.SiteFigures> sites(List<Share> shares, Hashprice hp) {
        Map<Long, List<Share>> bySite = new TreeMap<>();
        shares.forEach(s -> bySite.computeIfAbsent(s.siteId(), k -> new ArrayList<>()).add(s));
        List<Economics.SiteFigures> sites = new ArrayList<>();
        bySite.forEach((id, parts) -> {
            Totals t = Totals.of(parts, hp, this);
            Share first = parts.get(0);
            sites.add(new Economics.SiteFigures(id, first.siteName(), t.miners, t.hashrate, t.power, price(first),
                    first.sitePrice() == null ? "default" : "site", t.revenue(), t.cost(), t.margin()));
        });
        return sites;
    }

    private List<Economics.ClientFigures> clients(List<Share> shares, Hashprice hp) {
        Map<String, List<Share>> byClient = new TreeMap<>();
        shares.stream().filter(s -> s.clientId() != null)
                .forEach(s -> byClient.computeIfAbsent(s.clientId(), k -> new ArrayList<>()).add(s));
        List<Economics.ClientFigures> clients = new ArrayList<>();
        byClient.forEach((id, parts) -> {
            Totals t = Totals.of(parts, hp, this);
            clients.add(new Economics.ClientFigures(id, t.miners, t.hashrate, t.power, t.revenue(), t.cost(),
                    t.margin()));
        });
        return clients;
    }

    BigDecimal price(Share share) {
        return share.sitePrice() != null ? share.sitePrice() : prices.defaultPrice();
    }

    /** Sums of shares, exact; money rounded once, and the margin is the difference of the rounded figures. */
    private record Totals(int miners, BigDecimal hashrate, BigDecimal power, BigDecimal exactRevenue,
            BigDecimal exactCost) {
        static Totals of(List<Share> shares, Hashprice hp, HashpriceService service) {
            int miners = 0;
            BigDecimal hashrate = BigDecimal.ZERO;
            BigDecimal power = BigDecimal.ZERO;
            BigDecimal cost = BigDecimal.ZERO;
            for (Share s : shares) {
                miners += s.miners();
                hashrate = hashrate.add(s.hashrate());
                power = power.add(s.power());
                cost = cost.add(Hashprice.energyCostPerDay(s.power(), service.price(s)));
            }
            return new Totals(miners, hashrate, power, hp.revenuePerDay(hashrate), cost);
        }

        BigDecimal revenue() {
            return Hashprice.cents(exactRevenue);
        }

        BigDecimal cost() {
            return Hashprice.cents(exactCost);
        }

        BigDecimal margin() {
            return revenue().subtract(cost());
        }
    }
}
