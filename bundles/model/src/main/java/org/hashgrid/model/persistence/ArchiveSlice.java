package org.hashgrid.model.persistence;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

/**
 * What one archive holds: the rows of {@code source} whose {@code timeColumn} lies in
 * [{@code from}, {@code to}), or all its rows when {@code timeColumn} is null (a detached
 * partition, whose bounds guarantee the range). {@code table} is the logical table the rows
 * belong to: it names the archive's folder and is the default target of a restore.
 * Identifiers are lower-case SQL names (checked), so the SQL built from a slice is safe.
 */
public record ArchiveSlice(String table, String source, String timeColumn, Instant from, Instant to) {

    public ArchiveSlice {
        TableArchives.identifier(table);
        TableArchives.identifier(source);
        if (timeColumn != null) {
            TableArchives.identifier(timeColumn);
        }
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("Empty range " + from + " to " + to);
        }
    }

    /** The rows of {@code table} in {@code month} (UTC) by {@code timeColumn}. */
    public static ArchiveSlice month(String table, String timeColumn, YearMonth month) {
        return new ArchiveSlice(table, table, timeColumn, start(month), start(month.plusMonths(1)));
    }

    /** Every row of {@code partition}, the (detached) partition of {@code table} holding {@code month}. */
    public static ArchiveSlice partition(String table, String partition, YearMonth month) {
        return new ArchiveSlice(table, partition, null, start(month), start(month.plusMonths(1)));
    }

    /** {@code <table>_yYYYYmMM}: the month of {@code from}, as monthly partitions are named. */
    public String name() {
        YearMonth month = YearMonth.from(from.atOffset(ZoneOffset.UTC));
        return String.format("%s_y%04dm%02d", table, month.getYear(), month.getMonthValue());
    }

    /** The condition selecting the slice's rows, empty for a whole source; the same text archives and deletes. */
    String where() {
        return timeColumn == null ? ""
                : " WHERE " + TableArchives.quote(timeColumn) + " >= '" + from + "' AND "
                        + TableArchives.quote(timeColumn)
                        + " < '" + to + "'";
    }

    static Instant start(YearMonth month) {
        return month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }
}
