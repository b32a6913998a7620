/**
 * The analytics module's SPI: {@link org.hashgrid.analytics.MarketDataSource}, a source of market
 * snapshots that any bundle may register as a DS service (the platform polls the sources it finds,
 * highest {@code service.ranking} first), and the {@link org.hashgrid.analytics.MarketSnapshot} a
 * source answers. The module owns (writes alone) {@code market_analytics},
 * {@code technical_indicators} and {@code analytics_site_power_prices}.
 */
@Export
@Version("1.0.0")
package org.hashgrid.analytics;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
