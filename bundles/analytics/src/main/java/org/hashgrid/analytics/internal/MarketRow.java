package org.hashgrid.analytics.internal;

import org.hashgrid.analytics.MarketSnapshot;

/**
 * One snapshot of an import and where it came from, for error messages: {@code where} prefixes
 * each field name ({@code "[3]."} for the fourth element of a JSON array, {@code "line 5: "} for
 * a CSV row).
 */
public record MarketRow(String where, MarketSnapshot snapshot) {
}
