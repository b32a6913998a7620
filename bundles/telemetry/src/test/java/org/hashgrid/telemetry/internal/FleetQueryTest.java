package org.hashgrid.telemetry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.hashgrid.core.Page;
import org.hashgrid.core.PageRequest;
import org.hashgrid.core.ProblemException;
import org.hashgrid.driver.MinerReading;
import org.hashgrid.testing.DatabaseTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The fleet view's orders, pages and client scope on a real PostgreSQL. */
class FleetQueryTest extends DatabaseTest {
    private static FleetQuery fleet;
    private static long site;
    private static final List<Long> MINERS = new ArrayList<>();

    /** Hashrate and power of each miner; null = not reported. Efficiency = power / hashrate. */
    private static final double[][] FLEET = { { 100, 3_000 }, { 110, 3_250 }, { 90, 3_400 }, { 0, 20 }, { 95, 3_000 } };

    @BeforeAll
    static void fleet() throws SQLException {
        fleet = new FleetQuery(db.dataSource());
        TelemetryStore store = new TelemetryStore(db.dataSource());
        LatestStates latest = new LatestStates();
        site = selectLong("INSERT INTO hosting_sites (name, capacity_mw) VALUES ('fleet', 10) RETURNING id");
        long model = selectLong("INSERT INTO miner_models (manufacturer, name, hashrate, power_consumption) "
                + "VALUES ('Bitmain', 'S19 Pro', 110, 3250) RETURNING id");
        selectText("SELECT hashgrid_ensure_telemetry_partitions(1)");
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<Reading> polls = new ArrayList<>();
        for (int i = 0; i < FLEET.length; i++) {
            long id = selectLong("INSERT INTO hosting_miners (serial_number, miner_model_id, site_id) VALUES ('F-" + i
                    + "', " + model + ", " + site + ") RETURNING id");
            MINERS.add(id);
            String owner = i % 2 == 0 ? callers.clientA().userId() : null;
            polls.add(new Reading(id, site, "active", at, MinerReading.builder(at).hashrateThs(FLEET[i][0])
                    .powerW(FLEET[i][1]).build(), null, owner, model));
        }
        long silent =
                selectLong("INSERT INTO hosting_miners (serial_number, miner_model_id, site_id) VALUES ('F-silent', "
                        + model + ", " + site + ") RETURNING id");
        MINERS.add(silent);
        polls.add(new Reading(silent, site, "active", at, null, "TIMEOUT", null, model));
        latest.record(store.copy(polls));
        latest.flush(store);
    }

    @Test
    void ordersByEfficiencyWithMinersWithoutOneLast() {
        List<Long> asc = ids(fleet.page(callers.owner(), site, "efficiency", "asc", PageRequest.of(10, null)));
        // J/TH: 30, 29.55, 37.78, (0 TH/s: none), 31.58, (never answered: none)
        assertEquals(List.of(MINERS.get(1), MINERS.get(0), MINERS.get(4), MINERS.get(2), MINERS.get(3), MINERS.get(5)),
                asc);
        List<Long> desc = ids(fleet.page(callers.owner(), site, "efficiency", "desc", PageRequest.of(10, null)));
        assertEquals(List.of(MINERS.get(2), MINERS.get(4), MINERS.get(0), MINERS.get(1), MINERS.get(3), MINERS.get(5)),
                desc);
    }

    @Test
    void pagesWalkTheWholeOrderOnceThroughTheNullsToo() {
        for (String sort : List.of("miner", "efficiency", "temperature", "hashrate")) {
            for (String order : List.of("asc", "desc")) {
                List<Long> walked = new ArrayList<>();
                String cursor = null;
                do {
                    Page<FleetQuery.FleetMiner> page = fleet.page(callers.owner(), site, sort, order,
                            PageRequest.of(2, cursor));
                    walked.addAll(ids(page));
                    cursor = page.nextCursor();
                } while (cursor != null);
                assertEquals(ids(fleet.page(callers.owner(), site, sort, order, PageRequest.of(50, null))), walked,
                        sort + " " + order);
                assertEquals(MINERS.size(), walked.size(), sort + " " + order);
            }
        }
    }

    @Test
    void aClientSeesItsOwnMinersOnly() {
        assertEquals(List.of(MINERS.get(0), MINERS.get(2), MINERS.get(4)),
                ids(fleet.page(callers.clientA(), site, "miner", null, PageRequest.of(50, null))));
        assertEquals(List.of(), ids(fleet.page(callers.clientB(), site, "miner", null, PageRequest.of(50, null))));
    }

    @Test
    void badSortsOrdersAndCursorsAre400() {
        assertEquals(400, assertThrows(ProblemException.class,
                () -> fleet.page(callers.owner(), site, "price", null, PageRequest.of(5, null))).status());
        assertEquals(400, assertThrows(ProblemException.class,
                () -> fleet.page(callers.owner(), site, "hashrate", "sideways", PageRequest.of(5, null))).status());
        String hashrateCursor = fleet.page(callers.owner(), site, "hashrate", "asc", PageRequest.of(1, null))
                .nextCursor();
        assertEquals(400, assertThrows(ProblemException.class, () -> fleet.page(callers.owner(), site, "efficiency",
                "asc", PageRequest.of(1, hashrateCursor))).status());
    }

    @Test
    void aMinerThatNeverAnsweredShowsItsFailures() {
        FleetQuery.FleetMiner silent = fleet.page(callers.owner(), site, "miner", "desc", PageRequest.of(50, null))
                .items().stream().filter(m -> m.minerId() == MINERS.get(5)).findFirst().orElseThrow();
        assertNull(silent.hashrate());
        assertNull(silent.lastSuccessAt());
        assertEquals(1, silent.consecutiveFailures());
        assertEquals("TIMEOUT", silent.lastError());
    }

    private static List<Long> ids(Page<FleetQuery.FleetMiner> page) {
        return page.items().stream().map(FleetQuery.FleetMiner::minerId).toList();
    }

}
