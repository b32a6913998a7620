package org.hashgrid.telemetry.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.support.CommandException;
import org.hashgrid.driver.MinerDriver;
import org.hashgrid.driver.MinerReading;
import org.hashgrid.driver.cgminer.CgminerDriver;
import org.hashgrid.driver.cgminer.internal.CgminerSettings;
import org.hashgrid.hosting.MinerDrivers;
import org.hashgrid.hosting.internal.Inventory;
import org.hashgrid.hosting.internal.InventoryHolds;
import org.hashgrid.hosting.internal.MinerModelService;
import org.hashgrid.hosting.internal.MinerService;
import org.hashgrid.hosting.internal.OperationLog;
import org.hashgrid.hosting.internal.SiteService;
import org.hashgrid.identity.internal.Accounts;
import org.hashgrid.telemetry.internal.LatestStates;
import org.hashgrid.telemetry.internal.Reading;
import org.hashgrid.telemetry.internal.TelemetryStore;
import org.hashgrid.testing.DatabaseTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * hashgrid:miner-list and hashgrid:miner-show on hosting's real services, telemetry's latest
 * state written by the ingest, and a real PostgreSQL.
 */
class MinerCommandsTest extends DatabaseTest {
    private static final String SECONDS_AGO = "<n> s ago";
    private static CgminerDriver cgminer;
    private static Inventory inventory;
    private static MinerDrivers drivers;
    private static long north;
    private static long south;
    private static long reporting;
    private static long failing;
    private static long silent;
    private static long orphan;

