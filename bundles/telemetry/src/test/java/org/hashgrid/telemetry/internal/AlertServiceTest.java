package org.hashgrid.telemetry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.hashgrid.core.Page;
import org.hashgrid.core.PageRequest;
import org.hashgrid.core.ProblemException;
import org.hashgrid.hosting.internal.Inventory;
import org.hashgrid.hosting.internal.InventoryHolds;
import org.hashgrid.hosting.internal.MinerModelService;
import org.hashgrid.hosting.internal.MinerService;
import org.hashgrid.hosting.internal.OperationLog;
import org.hashgrid.hosting.internal.SiteService;
import org.hashgrid.identity.internal.Accounts;
import org.hashgrid.testing.DatabaseTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Alert rules' validation, the alert lists' filters and pages, and the client scope. */
class AlertServiceTest extends DatabaseTest {
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static AlertService service;
    private static long site;
    private static long minerA;
    private static long minerOperator;
    private static AlertRule offline;

    @BeforeAll
    static void alerts() throws SQLException {
        MinerService miners = new MinerService(tx, null, new Accounts(tx), new InventoryHolds());
        Inventory inventory = new Inventory(miners, null, new SiteService(tx, new InventoryHolds()),
                new MinerModelService(tx), new OperationLog(tx, miners), null);
        service = new AlertService(db.dataSource(), inventory, Clock.fixed(T0, ZoneOffset.UTC));
        site = selectLong("INSERT INTO hosting_sites (name, capacity_mw) VALUES ('scope', 10) RETURNING id");
        long model = selectLong("INSERT INTO miner_models (manufacturer, name, hashrate, power_consumption) "
                + "VALUES ('Bitmain', 'S21', 200, 3500) RETURNING id");
        minerA = selectLong("INSERT INTO hosting_miners (serial_number, miner_model_id, site_id, client_id) VALUES "
                + "('S-A', " + model + ", " + site + ", '" + callers.clientA().userId() + "') RETURNING id");
        minerOperator = selectLong("INSERT INTO hosting_miners (serial_number, miner_model_id, site_id) VALUES "
                + "('S-OP', " + model + ", " + site + ") RETURNING id");
        offline = service.create(callers.admin(), site, new NewAlertRule("offline", null, 10, null));
        AlertStore store = new AlertStore(db.dataSource());
        for (int i = 0; i < 3; i++) {
            Instant at = T0.plusSeconds(600L * i);
            store.raise(offline.id(), minerA, callers.clientA().userId(), 3.0, "down", at);
            store.clear(offline.id(), minerA, "answers reads again", at.plusSeconds(300));
        }
        store.raise(offline.id(), minerA, callers.clientA().userId(), 3.0, "down", T0.plusSeconds(3_600));
        store.raise(offline.id(), minerOperator, null, 3.0, "down", T0.plusSeconds(3_600));
    }

    @Test
    void aRuleIsCreatedWithItsDefaults() {
        AlertRule rule = service.create(callers.owner(), site,
                new NewAlertRule("temperature_above", new BigDecimal("85.5"), null, null));
        assertEquals(0, rule.forMinutes());
        assertTrue(rule.enabled());
        assertEquals(callers.owner().userId(), rule.createdBy());
        assertEquals(T0, rule.createdAt());
        AlertRule changed = service.update(rule.id(), AlertEvaluatorTest.patch(Map.of("threshold", 90, "for_minutes",
                15)));
        assertEquals(0, new BigDecimal("90").compareTo(changed.threshold()));
        assertEquals(15, changed.forMinutes());
        assertEquals(rule.id(), service.rules(site, PageRequest.of(50, null)).items().stream()
                .filter(r -> r.kind().equals("temperature_above")).findFirst().orElseThrow().id());
    }

    @Test
    void badRulesAre400WithEveryError() {
        assertFields(() -> create("smoke_detected", null, 0), "kind");
        assertFields(() -> create(null, null, 0), "kind");
        assertFields(() -> create("temperature_above", null, 0), "threshold");
        assertFields(() -> create("temperature_above", "150.01", -1), "threshold", "for_minutes");
        assertFields(() -> create("temperature_above", "0", 1441), "threshold", "for_minutes");
        assertFields(() -> create("hashrate_below", "0.5", 0), "threshold");
        assertFields(() -> create("hashrate_below", "100.5", 0), "threshold");
        assertFields(() -> create("hashrate_below", "80.125", 0), "threshold");
        assertFields(() -> create("offline", "3", 0), "threshold");
        assertFields(() -> create("fan_failure", "1", 0), "threshold");
        assertFields(() -> service.update(offline.id(), AlertEvaluatorTest.patch(Map.of("kind", "fan_failure"))),
                "kind");
        assertFields(() -> service.update(offline.id(), AlertEvaluatorTest.patch(Map.of("threshold", 5))),
                "threshold");
        assertFields(() -> service.update(offline.id(), AlertEvaluatorTest.patch(Map.of("for_minutes", 2000))),
                "for_minutes");
        assertFields(() -> service.update(offline.id(), AlertEvaluatorTest.patch(Map.of("enabled", "yes"))),
                "enabled");
    }

