package org.hashgrid.analytics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.hashgrid.core.FieldError;
import org.hashgrid.core.ProblemException;
import org.junit.jupiter.api.Test;

/** CSV imports: columns by header, errors by line number (empty lines counted), malformed quoting. */
class MarketCsvTest {

    @Test
    void rowsAreReadByHeaderWithLineNumbers() {
        List<MarketRow> rows = read("""
                btc_price,created_at,block_reward
                60000.5,2025-01-01T00:00:00Z,3.125

                61000,2025-01-01T02:15:00+02:00,
                """);
        assertEquals(2, rows.size());
        assertEquals("line 2: ", rows.get(0).where());
        assertEquals("line 4: ", rows.get(1).where());
        assertEquals(new BigDecimal("60000.5"), rows.get(0).snapshot().btcPrice());
        assertEquals(Instant.parse("2025-01-01T00:15:00Z"), rows.get(1).snapshot().time());
        assertNull(rows.get(1).snapshot().blockReward());
    }

    @Test
    void everyBadCellIsReportedByLine() {
        ProblemException bad = assertThrows(ProblemException.class, () -> read("""
                created_at,btc_price,network_difficulty
                yesterday,60000,1e14
                2025-01-01T00:00:00Z,sixty,1e14,9
                """));
        assertEquals(List.of(new FieldError("line 2: created_at", "must be an ISO-8601 time with offset"),
                new FieldError("line 3", "has 4 cells, the header 3"),
                new FieldError("line 3: btc_price", "must be a decimal number")), bad.errors());
    }

    @Test
    void headerProblemsAndMalformedQuotesAreNamed() {
        ProblemException header = assertThrows(ProblemException.class, () -> read("time,price\n1,2\n"));
        assertEquals(List.of(new FieldError("line 1", "unknown column time"),
                new FieldError("line 1", "unknown column price"), new FieldError("line 1", "missing column btc_price"),
                new FieldError("line 1", "missing column created_at")), header.errors());
        ProblemException quote = assertThrows(ProblemException.class,
                () -> read("created_at,btc_price\n2025-01-01T00:00:00Z,1\n2025-01-01T00:15:00Z,\"2\"x\n"));
        assertEquals("line 3", quote.errors().get(0).field());
    }

    @Test
    void tooManyRowsStopTheRead() {
        ProblemException refused = assertThrows(ProblemException.class, () -> MarketCsv.read(stream(
                "created_at,btc_price\n2025-01-01T00:00:00Z,1\n2025-01-01T00:15:00Z,2\n2025-01-01T00:30:00Z,3\n"), 2));
        assertEquals("At most 2 snapshots per import: split it", refused.getMessage());
    }

    private static List<MarketRow> read(String csv) {
        return MarketCsv.read(stream(csv), 100);
    }

    private static ByteArrayInputStream stream(String csv) {
        return new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8));
    }
}
