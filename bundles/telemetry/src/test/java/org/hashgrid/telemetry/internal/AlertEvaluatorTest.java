package org.hashgrid.telemetry.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.hashgrid.api.JsonMapping;
import org.hashgrid.driver.MinerReading;
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

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Alerts raised and cleared on ingest, on a real PostgreSQL: time is the readings' own, so no
 * test sleeps. Each test has a site, a model (nominal 100 TH/s) and miners of its own.
 */
class AlertEvaluatorTest extends DatabaseTest {
    private static final ObjectMapper JSON = JsonMapping.newMapper();
    private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
    private static Inventory inventory;
    private static AlertService service;
    private static long model;

    private long site;
    private final List<Long> miners = new ArrayList<>();

    @BeforeAll
    static void services() throws SQLException {
        MinerService minerService = new MinerService(tx, null, new Accounts(tx), new InventoryHolds());
        inventory = new Inventory(minerService, null, new SiteService(tx, new InventoryHolds()),
                new MinerModelService(tx), new OperationLog(tx, minerService), null);
        service = new AlertService(db.dataSource(), inventory, CLOCK);
        model = selectLong("INSERT INTO miner_models (manufacturer, name, hashrate, power_consumption) "
                + "VALUES ('Bitmain', 'Nominal 100', 100, 3000) RETURNING id");
    }

    @Test
    void temperatureRaisesOnceItHeldForMinutesAndClearsBelowTheHysteresis() throws Exception {
        fleet(1);
        AlertRule rule = rule(AlertRule.TEMPERATURE_ABOVE, "80", 5);
        AlertEvaluator evaluator = evaluator();
        evaluator.evaluate(List.of(temperature(0, T0, 85)), List.of());
        evaluator.evaluate(List.of(temperature(0, T0.plusSeconds(4 * 60 + 59), 86)), List.of());
        assertEquals(0, count("alerts WHERE rule_id = " + rule.id()), "not before 5 minutes");

        evaluator.evaluate(List.of(temperature(0, T0.plus(5, ChronoUnit.MINUTES), 87.5)), List.of());
        Alert open = only(rule, "open");
        assertEquals(0, new BigDecimal("87.5").compareTo(open.value()));
        assertEquals(T0.plus(5, ChronoUnit.MINUTES), open.raisedAt());
        JsonNode raised = event(open.id(), AlertStore.RAISED);
        assertEquals(open.id(), raised.get("alert_id").asLong());
        assertEquals(rule.id(), raised.get("rule_id").asLong());
        assertEquals("temperature_above", raised.get("kind").asText());
        assertEquals(site, raised.get("site_id").asLong());
        assertEquals(miners.get(0), raised.get("miner_id").asLong());
        assertEquals(callers.clientA().userId(), raised.get("client_id").asText());
        assertEquals(0, new BigDecimal("80").compareTo(raised.get("threshold").decimalValue()));
        assertEquals("2026-03-01T12:05:00Z", raised.get("raised_at").asText());

        evaluator.evaluate(List.of(temperature(0, T0.plus(6, ChronoUnit.MINUTES), 90)), List.of());
        evaluator.evaluate(List.of(temperature(0, T0.plus(7, ChronoUnit.MINUTES), 78.5)), List.of());
        assertEquals(open.id(), only(rule, "open").id(), "one alert while it holds; 78.5 °C is in the band");

        evaluator.evaluate(List.of(temperature(0, T0.plus(8, ChronoUnit.MINUTES), 78)), List.of());
        Alert closed = only(rule, "closed");
        assertEquals(T0.plus(8, ChronoUnit.MINUTES), closed.clearedAt());
        JsonNode cleared = event(open.id(), AlertStore.CLEARED);
        assertEquals("2026-03-01T12:08:00Z", cleared.get("cleared_at").asText());
        assertEquals(1, evaluator.raised.sum());
        assertEquals(1, evaluator.cleared.sum());
    }

    @Test
    void aConditionThatStopsHoldingStartsItsWaitAgain() throws Exception {
        fleet(1);
        AlertRule rule = rule(AlertRule.TEMPERATURE_ABOVE, "80", 5);
        AlertEvaluator evaluator = evaluator();
        evaluator.evaluate(List.of(temperature(0, T0, 85)), List.of());
        evaluator.evaluate(List.of(temperature(0, T0.plus(3, ChronoUnit.MINUTES), 79)), List.of());
        evaluator.evaluate(List.of(temperature(0, T0.plus(6, ChronoUnit.MINUTES), 85)), List.of());
        evaluator.evaluate(List.of(temperature(0, T0.plus(10, ChronoUnit.MINUTES), 85)), List.of());
        assertEquals(0, count("alerts WHERE rule_id = " + rule.id()));
        evaluator.evaluate(List.of(temperature(0, T0.plus(11, ChronoUnit.MINUTES), 85)), List.of());
        assertEquals(1, count("alerts WHERE rule_id = " + rule.id()));
    }

