package org.hashgrid.analytics.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.hashgrid.analytics.MarketSnapshot;
import org.hashgrid.core.FieldError;
import org.hashgrid.core.ProblemException;

/**
 * Market snapshots from CSV (Apache Commons CSV): a header row naming the columns as the JSON
 * fields of {@code POST /analytics/market} do, then one snapshot per line. Every bad cell of the
 * whole file is reported at once, by line number (the header is line 1) and column; empty lines
 * are skipped and keep their numbers.
 */
public final class MarketCsv {
    private static final Set<String> REQUIRED = Set.of("created_at", "btc_price");
    private static final List<String> KNOWN = List.of("created_at", "btc_price", "network_hashrate",
            "network_difficulty", "block_reward", "transaction_fees", "volume_24h");

    private MarketCsv() {
    }

    /**
     * The rows of {@code body}; at most {@code maxRows} (more: 400 without reading further).
     *
     * @throws ProblemException 400 with every unreadable cell and malformed line
     */
    public static List<MarketRow> read(InputStream body, int maxRows) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(false).setIgnoreSurroundingSpaces(true).get();
        try (Reader reader = new InputStreamReader(body, StandardCharsets.UTF_8);
                CSVParser parser = format.parse(reader)) {
            List<String> header = parser.getHeaderNames().stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
            List<FieldError> errors = new ArrayList<>();
            header.stream().filter(column -> !KNOWN.contains(column))
                    .forEach(column -> errors.add(new FieldError("line 1", "unknown column " + column)));
            REQUIRED.stream().filter(column -> !header.contains(column)).sorted()
                    .forEach(column -> errors.add(new FieldError("line 1", "missing column " + column)));
            if (!errors.isEmpty()) {
                throw ProblemException.validation(errors);
            }
            List<MarketRow> rows = new ArrayList<>();
            long line = parser.getCurrentLineNumber() + 1;
            try {
                for (CSVRecord record : parser) {
                    long next = parser.getCurrentLineNumber() + 1;
                    if (record.size() == 1 && record.get(0).isEmpty()) {
                        line = next;
                        continue;
                    }
                    if (rows.size() == maxRows) {
                        throw ProblemException.badRequest("At most " + maxRows + " snapshots per import: split it");
                    }
                    rows.add(row(record, "line " + line + ": ", errors));
                    line = next;
                }
            } catch (UncheckedIOException e) {
                // the record iterator wraps what the parser throws
                if (e.getCause() instanceof CSVException) {
                    throw malformed(line, errors);
                }
                throw e;
            }
            if (!errors.isEmpty()) {
                throw ProblemException.validation(errors);
            }
            return rows;
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("The body is not valid CSV with a header row: " + e.getMessage());
        } catch (CSVException e) {
            throw malformed(1, List.of());
        } catch (IOException e) {
            // e.g. the body outgrew the size limit: the problem mapping finds the cause and answers 413
            throw new UncheckedIOException(e);
        }
    }

    private static ProblemException malformed(long line, List<FieldError> before) {
        List<FieldError> errors = new ArrayList<>(before);
        errors.add(new FieldError("line " + line, "is not valid CSV: a quote is not closed, or a quoted cell is "
                + "followed by more text (lines after it were not read)"));
        return ProblemException.validation(errors);
    }

    private static MarketRow row(CSVRecord record, String where, List<FieldError> errors) {
        if (!record.isConsistent()) {
            errors.add(new FieldError(where.substring(0, where.length() - 2), "has " + record.size()
                    + " cells, the header " + record.getParser().getHeaderNames().size()));
        }
        Cells cells = new Cells(record, where, errors);
        return new MarketRow(where, new MarketSnapshot(
                cells.parse("created_at", t -> OffsetDateTime.parse(t).toInstant(), "an ISO-8601 time with offset"),
                cells.decimal("btc_price"), cells.decimal("network_hashrate"), cells.decimal("network_difficulty"),
                cells.decimal("block_reward"), cells.decimal("transaction_fees"), cells.decimal("volume_24h")));
    }

    /** Typed access to one record's cells; an empty cell is an absent value. */
    private record Cells(CSVRecord record, String where, List<FieldError> errors) {
        BigDecimal decimal(String column) {
            return parse(column, BigDecimal::new, "a decimal number");
        }

        <T> T parse(String column, Function<String, T> parser, String expected) {
            String value = record.isMapped(column) && record.isSet(column) ? record.get(column) : null;
            if (value == null || value.isEmpty()) {
                return null;
            }
            try {
                return parser.apply(value);
            } catch (NumberFormatException | DateTimeParseException e) {
                errors.add(new FieldError(where + column, "must be " + expected));
                return null;
            }
        }
    }
}