    @Test
    void unknownSitesRulesAndAlertsAre404() {
        assertEquals(404, assertThrows(ProblemException.class, () -> service.create(callers.owner(), 999_999,
                new NewAlertRule("offline", null, 0, null))).status());
        assertEquals(404, assertThrows(ProblemException.class,
                () -> service.rules(999_999, PageRequest.of(5, null))).status());
        assertEquals(404, assertThrows(ProblemException.class,
                () -> service.update(999_999, AlertEvaluatorTest.patch(Map.of("enabled", false)))).status());
        assertEquals(404, assertThrows(ProblemException.class, () -> service.delete(999_999)).status());
        assertEquals(404, assertThrows(ProblemException.class, () -> service.alert(callers.owner(), 999_999))
                .status());
    }

    @Test
    void theStatusFilterIsOpenOrClosed() {
        assertEquals(2, service.alerts(callers.owner(), "open", site, null, PageRequest.of(50, null)).items().size());
        assertEquals(3, service.alerts(callers.owner(), "closed", site, null, PageRequest.of(50, null)).items()
                .size());
        assertEquals(5, service.alerts(callers.staff(), null, site, null, PageRequest.of(50, null)).items().size());
        assertEquals(1, service.alerts(callers.owner(), "open", null, minerOperator, PageRequest.of(50, null))
                .items().size());
        assertFields(() -> service.alerts(callers.owner(), "OPEN", null, null, PageRequest.of(5, null)), "status");
        assertFields(() -> service.alerts(callers.owner(), "all", null, null, PageRequest.of(5, null)), "status");
    }

    @Test
    void pagesWalkNewestFirst() {
        List<Long> all = service.alerts(callers.owner(), null, site, null, PageRequest.of(50, null)).items().stream()
                .map(Alert::id).toList();
        List<Long> walked = new java.util.ArrayList<>();
        String cursor = null;
        do {
            Page<Alert> page = service.alerts(callers.owner(), null, site, null, PageRequest.of(2, cursor));
            page.items().forEach(a -> walked.add(a.id()));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertEquals(all, walked);
        assertEquals(all.stream().sorted(java.util.Comparator.reverseOrder()).toList(), all);
    }

    @Test
    void clientsSeeTheAlertsOfTheirOwnMinersOnly() {
        List<Alert> mine = service.alerts(callers.clientA(), null, null, null, PageRequest.of(50, null)).items();
        assertEquals(4, mine.size());
        assertTrue(mine.stream().allMatch(a -> a.minerId() == minerA));
        assertEquals(0, service.alerts(callers.clientA(), null, null, minerOperator, PageRequest.of(50, null))
                .items().size());
        assertEquals(0, service.alerts(callers.clientB(), null, null, null, PageRequest.of(50, null)).items()
                .size());
        Alert operators = service.alerts(callers.owner(), "open", null, minerOperator, PageRequest.of(5, null))
                .items().get(0);
        assertNull(operators.clientId());
        assertEquals(minerA, service.alert(callers.clientA(), mine.get(0).id()).minerId());
        assertEquals(404, assertThrows(ProblemException.class, () -> service.alert(callers.clientB(),
                mine.get(0).id())).status());
        assertEquals(404, assertThrows(ProblemException.class, () -> service.alert(callers.clientA(),
                operators.id())).status());
    }

    private static AlertRule create(String kind, String threshold, int forMinutes) {
        return service.create(callers.owner(), site, new NewAlertRule(kind,
                threshold == null ? null : new BigDecimal(threshold), forMinutes, true));
    }

    private static void assertFields(Executable call, String... fields) {
        ProblemException e = assertThrows(ProblemException.class, call);
        assertEquals(400, e.status());
        assertEquals(List.of(fields), e.errors().stream().map(org.hashgrid.core.FieldError::field).distinct()
                .toList(), e.errors().toString());
    }

}
