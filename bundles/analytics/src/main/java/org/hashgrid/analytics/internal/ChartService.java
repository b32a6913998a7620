package org.hashgrid.analytics.internal;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.hashgrid.analytics.MarketSnapshot;
import org.hashgrid.analytics.indicators.IndicatorSettings;
import org.hashgrid.core.ProblemException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The analytics charts as SVG text (see {@link SvgChart}), from the read path. */
@Component(service = ChartService.class)
public class ChartService {
    /** Points a chart draws at most: the newest ones of the range. */
    static final int MAX_POINTS = 5_000;

    private final MarketQueries queries;
    private final MarketService market;
    private final PowerPrices prices;
    private final AnalyticsDatabase db;

    @Activate
    public ChartService(@Reference MarketQueries queries, @Reference MarketService market,
            @Reference PowerPrices prices, @Reference AnalyticsDatabase db) {
        this.queries = queries;
        this.market = market;
        this.prices = prices;
        this.db = db;
    }

    /** BTC price with its Bollinger bands, and the RSI with the signal thresholds. */
    public String price(TimeRange range) {
        List<IndicatorPoint> points = queries.indicatorSeries(range, MAX_POINTS);
        IndicatorSettings s = market.indicatorSettings();
        return SvgChart.render("BTC price, Bollinger bands (" + s.bollingerPeriod() + ", " + s.bollingerWidth()
                + ") and RSI (" + s.rsiPeriod() + ")", points.stream().map(IndicatorPoint::createdAt).toList(),
                List.of(new SvgChart.Panel("USD", 300,
                        List.of(new SvgChart.Line("price", "#222222", values(points, IndicatorPoint::btcPrice), false),
                                new SvgChart.Line("SMA " + s.bollingerPeriod(), "#1f6fb2",
                                        values(points, IndicatorPoint::bbMiddle), true)),
                        List.of(new SvgChart.Band("#1f6fb2", values(points, IndicatorPoint::bbLower),
                                values(points, IndicatorPoint::bbUpper))),
                        List.of(), null, null),
                        new SvgChart.Panel("RSI", 120,
                                List.of(new SvgChart.Line("RSI", "#8a3ab9", values(points, IndicatorPoint::rsi),
                                        false)),
                                List.of(), List.of(s.rsiOversold(), s.rsiOverbought()), 0.0, 100.0)));
    }

    /** USD per PH/s per day of every snapshot that has what the hashprice needs. */
    public String hashprice(TimeRange range) {
        List<MarketSnapshot> points = queries.snapshotSeries(range, MAX_POINTS);
        BigDecimal fee = prices.poolFeePercent();
        double[] perPh = points.stream().mapToDouble(m -> {
            Hashprice hp = Hashprice.of(m.btcPrice(), m.difficulty(), m.networkHashrate(), m.blockReward(),
                    m.transactionFees(), fee);
            return hp == null ? Double.NaN : hp.usdPerThDay().movePointRight(3).doubleValue();
        }).toArray();
        return SvgChart.render("Hashprice", points.stream().map(MarketSnapshot::time).toList(),
                List.of(new SvgChart.Panel("USD per PH/s per day", 300,
                        List.of(new SvgChart.Line("hashprice", "#c0392b", perPh, false)), List.of(), List.of(), null,
                        null)));
    }

    /** A site's hourly hashrate and power (telemetry's site rollup); 404 for an unknown site. */
    public String site(long siteId, TimeRange range) {
        List<Instant> times = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        String name;
        try {
            name = db.read(c -> {
                try (PreparedStatement s = c.prepareStatement("SELECT h.name, t.bucket, t.hashrate, t.power "
                        + "FROM hosting_sites h LEFT JOIN (SELECT bucket, hashrate, power FROM site_telemetry_hourly "
                        + "WHERE site_id = ? AND bucket >= ? AND bucket < ? ORDER BY bucket DESC LIMIT ?) t ON true "
                        + "WHERE h.id = ? ORDER BY t.bucket")) {
                    s.setLong(1, siteId);
                    s.setObject(2, OffsetDateTime.ofInstant(range.from(), ZoneOffset.UTC));
                    s.setObject(3, OffsetDateTime.ofInstant(range.to(), ZoneOffset.UTC));
                    s.setInt(4, MAX_POINTS);
                    s.setLong(5, siteId);
                    String site = null;
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            site = rs.getString(1);
                            if (rs.getTimestamp(2) != null) {
                                times.add(rs.getTimestamp(2).toInstant());
                                rows.add(new double[] { number(rs.getBigDecimal(3)), number(rs.getBigDecimal(4)) });
                            }
                        }
                    }
                    return site;
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("site chart query failed", e);
        }
        if (name == null) {
            throw ProblemException.notFound("Site", siteId);
        }
        return SvgChart.render("Site " + name + ": hashrate and power by hour", times,
                List.of(new SvgChart.Panel("Hashrate, TH/s", 200,
                        List.of(new SvgChart.Line("hashrate", "#16a085", rows.stream().mapToDouble(r -> r[0]).toArray(),
                                false)),
                        List.of(), List.of(), 0.0, null),
                        new SvgChart.Panel("Power, kW", 200, List.of(new SvgChart.Line("power", "#d35400",
                                rows.stream().mapToDouble(r -> r[1] / 1000).toArray(), false)), List.of(), List.of(),
                                0.0, null)));
    }

    private static double[] values(List<IndicatorPoint> points, Function<IndicatorPoint, BigDecimal> value) {
        return points.stream().mapToDouble(p -> number(value.apply(p))).toArray();
    }

    private static double number(BigDecimal value) {
        return value == null ? Double.NaN : value.doubleValue();
    }
}
