package org.hashgrid.analytics.internal;

import java.time.Instant;

import org.hashgrid.core.Doc;

/** What an import or a poll stored. */
public record ImportOutcome(@Doc("Snapshots in the request") int received,
        @Doc("New snapshots stored") int inserted,
        @Doc("Snapshots already stored with the same values (nothing changed)") int duplicates,
        @Doc("Stored snapshots whose values were replaced (overwrite=true)") int overwritten,
        @Doc("Indicators were recomputed for the snapshots from this time on (ISO-8601 UTC); null when none changed") Instant indicatorsFrom,
        @Doc("Indicator rows written") int indicatorRows) {
}
