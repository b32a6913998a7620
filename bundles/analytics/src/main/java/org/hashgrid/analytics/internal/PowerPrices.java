package org.hashgrid.analytics.internal;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;

import org.hashgrid.core.Caller;
import org.hashgrid.core.ConfigCheck;
import org.hashgrid.core.ProblemException;
import org.hashgrid.core.Validation;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Each site's power price ({@code analytics_site_power_prices}), the default for sites without
 * one ({@code power.price.usd.per.mwh}) and the pool fee ({@code pool.fee.percent}).
 */
@Component(service = PowerPrices.class, configurationPid = AnalyticsConfig.PID)
public class PowerPrices {
    private static final Logger LOG = LoggerFactory.getLogger(PowerPrices.class);
    private static final BigDecimal MAX_PRICE = new BigDecimal("99999999.99");

    private final AnalyticsDatabase db;
    private volatile Settings settings;

    record Settings(BigDecimal defaultPrice, BigDecimal poolFeePercent) {
        static Settings read(ConfigCheck check, AnalyticsConfig c) {
            return new Settings(check.value("power.price.usd.per.mwh",
                    () -> Money.decimal(c.power_price_usd_per_mwh(), BigDecimal.ZERO, MAX_PRICE), null),
                    check.value("pool.fee.percent",
                            () -> Money.decimal(c.pool_fee_percent(), BigDecimal.ZERO, Money.HUNDRED), null));
        }
    }

    @Activate
    public PowerPrices(@Reference AnalyticsDatabase db, AnalyticsConfig config) {
        this.db = db;
        modified(config);
    }

    @Modified
    void modified(AnalyticsConfig config) {
        settings = ConfigCheck.apply(AnalyticsConfig.PID, AnalyticsConfig.class, config, settings, Settings::read,
                LOG::warn);
    }

    public BigDecimal defaultPrice() {
        return settings.defaultPrice();
    }

    public BigDecimal poolFeePercent() {
        return settings.poolFeePercent();
    }

    /** The site's price, or the default; 404 for an unknown site. */
    public SitePowerPrice get(long siteId) {
        try {
            return db.read(c -> {
                requireSite(c, siteId);
                try (PreparedStatement s = c.prepareStatement("SELECT price_usd_per_mwh, updated_by, updated_at "
                        + "FROM analytics_site_power_prices WHERE site_id = ?")) {
                    s.setLong(1, siteId);
                    try (ResultSet rs = s.executeQuery()) {
                        return rs.next() ? new SitePowerPrice(siteId, rs.getBigDecimal(1), "site", rs.getString(2),
                                rs.getTimestamp(3).toInstant())
                                : new SitePowerPrice(siteId, defaultPrice(), "default", null, null);
                    }
                }
            });
        } catch (SQLException e) {
            throw new IllegalStateException("power price query failed", e);
        }
    }

    /** Sets the site's price (USD/MWh, at least 0, at most 2 decimals); 404 for an unknown site. */
    public SitePowerPrice set(Caller caller, long siteId, BigDecimal price) {
        new Validation().required("price_usd_per_mwh", price).notNegative("price_usd_per_mwh", price)
                .check(price == null || price.stripTrailingZeros().scale() <= 2, "price_usd_per_mwh",
                        "has more than 2 decimals")
                .check(price == null || price.compareTo(MAX_PRICE) <= 0, "price_usd_per_mwh",
                        "must be at most " + MAX_PRICE.toPlainString())
                .validate();
        try {
            SitePowerPrice set = db.primary(c -> {
                requireSite(c, siteId);
                try (PreparedStatement s = c.prepareStatement("INSERT INTO analytics_site_power_prices AS p (site_id, "
                        + "price_usd_per_mwh, updated_by, updated_at) VALUES (?, ?, ?, now()) ON CONFLICT (site_id) "
                        + "DO UPDATE SET price_usd_per_mwh = EXCLUDED.price_usd_per_mwh, updated_by = "
                        + "EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at RETURNING updated_at")) {
                    s.setLong(1, siteId);
                    s.setBigDecimal(2, price);
                    s.setString(3, caller.accountId());
                    try (ResultSet rs = s.executeQuery()) {
                        rs.next();
                        Timestamp at = rs.getTimestamp(1);
                        return new SitePowerPrice(siteId, price.setScale(2), "site", caller.accountId(),
                                at.toInstant());
                    }
                }
            });
            LOG.info("Power price of site {} set to {} USD/MWh by {}", siteId, price.toPlainString(), caller.userId());
            return set;
        } catch (SQLException e) {
            throw new IllegalStateException("setting the power price failed", e);
        }
    }

    /** Sites are hosting's: read here, never written. */
    static void requireSite(Connection c, long siteId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM hosting_sites WHERE id = ?")) {
            s.setLong(1, siteId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw ProblemException.notFound("Site", siteId);
                }
            }
        }
    }
}
