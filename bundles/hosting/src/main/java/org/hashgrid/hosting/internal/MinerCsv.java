package org.hashgrid.hosting.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
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
import org.hashgrid.core.FieldError;
import org.hashgrid.core.ProblemException;
import org.hashgrid.hosting.NewMiner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads miners from CSV (Apache Commons CSV): a header row naming columns as the JSON fields of
 * {@code POST /miners} do, then one miner per row. Every cell problem of the whole file is
 * reported at once, by row and column.
 */
final class MinerCsv {
    private static final Logger LOG = LoggerFactory.getLogger(MinerCsv.class);
    static final int MAX_ROWS = 10_000;
    private static final Set<String> REQUIRED = Set.of("serial_number", "miner_model_id", "site_id");
    private static final Set<String> KNOWN = Set.of("serial_number", "miner_model_id", "site_id", "status",
            "cgminer_ip", "cgminer_port", "cgminer_enabled", "driver", "client_id", "purchase_date", "warranty_expiry",
            "control_port");

    private MinerCsv() {
    }

    /** The rows, numbered from 2 (row 1 is the header). */
    static List<NewMiner> read(InputStream body) {
        CSVFormat format = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).setTrim(true)
                .setIgnoreEmptyLines(true).setIgnoreSurroundingSpaces(true).get();
        try (Reader reader = new InputStreamReader(body, StandardCharsets.UTF_8);
                CSVParser parser = format.parse(reader)) {
            List<String> header = parser.getHeaderNames().stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
            List<FieldError> errors = new ArrayList<>();
            header.stream().filter(column -> !KNOWN.contains(column))
                    .forEach(column -> errors.add(new FieldError("header", "unknown column " + column)));
            REQUIRED.stream().filter(column -> !header.contains(column)).sorted()
                    .forEach(column -> errors.add(new FieldError("header", "missing column " + column)));
            if (!errors.isEmpty()) {
                throw ProblemException.validation(errors);
            }
            List<NewMiner> rows = new ArrayList<>();
            try {
                for (CSVRecord record : parser) {
                    if (rows.size() == MAX_ROWS) {
                        throw ProblemException.badRequest("At most " + MAX_ROWS + " miners per import");
                    }
                    rows.add(row(record, errors));
                }
            } catch (UncheckedIOException e) {
                // the record iterator wraps what the parser throws
                if (e.getCause() instanceof CSVException malformed) {
                    throw malformedRow(rows.size() + 2, malformed);
                }
                throw e;
            }
            if (!errors.isEmpty()) {
                throw ProblemException.validation(errors);
            }
            if (rows.isEmpty()) {
                throw ProblemException.badRequest("The CSV holds a header but no miner");
            }
            return rows;
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("The body is not valid CSV: " + e.getMessage());
        } catch (CSVException e) {
            throw malformedRow(1, e);
        } catch (IOException e) {
            // e.g. the body outgrew the size limit: the problem mapping finds the cause and answers 413
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A row the parser cannot read: 400 naming the row. The parser's own message (which names
     * Java exceptions) stays in the server's debug log.
     */
    private static ProblemException malformedRow(int row, CSVException malformed) {
        LOG.debug("Malformed CSV at row {}", row, malformed);
        return ProblemException.validation(List.of(new FieldError("row " + row,
                "is not valid CSV: a quote is not closed, or a quoted cell is followed by more text")));
    }

    private static NewMiner row(CSVRecord record, List<FieldError> errors) {
        Cells cells = new Cells(record, errors);
        if (!record.isConsistent()) {
            errors.add(new FieldError("row " + (record.getRecordNumber() + 1),
                    "has a different number of cells than the header"));
        }
        return new NewMiner(cells.text("serial_number"), cells.parse("miner_model_id", Long::valueOf, "a number"),
                cells.parse("site_id", Long::valueOf, "a number"), cells.text("status"), cells.text("cgminer_ip"),
                cells.parse("cgminer_port", Integer::valueOf, "a number"),
                cells.parse("cgminer_enabled", Cells::bool, "true or false"), cells.text("driver"),
                cells.text("client_id"), cells.parse("purchase_date", LocalDate::parse, "a date YYYY-MM-DD"),
                cells.parse("warranty_expiry", LocalDate::parse, "a date YYYY-MM-DD"),
                cells.parse("control_port", Integer::valueOf, "a number"));
    }

    /** Typed access to one record's cells; an empty cell is an absent value. */
    private record Cells(CSVRecord record, List<FieldError> errors) {
        String text(String column) {
            String value = record.isMapped(column) && record.isSet(column) ? record.get(column) : null;
            return value == null || value.isEmpty() ? null : value;
        }

        <T> T parse(String column, Function<String, T> parser, String expected) {
            String value = text(column);
            if (value == null) {
                return null;
            }
            try {
                return parser.apply(value);
            } catch (NumberFormatException | DateTimeParseException e) {
                errors.add(
                        new FieldError("row " + (record.getRecordNumber() + 1) + ": " + column, "must be " + expected));
                return null;
            }
        }

        static Boolean bool(String value) {
            return switch (value.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "1" -> Boolean.TRUE;
                case "false", "no", "0" -> Boolean.FALSE;
                default -> throw new NumberFormatException(value);
            };
        }
    }
}
