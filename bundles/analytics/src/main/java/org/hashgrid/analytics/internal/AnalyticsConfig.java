package org.hashgrid.analytics.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@value #PID}: polling, imports, indicator signals, money defaults and the KPI cache. */
@ObjectClassDefinition(name = "Hashgrid analytics", description = "Market polling and imports, indicator signal "
        + "thresholds, default power price and pool fee, KPI refresh")
public @interface AnalyticsConfig {
    String PID = "org.hashgrid.analytics";

    @AttributeDefinition(description = "Minutes between market polls (1-1440); snapshots are stored at the start "
            + "of their interval", min = "1", max = "1440")
    int poll_interval_minutes() default 15;

    @AttributeDefinition(description = "Seconds a market source may take to answer (1-120)", min = "1", max = "120")
    int source_timeout_seconds() default 10;

    @AttributeDefinition(description = "Snapshots one import may hold at most (1-100000)", min = "1", max = "100000")
    int import_max_rows() default 10_000;

    @AttributeDefinition(description = "Seconds a snapshot's time may lie ahead of the platform's clock (0-3600)",
            min = "0", max = "3600")
    int future_skew_seconds() default 300;

    @AttributeDefinition(description = "RSI below this is oversold: signal BUY (1-99)", min = "1", max = "99")
    int rsi_oversold() default 30;

    @AttributeDefinition(description = "RSI above this is overbought: signal SELL (1-99, above rsi.oversold)",
            min = "1",
            max = "99")
    int rsi_overbought() default 70;

    @AttributeDefinition(description = "Power price of a site that has none of its own, USD per MWh (decimal, at "
            + "least 0)")
    String power_price_usd_per_mwh() default "50";

    @AttributeDefinition(description = "Pool fee deducted from revenue, percent (decimal, 0-100)")
    String pool_fee_percent() default "0";

    @AttributeDefinition(description = "Seconds between KPI refreshes (5-3600); relevant events refresh sooner",
            min = "5", max = "3600")
    int kpi_refresh_seconds() default 60;
}