    @BeforeAll
    static void fleet() throws Exception {
        cgminer = new CgminerDriver(CgminerSettings.DEFAULTS);
        drivers = new MinerDrivers() {
            @Override
            public Optional<MinerDriver> driver(String id) {
                return id.equals(cgminer.id()) ? Optional.of(cgminer) : Optional.empty();
            }

            @Override
            public Collection<MinerDriver> all() {
                return List.of(cgminer);
            }
        };
        // the address policy only judges writes and poll targets; these miners are inserted as rows
        MinerService miners = new MinerService(tx, null, new Accounts(tx), new InventoryHolds());
        inventory = new Inventory(miners, null, new SiteService(tx, new InventoryHolds()), new MinerModelService(tx),
                new OperationLog(tx, miners), null);
        north = selectLong("INSERT INTO hosting_sites (name, location, capacity_mw) VALUES ('North', 'Kemi', 20) "
                + "RETURNING id");
        south = selectLong("INSERT INTO hosting_sites (name, capacity_mw) VALUES ('South', 5) RETURNING id");
        long model = selectLong("INSERT INTO miner_models (manufacturer, name, hashrate, power_consumption) "
                + "VALUES ('Bitmain', 'S19j Pro', 104, 3068) RETURNING id");
        reporting = miner("N-1", north, model, "'10.0.0.1'", "cgminer", "'" + callers.clientA().userId() + "'");
        failing = miner("N-2", north, model, "'10.0.0.2'", "cgminer", "NULL");
        silent = miner("N-3", north, model, "NULL", "cgminer", "NULL");
        orphan = miner("S-1", south, model, "'10.0.1.1'", "gone", "NULL");
        selectText(
                "UPDATE hosting_sites s SET total_miners = (SELECT count(*) FROM hosting_miners m WHERE m.site_id = s.id), "
                        + "active_miners = (SELECT count(*) FROM hosting_miners m WHERE m.site_id = s.id AND m.status = 'active') "
                        + "RETURNING id");
        selectText("SELECT hashgrid_ensure_telemetry_partitions(1)");

        Instant at = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MICROS);
        TelemetryStore store = new TelemetryStore(db.dataSource());
        LatestStates latest = new LatestStates();
        MinerReading read = MinerReading.builder(at).hashrateThs(104.26).powerW(3_251.4)
                .boardTemperaturesC(List.of(61.0, 63.5, 62.25)).chipTemperaturesC(List.of(77.0, 80.5, 200.0))
                .fanRpms(List.of(5_400, 5_520)).uptimeSeconds(86_400).acceptedShares(1_200).rejectedShares(3)
                .poolUrl("stratum+tcp://pool.example:3333").firmware("cgminer 4.12").build();
        latest.record(store.copy(List.of(new Reading(reporting, north, "active", at, read, null,
                callers.clientA().userId(), model),
                new Reading(failing, north, "active", at, null, "TIMEOUT", null,
                        model))));
        latest.record(store.copy(List.of(new Reading(failing, north, "active", at.plusSeconds(10), null, "TIMEOUT",
                null, model))));
        latest.flush(store);
        inventory.changeStatus(callers.admin(), failing, "maintenance", "fan swap");
    }

    @AfterAll
    static void stopDriver() throws Exception {
        cgminer.close();
    }

    @Test
    void minerListShowsTheInventoryBesideTheLatestState() throws Exception {
        String table = run(list(north, null, 50));
        assertTrue(row(reporting + "", "N-1", north + " North", "S19j Pro", "active", "cgminer 10.0.0.1:4028",
                SECONDS_AGO, "104.3", "80.5", "3251", "0").matcher(table).find(), table);
        assertTrue(row(failing + "", "N-2", north + " North", "S19j Pro", "maintenance", "cgminer 10.0.0.2:4028",
                "never", "-", "-", "-", "2").matcher(table).find(), table);
        assertTrue(row(silent + "", "N-3", north + " North", "S19j Pro", "active", "cgminer (no address)",
                "not polled", "-", "-", "-", "-").matcher(table).find(), table);
        assertFalse(table.contains("S-1"), table);
        assertFalse(table.contains("more of"), table);
    }

    @Test
    void filtersAndLimitsSayWhatIsLeftOut() throws Exception {
        String maintenance = run(list(null, "maintenance", 50));
        assertTrue(maintenance.contains("N-2") && !maintenance.contains("N-1"), maintenance);
        String firstTwo = run(list(null, null, 2));
        assertTrue(firstTwo.contains("N-1") && firstTwo.contains("N-2") && !firstTwo.contains("N-3"), firstTwo);
        assertTrue(firstTwo.strip().endsWith("2 more of 4 not shown: raise --limit or narrow with --site / --status"),
                firstTwo);
        String south = run(list(MinerCommandsTest.south, null, 50));
        assertTrue(south.contains("gone 10.0.1.1:4028 (driver absent)"), south);
    }

    @Test
    void minerListRefusesBadOptionsInOneLine() {
        assertEquals("Site 987654321 does not exist", refusal(list(987_654_321L, null, 50)));
        assertEquals("status must be one of active, offline, maintenance, curtailed",
                refusal(list(null, "sleeping", 50)));
        assertEquals("--limit must be between 1 and 10000", refusal(list(null, null, 0)));
    }

    @Test
    void minerShowPrintsTheRecordTheLastReadingPerHashboardAndTheLog() throws Exception {
        String shown = run(show(reporting, 5));
        for (String expected : new String[] { reporting + " N-1", north + " North", "cgminer 10.0.0.1:4028",
            callers.clientA().email(), "Hashrate TH/s", "104.3", "3251", "31.2", "86400", "1200 / 3",
            "stratum+tcp://pool.example:3333", "cgminer 4.12", "temperature dropped", "Fans RPM: 5400, 5520",
            "No operations" }) {
            assertTrue(shown.contains(expected), expected + " in\n" + shown);
        }
        assertTrue(row("1", "61.0", "77.0").matcher(shown).find(), shown);
        assertTrue(row("3", "62.3", "-").matcher(shown).find(), "the out-of-range chip was dropped\n" + shown);

        String maintained = run(show(failing, 5));
        assertTrue(maintained.contains("2, last: TIMEOUT") && maintained.contains("none yet"), maintained);
        assertTrue(maintained.contains("fan swap") && maintained.contains(callers.admin().email()), maintained);
        String notPolled = run(show(silent, 0));
        assertTrue(notPolled.contains("No reading: telemetry does not poll this miner"), notPolled);
        assertFalse(notPolled.contains("Operation log"), notPolled);
    }

    @Test
    void minerShowOfAnUnknownMinerIsOneLine() {
        assertEquals("Miner 987654321 does not exist", refusal(show(987_654_321L, 5)));
        assertEquals("--operations must be between 0 and 500", refusal(show(reporting, -1)));
    }

    private static MinerListCommand list(Long site, String status, int limit) {
        MinerListCommand list = new MinerListCommand();
        list.accounts = new Accounts(tx);
        list.inventory = inventory;
        list.drivers = drivers;
        list.dataSource = db.dataSource();
        list.site = site;
        list.status = status;
        list.limit = limit;
        return list;
    }

    private static MinerShowCommand show(long id, int operations) {
        MinerShowCommand show = new MinerShowCommand();
        show.accounts = new Accounts(tx);
        show.inventory = inventory;
        show.drivers = drivers;
        show.dataSource = db.dataSource();
        show.id = id;
        show.operations = operations;
        return show;
    }

    /** A table row with these cells, whichever separator the table chose; {@link #SECONDS_AGO} matches an age. */
    private static Pattern row(String... cells) {
        return Pattern.compile(Arrays.stream(cells)
                .map(cell -> cell.equals(SECONDS_AGO) ? "\\d+ s ago" : Pattern.quote(cell))
                .collect(Collectors.joining(" *[│|] *", "(?m)^ *", " *$")));
    }

    private static String refusal(Action command) {
        return assertThrows(CommandException.class, () -> run(command)).getMessage();
    }

    /** Runs a command as the console would and returns what it printed. */
    private static String run(Action command) throws Exception {
        PrintStream console = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            command.execute();
        } finally {
            System.setOut(console);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    private static long miner(String serial, long site, long model, String ip, String driver, String client)
            throws SQLException {
        return selectLong("INSERT INTO hosting_miners (serial_number, miner_model_id, site_id, cgminer_ip, driver, "
                + "client_id) VALUES ('" + serial + "', " + model + ", " + site + ", " + ip + ", '" + driver + "', "
                + client + ") RETURNING id");
    }

}
