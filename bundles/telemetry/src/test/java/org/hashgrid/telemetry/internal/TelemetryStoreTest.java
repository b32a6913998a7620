package org.hashgrid.telemetry.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.hashgrid.driver.BoardReading;
import org.hashgrid.driver.MinerMode;
import org.hashgrid.driver.MinerReading;
import org.hashgrid.driver.PoolReading;
import org.hashgrid.telemetry.ReadingFlags;
import org.hashgrid.testing.DatabaseTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The COPY ingest and the latest-state upsert on a real PostgreSQL. */
class TelemetryStoreTest extends DatabaseTest {
    private static TelemetryStore store;
    private static final LatestStates LATEST = new LatestStates();
    private static long site;
    private static long model;
    private static int serial;

    @BeforeAll
    static void fleet() throws SQLException {
        store = new TelemetryStore(db.dataSource());
        site = selectLong("INSERT INTO hosting_sites (name, capacity_mw) VALUES ('telemetry', 10) RETURNING id");
        model = selectLong("INSERT INTO miner_models (manufacturer, name, hashrate, power_consumption) "
                + "VALUES ('Bitmain', 'S19 Pro', 110, 3250) RETURNING id");
        selectRow("SELECT hashgrid_ensure_telemetry_partitions(1)");
        // readings of the last hours fall in last month on the 1st of a month: its partition too
        java.time.LocalDate thisMonth = java.time.LocalDate.now(java.time.ZoneOffset.UTC).withDayOfMonth(1);
        java.time.LocalDate lastMonth = thisMonth.minusMonths(1);
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(String.format("CREATE TABLE IF NOT EXISTS miner_telemetry_y%dm%02d PARTITION OF miner_telemetry "
                    + "FOR VALUES FROM ('%s 00:00:00+00') TO ('%s 00:00:00+00')", lastMonth.getYear(),
                    lastMonth.getMonthValue(), lastMonth, thisMonth));
        }
    }

    @Test
    void readingsAreCopiedWithTheirDetailAndTheLatestStateFollows() throws SQLException {
        long miner = newMiner();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        MinerReading reading = MinerReading.builder(at).hashrateThs(104.2567).powerW(3_251.456)
                .boardTemperaturesC(List.of(61.5, 63.25, 60.0)).chipTemperaturesC(List.of(78.0, 81.75))
                .fanRpms(List.of(5_400, 5_520)).poolUrl("stratum+tcp://pool:3333").build();
        List<LatestStates.Outcome> outcomes =
                write(List.of(Reading.success(miner, site, "active", at, reading)));
        assertEquals(List.of(new LatestStates.Outcome(miner, 0)), outcomes);

        List<String> row = selectRow("SELECT hashrate, temperature, power_consumption, fan_speed, board_temperatures, "
                + "chip_temperatures, fan_speeds, flags, recorded_at = '" + at
                + "' FROM miner_telemetry WHERE miner_id = "
                + miner);
        assertEquals(List.of("104.257", "81.75", "3251.46", "5460", "{61.5,63.25,60}", "{78,81.75}", "{5400,5520}",
                "0", "t"), row);
        List<String> latest = selectRow("SELECT hashrate, efficiency, consecutive_failures, detail->>'pool_url', "
                + "last_success_at IS NOT NULL FROM miner_latest_state WHERE miner_id = " + miner);
        assertEquals(List.of("104.257", "31.19", "0", "stratum+tcp://pool:3333", "t"), latest);
    }

    @Test
    void theLatestStateKeepsBoardsPoolsAndIdentity() throws SQLException {
        long miner = newMiner();
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        MinerReading reading = MinerReading.builder(at).hashrateThs(99.8)
                .boards(List.of(BoardReading.of(1).withHashrateThs(33.3).withNominalHashrateThs(33.33)
                        .withTemperatures(List.of(52.0, 58.0), List.of(66.0, 81.0)).withChips(126, 1)
                        .withHardwareErrors(20)))
                .pools(List.of(PoolReading.of(0, "stratum+tcp://a:3333").withUser("w1").withStatus("Alive")
                        .withPriority(0).withActive(true).withShares(1800, 4, 1),
                        PoolReading.of(1, "stratum+tcp://b:3333").withStatus("Dead").withPriority(1)
                                .withActive(false)))
                .firmwareName("Bitmain stock").firmwareVersion("Fri Aug 20 16:18:52 CST 2021")
                .macAddress("C4:0B:11:00:2A:5F").nominalHashrateThs(100).mode(MinerMode.LOW_POWER)
                .powerLimitW(3600).psuFanRpm(6240).errors(List.of("error code 531")).build();
        write(List.of(Reading.success(miner, site, "active", at, reading)));
        List<String> latest = selectRow("SELECT detail->'boards'->0->>'chip_temperatures', "
                + "detail->'boards'->0->>'failed_chips', detail->'boards'->0->>'nominal_hashrate', "
                + "detail->'pools'->1->>'status', detail->'pools'->0->>'stale', detail->>'firmware_name', "
                + "detail->>'firmware_version', detail->>'mac_address', detail->>'mode', detail->>'power_limit', "
                + "detail->>'psu_fan_speed', detail->>'nominal_hashrate', detail->'errors'->>0, detail->>'chip_temperatures' "
                + "FROM miner_latest_state WHERE miner_id = " + miner);
        assertEquals(List.of("[66.0, 81.0]", "1", "33.33", "Dead", "1", "Bitmain stock", "Fri Aug 20 16:18:52 CST 2021",
                "C4:0B:11:00:2A:5F", "low_power", "3600.0", "6240", "100.0", "error code 531", "[81.0]"), latest);
        assertEquals(List.of("{81}"),
                selectRow("SELECT chip_temperatures FROM miner_telemetry WHERE miner_id = " + miner),
                "raw rows keep their arrays");
    }

    @Test
    void failuresCountInARowAcrossBatchesAndASuccessResetsThem() throws SQLException {
        long miner = newMiner();
        Instant t0 = Instant.now().minusSeconds(600).truncatedTo(ChronoUnit.MICROS);
        MinerReading good = MinerReading.builder(t0).hashrateThs(100).build();
        write(List.of(Reading.success(miner, site, "active", t0, good)));
        List<LatestStates.Outcome> two = write(List.of(
                Reading.failure(miner, site, "active", t0.plusSeconds(60), "TIMEOUT: no answer"),
                Reading.failure(miner, site, "active", t0.plusSeconds(120), "TIMEOUT: no answer")));
        assertEquals(2, two.get(0).consecutiveFailures());
        assertEquals(3, write(List.of(Reading.failure(miner, site, "active", t0.plusSeconds(180), "UNREACHABLE")))
                .get(0).consecutiveFailures());
        assertEquals(List.of("100.000", "3", "UNREACHABLE"),
                selectRow("SELECT hashrate, consecutive_failures, last_error "
                        + "FROM miner_latest_state WHERE miner_id = " + miner),
                "the last reading stays while reads fail");
        List<LatestStates.Outcome> back = write(List.of(
                Reading.failure(miner, site, "active", t0.plusSeconds(240), "TIMEOUT"),
                Reading.success(miner, site, "offline", t0.plusSeconds(300),
                        MinerReading.builder(t0.plusSeconds(300)).hashrateThs(90).build())));
        assertEquals(0, back.get(0).consecutiveFailures());
        assertEquals(java.util.Arrays.asList("90.000", "0", null),
                selectRow("SELECT hashrate, consecutive_failures, last_error "
                        + "FROM miner_latest_state WHERE miner_id = " + miner));
        assertEquals("2", selectRow("SELECT count(*) FROM miner_telemetry WHERE miner_id = " + miner).get(0));
    }

    @Test
    void impossibleValuesAreDroppedAndFlaggedAndAClockFarOffIsReplaced() throws SQLException {
        long miner = newMiner();
        Instant polled = Instant.now().truncatedTo(ChronoUnit.MICROS);
        MinerReading absurd = MinerReading.builder(polled.plusSeconds(3_600)).hashrateThs(90_000).powerW(3_000)
                .boardTemperaturesC(List.of(65.0, 10_000.0)).maxTemperatureC(10_000).fanRpms(List.of(6_000, 99_000))
                .build();
        write(List.of(Reading.success(miner, site, "active", polled, absurd)));
        int expected = ReadingFlags.HASHRATE_DROPPED | ReadingFlags.TEMPERATURE_DROPPED | ReadingFlags.FAN_DROPPED
                | ReadingFlags.CLOCK_SKEW;
        assertEquals(java.util.Arrays.asList(null, "65.00", "3000.00", "6000", "{65}", String.valueOf(expected), "t"),
                selectRow("SELECT hashrate, temperature, power_consumption, fan_speed, board_temperatures, flags, "
                        + "recorded_at = '" + polled + "' FROM miner_telemetry WHERE miner_id = " + miner));
        assertNull(selectRow("SELECT efficiency FROM miner_latest_state WHERE miner_id = " + miner).get(0),
                "no efficiency without a hashrate");
    }

    @Test
    void theLatestStateKeepsOnlyPolledMiners() throws SQLException {
        long kept = newMiner();
        long gone = newMiner();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        write(List.of(Reading.failure(kept, site, "active", now, "TIMEOUT"),
                Reading.failure(gone, site, "active", now, "TIMEOUT")));
        List<Long> all = new ArrayList<>();
        for (String id : queryColumn("SELECT miner_id FROM miner_latest_state")) {
            all.add(Long.parseLong(id));
        }
        all.remove(gone);
        assertEquals(1, store.retainLatest(all.stream().mapToLong(Long::longValue).toArray()));
        assertEquals("0", selectRow("SELECT count(*) FROM miner_latest_state WHERE miner_id = " + gone).get(0));
        assertEquals("1", selectRow("SELECT count(*) FROM miner_latest_state WHERE miner_id = " + kept).get(0));
    }

    @Test
    void aBatchIsAllOrNothing() throws SQLException {
        long miner = newMiner();
        Instant farFuture = Instant.parse("2099-01-01T00:00:00Z"); // no partition: the COPY fails
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<Reading> batch = List.of(
                Reading.success(miner, site, "active", now, MinerReading.builder(now).hashrateThs(1).build()),
                Reading.success(miner, site, "active", farFuture,
                        MinerReading.builder(farFuture).hashrateThs(2).build()));
        assertThrows(SQLException.class, () -> write(batch));
        assertNull(LATEST.state(miner), "nothing of a refused batch reaches the latest state");
        assertEquals("0", selectRow("SELECT count(*) FROM miner_telemetry WHERE miner_id = " + miner).get(0));
        assertEquals("0", selectRow("SELECT count(*) FROM miner_latest_state WHERE miner_id = " + miner).get(0));
    }

    @Test
    void numericsAreEncodedExactlyAsPostgresqlRoundsText() throws Exception {
        double[] values = { 0, 0.0004, 0.0005, 0.001, 1, 9_999.9995, 10_000, 12_345_678.9, 99_999.999, 0.12, -3.14159,
            -0.0001, 100_000_000, 123_456_789.0125 };
        PgCopyBinary copy = new PgCopyBinary();
        for (int i = 0; i < values.length; i++) {
            copy.row(2).int4(i).numeric(values[i], 3);
        }
        byte[] stream = copy.finish();
        List<String> stored = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TEMP TABLE numbers (i integer, v numeric(12,3))");
            c.unwrap(org.postgresql.PGConnection.class).getCopyAPI()
                    .copyIn("COPY numbers FROM STDIN (FORMAT binary)", new java.io.ByteArrayInputStream(stream));
            try (ResultSet rs = s.executeQuery("SELECT v::text FROM numbers ORDER BY i")) {
                while (rs.next()) {
                    stored.add(rs.getString(1));
                }
            }
        }
        List<String> expected = new ArrayList<>();
        for (double v : values) {
            expected.add(selectRow("SELECT round(" + java.math.BigDecimal.valueOf(v).toPlainString()
                    + "::numeric, 3)::numeric(12,3)::text").get(0));
        }
        assertEquals(expected, stored);
    }

    @Test
    void manyMinersInOneBatch() throws SQLException {
        Instant t = Instant.now().minusSeconds(7_200).truncatedTo(ChronoUnit.MICROS);
        List<Long> miners = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            miners.add(newMiner());
        }
        List<Reading> batch = new ArrayList<>();
        for (int round = 0; round < 200; round++) {
            for (long miner : miners) {
                Instant at = t.plusMillis(round * 1_000L + miner);
                batch.add(Reading.success(miner, site, "active", at,
                        MinerReading.builder(at).hashrateThs(round).boardTemperaturesC(List.of(60.0 + round % 5))
                                .build()));
            }
        }
        long before = Long.parseLong(selectRow("SELECT count(*) FROM miner_telemetry").get(0));
        List<LatestStates.Outcome> outcomes = write(batch);
        assertEquals(miners.size(), outcomes.size());
        assertEquals(before + 1_000, Long.parseLong(selectRow("SELECT count(*) FROM miner_telemetry").get(0)));
        assertArrayEquals(new byte[] { 'P', 'G', 'C', 'O', 'P', 'Y' }, java.util.Arrays.copyOf(
                TelemetryStore.encode(List.of()), 6));
    }

    /** What the ingest does with a batch: COPY, then the latest state (flushed at once here). */
    private static List<LatestStates.Outcome> write(List<Reading> batch) throws SQLException {
        List<LatestStates.Outcome> outcomes = LATEST.record(store.copy(batch));
        LATEST.flush(store);
        return outcomes;
    }

    /** A miner of this test alone. */
    static long newMiner() throws SQLException {
        serial++;
        return selectLong("INSERT INTO hosting_miners (serial_number, miner_model_id, site_id, cgminer_ip) VALUES ('T-"
                + serial + "', " + model + ", " + site + ", '10.1.0." + serial + "') RETURNING id");
    }

    private static List<String> queryColumn(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            List<String> column = new ArrayList<>();
            while (rs.next()) {
                column.add(rs.getString(1));
            }
            return column;
        }
    }
}