    @Test
    void glitchFlaggedTemperaturesNeverRaise() throws Exception {
        fleet(1);
        AlertRule rule = rule(AlertRule.TEMPERATURE_ABOVE, "80", 0);
        AlertEvaluator evaluator = evaluator();
        // 200 °C is impossible: dropped and flagged; the 85 °C beside it is not trusted to raise
        evaluator.evaluate(List.of(polled(0, "active", T0, reading(T0).chipTemperaturesC(List.of(85.0, 200.0)))),
                List.of());
        evaluator.evaluate(List.of(polled(0, "active", T0.plusSeconds(60), reading(T0.plusSeconds(60))
                .chipTemperaturesC(List.of(-120.0)))), List.of());
        assertEquals(0, count("alerts WHERE rule_id = " + rule.id()));
        evaluator.evaluate(List.of(temperature(0, T0.plusSeconds(120), 85)), List.of());
        only(rule, "open");
        // a flagged reading whose remaining sensors are cool does show recovery
        evaluator.evaluate(List.of(polled(0, "active", T0.plusSeconds(180), reading(T0.plusSeconds(180))
                .chipTemperaturesC(List.of(70.0, 200.0)))), List.of());
        only(rule, "closed");
    }

    @Test
    void hashrateBelowThePercentOfTheModelsNominal() throws Exception {
        fleet(1);
        AlertRule rule = rule(AlertRule.HASHRATE_BELOW, "80", 0);
        AlertEvaluator evaluator = evaluator();
        evaluator.evaluate(List.of(hashrate(0, "active", T0, 81)), List.of());
        assertEquals(0, count("alerts WHERE rule_id = " + rule.id()));
        evaluator.evaluate(List.of(hashrate(0, "active", T0.plusSeconds(60), 70)), List.of());
        Alert open = only(rule, "open");
        assertEquals(0, new BigDecimal("70").compareTo(open.value()));
        assertTrue(open.details().contains("70.0 % of the nominal 100 TH/s"), open.details());
        evaluator.evaluate(List.of(hashrate(0, "active", T0.plusSeconds(120), 84)), List.of());
        only(rule, "open");
        evaluator.evaluate(List.of(hashrate(0, "active", T0.plusSeconds(180), 85)), List.of());
        only(rule, "closed");
        // a curtailed miner hashes less on purpose
        evaluator.evaluate(List.of(hashrate(0, "curtailed", T0.plusSeconds(240), 0)), List.of());
        assertEquals(1, count("alerts WHERE rule_id = " + rule.id()));
    }

    @Test
    void offlineAfterTheFailuresInARowAndClearedByAnAnswer() throws Exception {
        fleet(1);
        AlertRule rule = rule(AlertRule.OFFLINE, null, 0);
        AlertEvaluator evaluator = evaluator();
        for (int failures = 1; failures <= 2; failures++) {
            evaluator.evaluate(List.of(failed(0, T0.plusSeconds(60L * failures))),
                    List.of(new LatestStates.Outcome(miners.get(0), failures)));
        }
        assertEquals(0, count("alerts WHERE rule_id = " + rule.id()));
        evaluator.evaluate(List.of(failed(0, T0.plusSeconds(180))),
                List.of(new LatestStates.Outcome(miners.get(0), 3)));
        Alert open = only(rule, "open");
        assertTrue(open.details().startsWith("3 reads in a row failed (last: TIMEOUT)"), open.details());
        evaluator.evaluate(List.of(failed(0, T0.plusSeconds(240))),
                List.of(new LatestStates.Outcome(miners.get(0), 4)));
        evaluator.evaluate(List.of(hashrate(0, "offline", T0.plusSeconds(300), 100)),
                List.of(new LatestStates.Outcome(miners.get(0), 0)));
        only(rule, "closed");
    }

    @Test
    void fanFailureWhileTheMinerAnswers() throws Exception {
        fleet(1);
        AlertRule rule = rule(AlertRule.FAN_FAILURE, null, 0);
        AlertEvaluator evaluator = evaluator();
        evaluator.evaluate(List.of(fans(0, T0, 5_000, 5_100)), List.of());
        evaluator.evaluate(List.of(failed(0, T0.plusSeconds(60))), List.of(new LatestStates.Outcome(miners.get(0), 1)));
        assertEquals(0, count("alerts WHERE rule_id = " + rule.id()));
        evaluator.evaluate(List.of(fans(0, T0.plusSeconds(120), 5_000, 0)), List.of());
        assertEquals("1 of 2 fans at 0 RPM", only(rule, "open").details());
        evaluator.evaluate(List.of(fans(0, T0.plusSeconds(180), 5_000, 5_050)), List.of());
        only(rule, "closed");
    }

