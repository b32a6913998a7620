package org.hashgrid.telemetry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.hashgrid.core.DomainEvents;
import org.hashgrid.driver.MinerReading;
import org.hashgrid.testing.DatabaseTest;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;

/** A deleted miner's history goes, once, and nothing of the other miners or the site totals with it. */
class DeletedMinerHistoryTest extends DatabaseTest {

    @Test
    void theDeletedMinersRowsGoAndEverythingElseStays() throws SQLException {
        long site = selectLong("INSERT INTO hosting_sites (name, capacity_mw) VALUES ('deleted', 10) RETURNING id");
        long model = selectLong("INSERT INTO miner_models (manufacturer, name, hashrate, power_consumption) "
                + "VALUES ('Bitmain', 'S21', 200, 3500) RETURNING id");
        long gone = selectLong("INSERT INTO hosting_miners (serial_number, miner_model_id, site_id) VALUES ('D-1', "
                + model + ", " + site + ") RETURNING id");
        long kept = selectLong("INSERT INTO hosting_miners (serial_number, miner_model_id, site_id) VALUES ('D-2', "
                + model + ", " + site + ") RETURNING id");
        selectLong("SELECT hashgrid_ensure_telemetry_partitions(1)");
        Instant start = ZonedDateTime.now(ZoneOffset.UTC).withDayOfMonth(1).truncatedTo(ChronoUnit.DAYS).plusMonths(1)
                .toInstant();
        List<Reading> polls = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            Instant at = start.plus(Duration.ofMinutes(i));
            for (long miner : new long[] { gone, kept }) {
                polls.add(Reading.success(miner, site, "active", at,
                        MinerReading.builder(at).hashrateThs(200).powerW(3_500).build()));
            }
        }
        TelemetryStore store = new TelemetryStore(db.dataSource());
        LatestStates latest = new LatestStates();
        latest.record(store.copy(polls));
        latest.flush(store);
        new Rollups(db.dataSource()).run(start, start.plus(Duration.ofHours(2)), Duration.ofMinutes(1));
        String siteTotals = "SELECT count(*) + coalesce(sum(hashrate), 0) FROM site_telemetry_hourly WHERE site_id = "
                + site;
        long totalsBefore = selectLong(siteTotals);
        String mine = "SELECT (SELECT count(*) FROM miner_telemetry WHERE miner_id = %1$d) * 1000000"
                + " + (SELECT count(*) FROM miner_telemetry_hourly WHERE miner_id = %1$d) * 1000"
                + " + (SELECT count(*) FROM miner_telemetry_daily WHERE miner_id = %1$d) * 10"
                + " + (SELECT count(*) FROM miner_latest_state WHERE miner_id = %1$d)";
        assertEquals(90_002_011, selectLong(String.format(mine, gone)), "90 rows, 2 hours, 1 day, 1 latest state");

        DeletedMinerHistory history = new DeletedMinerHistory(db.dataSource());
        history.handleEvent(deleted(String.valueOf(gone)));
        assertEquals(0, selectLong(String.format(mine, gone)));
        assertEquals(90_002_011, selectLong(String.format(mine, kept)));
        assertEquals(totalsBefore, selectLong(siteTotals), "site totals are facts about the site");

        assertEquals(0, history.delete(gone), "a redelivered event deletes nothing more");
        history.handleEvent(deleted("not-a-number"));
        assertEquals(90_002_011, selectLong(String.format(mine, kept)));
    }

    private static Event deleted(String minerId) {
        return new Event(DomainEvents.topic("miner.deleted"),
                Map.of(DomainEvents.ID, 1L, DomainEvents.AGGREGATE_ID, minerId));
    }

}
