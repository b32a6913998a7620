package org.hashgrid.analytics.internal;

import java.math.BigDecimal;
import java.time.Instant;

import org.hashgrid.core.Doc;

/** What a site pays for electricity. */
public record SitePowerPrice(@Doc("Site id") long siteId,
        @Doc("USD per MWh") BigDecimal priceUsdPerMwh,
        @Doc("site: set for the site; default: the configured default (updated_* null)") String source,
        @Doc("Who set it (user id)") String updatedBy,
        @Doc("When it was set") Instant updatedAt) {
}