    @Test
    void aRestartedEvaluatorNeitherDuplicatesNorForgets() throws Exception {
        fleet(1);
        AlertRule rule = rule(AlertRule.TEMPERATURE_ABOVE, "80", 0);
        evaluator().evaluate(List.of(temperature(0, T0, 90)), List.of());
        Alert open = only(rule, "open");

        AlertEvaluator restarted = evaluator();
        restarted.evaluate(List.of(temperature(0, T0.plusSeconds(60), 91)), List.of());
        assertEquals(open.id(), only(rule, "open").id());
        assertEquals(0, restarted.raised.sum());
        assertEquals(1, count("outbox_events WHERE aggregate_type = 'alert' AND aggregate_id = '" + open.id() + "'"));
        restarted.evaluate(List.of(temperature(0, T0.plusSeconds(120), 70)), List.of());
        only(rule, "closed");
        assertEquals(1, restarted.cleared.sum());
    }

    @Test
    void twoEvaluatorsRacingRaiseOneAlertPerRuleAndMiner() throws Exception {
        fleet(20);
        AlertRule rule = rule(AlertRule.TEMPERATURE_ABOVE, "80", 0);
        List<LatestStates.Polled> batch = new ArrayList<>();
        for (int i = 0; i < miners.size(); i++) {
            batch.add(temperature(i, T0, 95));
        }
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            CyclicBarrier start = new CyclicBarrier(4);
            List<AlertEvaluator> evaluators = List.of(evaluator(), evaluator(), evaluator(), evaluator());
            List<Future<?>> done = new ArrayList<>();
            for (AlertEvaluator evaluator : evaluators) {
                done.add(threads.submit((Callable<Void>) () -> {
                    start.await();
                    evaluator.evaluate(batch, List.of());
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            assertEquals(miners.size(), evaluators.stream().mapToLong(e -> e.raised.sum()).sum());
        } finally {
            threads.shutdownNow();
        }
        assertEquals(miners.size(), count("alerts WHERE rule_id = " + rule.id() + " AND status = 'open'"));
        assertEquals(miners.size(), count("outbox_events e JOIN alerts a ON e.aggregate_type = 'alert' "
                + "AND e.aggregate_id = a.id::text WHERE a.rule_id = " + rule.id()));
    }

    @Test
    void theAlertAndItsEventAreOneTransaction() throws Exception {
        fleet(1);
        AlertRule rule = rule(AlertRule.OFFLINE, null, 0);
        AlertStore store = new AlertStore(db.dataSource());
        executeSql("CREATE FUNCTION refuse_alert_events() RETURNS trigger LANGUAGE plpgsql AS "
                + "$$ BEGIN RAISE EXCEPTION 'outbox refused'; END $$");
        executeSql("CREATE TRIGGER refuse_alert_events BEFORE INSERT ON outbox_events FOR EACH ROW "
                + "EXECUTE FUNCTION refuse_alert_events()");
        try {
            assertThrows(SQLException.class, () -> store.raise(rule.id(), miners.get(0), null, 3.0, "x", T0));
        } finally {
            executeSql("DROP TRIGGER refuse_alert_events ON outbox_events");
            executeSql("DROP FUNCTION refuse_alert_events()");
        }
        assertEquals(0, count("alerts WHERE rule_id = " + rule.id()), "no alert without its event");
        assertTrue(store.raise(rule.id(), miners.get(0), null, 3.0, "x", T0).isPresent());
        assertTrue(store.raise(rule.id(), miners.get(0), null, 3.0, "x", T0).isEmpty(), "open already");
    }

    @Test
    void disablingOrDeletingARuleClosesItsOpenAlertsAndKeepsTheHistory() throws Exception {
        fleet(2);
        AlertRule rule = rule(AlertRule.TEMPERATURE_ABOVE, "80", 0);
        AlertEvaluator evaluator = evaluator();
        evaluator.evaluate(List.of(temperature(0, T0, 90), temperature(1, T0, 90)), List.of());
        assertEquals(2, count("alerts WHERE rule_id = " + rule.id() + " AND status = 'open'"));

        service.update(rule.id(), patch(Map.of("enabled", false)));
        assertEquals(2, count("alerts WHERE rule_id = " + rule.id() + " AND status = 'closed'"));
        assertEquals(2, count("outbox_events WHERE event_type = 'alert.cleared' AND payload->>'reason' = "
                + "'rule disabled' AND payload->>'rule_id' = '" + rule.id() + "'"));
        evaluator.evaluate(List.of(temperature(0, T0.plusSeconds(60), 95)), List.of());
        assertEquals(0, count("alerts WHERE rule_id = " + rule.id() + " AND status = 'open'"), "disabled");

        service.update(rule.id(), patch(Map.of("enabled", true)));
        evaluator.evaluate(List.of(temperature(0, T0.plusSeconds(120), 95)), List.of());
        List<Alert> reopened = service.alerts(callers.owner(), "open", site, null,
                org.hashgrid.core.PageRequest.of(50, null)).items();
        assertEquals(1, reopened.size());
        service.delete(rule.id());
        assertEquals(3, count("alerts WHERE rule_id IS NULL AND site_id = " + site), "history stays");
        assertEquals("rule deleted", event(reopened.get(0).id(), AlertStore.CLEARED).get("reason").asText());
        assertEquals(404, assertThrows(org.hashgrid.core.ProblemException.class, () -> service.rule(rule.id()))
                .status());
    }

    private AlertEvaluator evaluator() {
        return new AlertEvaluator(service, db.dataSource(), inventory, () -> 3, CLOCK);
    }

    private AlertRule rule(String kind, String threshold, int forMinutes) {
        return service.create(callers.owner(), site, new NewAlertRule(kind,
                threshold == null ? null : new BigDecimal(threshold), forMinutes, null));
    }

    static org.hashgrid.api.MergePatch patch(Map<String, Object> fields) {
        return new org.hashgrid.api.MergePatch(JSON.valueToTree(fields));
    }

    private void fleet(int size) throws SQLException {
        site = selectLong("INSERT INTO hosting_sites (name, capacity_mw) VALUES ('alerts-" + System.nanoTime()
                + "', 10) RETURNING id");
        for (int i = 0; i < size; i++) {
            miners.add(
                    selectLong(
                            "INSERT INTO hosting_miners (serial_number, miner_model_id, site_id, client_id) VALUES ('A-"
                                    + System.nanoTime() + "', " + model + ", " + site + ", '"
                                    + callers.clientA().userId()
                                    + "') RETURNING id"));
        }
    }

    private Alert only(AlertRule rule, String status) {
        List<Alert> alerts =
                service.alerts(callers.owner(), null, site, null, org.hashgrid.core.PageRequest.of(50, null))
                        .items().stream().filter(a -> rule.id() == a.ruleId()).toList();
        assertEquals(1, alerts.size(), alerts.toString());
        assertEquals(status, alerts.get(0).status());
        assertEquals(status.equals("closed"), alerts.get(0).clearedAt() != null);
        return alerts.get(0);
    }

    private static MinerReading.Builder reading(Instant at) {
        return MinerReading.builder(at);
    }

    private LatestStates.Polled temperature(int miner, Instant at, double celsius) {
        return polled(miner, "active", at, reading(at).chipTemperaturesC(List.of(celsius - 5, celsius)));
    }

    private LatestStates.Polled hashrate(int miner, String status, Instant at, double ths) {
        return polled(miner, status, at, reading(at).hashrateThs(ths));
    }

    private LatestStates.Polled fans(int miner, Instant at, Integer... rpms) {
        return polled(miner, "active", at, reading(at).fanRpms(List.of(rpms)));
    }

    private LatestStates.Polled polled(int miner, String status, Instant at, MinerReading.Builder reading) {
        MinerReading read = reading.build();
        Reading poll = new Reading(miners.get(miner), site, status, at, read, null, callers.clientA().userId(), model);
        return new LatestStates.Polled(poll, StoredReading.of(poll.minerId(), site, at, read));
    }

    private LatestStates.Polled failed(int miner, Instant at) {
        return new LatestStates.Polled(new Reading(miners.get(miner), site, "active", at, null, "TIMEOUT",
                callers.clientA().userId(), model), null);
    }

    private static JsonNode event(long alertId, String type) throws Exception {
        String payload = selectText("SELECT payload::text FROM outbox_events WHERE aggregate_type = 'alert' AND "
                + "aggregate_id = '" + alertId + "' AND event_type = '" + type + "'");
        assertNotNull(payload, type + " of alert " + alertId);
        return JSON.readTree(payload);
    }

    private static long count(String from) throws SQLException {
        return Long.parseLong(selectText("SELECT count(*) FROM " + from));
    }

}
