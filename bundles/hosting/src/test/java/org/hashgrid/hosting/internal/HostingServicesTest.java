package org.hashgrid.hosting.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.hashgrid.api.MergePatch;
import org.hashgrid.core.Caller;
import org.hashgrid.core.IpRange;
import org.hashgrid.core.Page;
import org.hashgrid.core.PageRequest;
import org.hashgrid.core.ProblemException;
import org.hashgrid.hosting.Miner;
import org.hashgrid.hosting.MinerModelSpec;
import org.hashgrid.hosting.NewMiner;
import org.hashgrid.hosting.NewMinerModel;
import org.hashgrid.hosting.NewSite;
import org.hashgrid.hosting.Site;
import org.hashgrid.identity.AccountDirectory;
import org.hashgrid.testing.DatabaseTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The hosting services on the real persistence unit and a real PostgreSQL. */
class HostingServicesTest extends DatabaseTest {
    static final MinerAddressPolicy POLICY = new MinerAddressPolicy(
            List.of(IpRange.parse("10.0.0.0/8"), IpRange.parse("127.0.0.0/8")), 1024, Set.of(8181, 8101, 5432));
    static final InventoryHolds NO_HOLDS = new InventoryHolds();
    private static Caller STAFF;
    private static SiteService sites;
    private static MinerModelService models;
    private static MinerService miners;

    @BeforeAll
    static void start() {
        STAFF = callers.staff();
        sites = new SiteService(tx, NO_HOLDS);
        models = new MinerModelService(tx);
        miners = new MinerService(tx, POLICY, accounts(tx), NO_HOLDS);
    }

    /** Identity's directory as the hosting bundle sees it: accounts by id, read from users. */
    static AccountDirectory accounts(org.hashgrid.model.persistence.Transactions tx) {
        return new org.hashgrid.identity.internal.Accounts(tx);
    }

    @Test
    void efficiencyIsDerivedWhenAbsent() {
        MinerModelSpec model = models.create(new NewMinerModel("S19j Pro", "Bitmain", new BigDecimal("104"),
                new BigDecimal("3068"), null, null, null));
        assertEquals(new BigDecimal("29.50"), model.efficiency());
        MinerModelSpec given = models.create(new NewMinerModel("M30S", "MicroBT", new BigDecimal("88"),
                new BigDecimal("3344"), new BigDecimal("38"), null, null));
        assertEquals(0, new BigDecimal("38").compareTo(given.efficiency()));
    }

    @Test
    void duplicateModelNameIsAConflictAndWritesNothing() {
        models.create(new NewMinerModel("S21", "Bitmain", new BigDecimal("200"), new BigDecimal("3500"), null, null,
                null));
        ProblemException conflict = assertThrows(ProblemException.class, () -> models.create(
                new NewMinerModel("s21", "Other", new BigDecimal("1"), new BigDecimal("1"), null, null, null)));
        assertEquals(409, conflict.status());
        assertEquals(1L, count("select count(*) from miner_models where lower(name) = 's21'"));
    }

    @Test
    void invalidSiteListsEveryFieldAndWritesNothing() {
        long before = count("select count(*) from hosting_sites");
        ProblemException invalid = assertThrows(ProblemException.class,
                () -> sites.create(new NewSite(" ", null, new BigDecimal("-1"))));
        assertEquals(400, invalid.status());
        assertEquals(Set.of("name", "capacity_mw"), fields(invalid));
        assertEquals(before, count("select count(*) from hosting_sites"));
    }

    @Test
    void minerNeedsExistingModelSiteAndClient() {
        Site site = site("refs");
        MinerModelSpec model = model("refs");
        ProblemException missing = assertThrows(ProblemException.class, () -> miners.create(STAFF, new NewMiner(
                "SN-REF", 999_999L, 999_999L, null, null, null, null, null, "no-such-user", null, null)));
        assertEquals(Set.of("miner_model_id", "site_id", "client_id"), fields(missing));
        Miner ok = miners.create(STAFF, new NewMiner("SN-REF", model.id(), site.id(), null, "10.1.2.3", null, null,
                null, null, null, null));
        assertEquals("cgminer", ok.driver());
        assertEquals(4028, ok.cgminerPort());
        assertEquals("active", ok.status());
    }

    @Test
    void duplicateSerialIsAConflict() {
        Site site = site("dup");
        MinerModelSpec model = model("dup");
        miners.create(STAFF,
                new NewMiner("SN-DUP", model.id(), site.id(), null, null, null, null, null, null, null, null));
        ProblemException conflict = assertThrows(ProblemException.class, () -> miners.create(STAFF, new NewMiner(
                "SN-DUP", model.id(), site.id(), null, null, null, null, null, null, null, null)));
        assertEquals(409, conflict.status());
    }

    @Test
    void badFieldsAreRejected() {
        Site site = site("bad");
        MinerModelSpec model = model("bad");
        ProblemException invalid = assertThrows(ProblemException.class, () -> miners.create(STAFF, new NewMiner(
                "SN-BAD", model.id(), site.id(), "broken", "not-an-ip", 70000, null, "Bad Driver!", null, null,
                null)));
        assertEquals(Set.of("status", "cgminer_ip", "cgminer_port", "driver"), fields(invalid));
    }

    @Test
    void minerAddressesStayInTheAllowedRangesAndOffPlatformPorts() {
        Site site = site("addresses");
        MinerModelSpec model = model("addresses");
        // each refusal names the field that causes it: the address, or a port the platform itself uses
        for (Object[] bad : new Object[][] { { "8.8.8.8", 4028, "cgminer_ip" }, { "127.0.0.1", 8181, "cgminer_port" },
            { "10.0.0.9", 5432, "cgminer_port" } }) {
            ProblemException refused = assertThrows(ProblemException.class, () -> miners.create(STAFF, new NewMiner(
                    "SN-ADDR-" + bad[1], model.id(), site.id(), null, (String) bad[0], (Integer) bad[1], null, null,
                    null, null, null)));
            assertEquals(Set.of(bad[2]), fields(refused), bad[0] + ":" + bad[1]);
        }
        assertEquals("10.0.0.9",
                miners.create(STAFF, new NewMiner("SN-ADDR-OK", model.id(), site.id(), null, "10.0.0.9",
                        4028, null, null, null, null, null)).cgminerIp());
    }

    @Test
    void siteCountersFollowMiners() {
        Site site = site("counters");
        MinerModelSpec model = model("counters");
        Miner a = miners.create(STAFF, new NewMiner("SN-C1", model.id(), site.id(), null, null, null, null, null, null,
                null, null));
        miners.create(STAFF, new NewMiner("SN-C2", model.id(), site.id(), "offline", null, null, null, null, null, null,
                null));
        assertEquals(2, sites.get(site.id()).totalMiners());
        assertEquals(1, sites.get(site.id()).activeMiners());
        miners.update(STAFF, a.id(), patch("status", "maintenance"));
        assertEquals(0, sites.get(site.id()).activeMiners());
        assertEquals(409, assertThrows(ProblemException.class, () -> sites.delete(site.id())).status());
    }

    @Test
    void patchChangesOnlyWhatItNamesAndClearsNulls() {
        Site site = sites.create(new NewSite("Patchable", "Somewhere", new BigDecimal("5")));
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("capacity_mw", 7);
        body.putNull("location");
        Site changed = sites.update(site.id(), new MergePatch(body));
        assertEquals("Patchable", changed.name());
        assertNull(changed.location());
        assertEquals(0, new BigDecimal("7").compareTo(changed.capacityMw()));
        ProblemException massAssign = assertThrows(ProblemException.class,
                () -> sites.update(site.id(), patch("total_miners", "99")));
        assertEquals(Set.of("total_miners"), fields(massAssign));
    }

    @Test
    void listsArePagedByCursorFilteredAndTakeOneQueryPerPage() {
        Site site = site("paging");
        MinerModelSpec model = model("paging");
        for (int i = 0; i < 12; i++) {
            miners.create(STAFF,
                    new NewMiner("SN-P" + i, model.id(), site.id(), i % 3 == 0 ? "offline" : "active", null,
                            null, null, null, null, null, null));
        }
        Set<String> seen = new HashSet<>();
        String cursor = null;
        do {
            Page<Miner> page = miners.list(STAFF, PageRequest.of(5, cursor), site.id(), null, null);
            page.items().forEach(m -> assertTrue(seen.add(m.serialNumber()), "no repeats"));
            cursor = page.nextCursor();
        } while (cursor != null);
        assertEquals(12, seen.size());
        assertEquals(4, miners.list(STAFF, PageRequest.of(50, null), site.id(), "offline", null).items().size());

        db.resetStatementCount();
        miners.list(STAFF, PageRequest.of(2, null), site.id(), null, null);
        int small = db.statementCount();
        db.resetStatementCount();
        miners.list(STAFF, PageRequest.of(12, null), site.id(), null, null);
        assertEquals(small, db.statementCount(), "statements do not grow with the page size");
        assertTrue(small <= 2, "one query per page, got " + small);
    }

    @Test
    void clientsSeeOnlyTheirOwnMiners() throws Exception {
        Caller asAlice = callers.clientA();
        String alice = asAlice.userId();
        String bob = callers.clientB().userId();
        Site site = site("owners");
        MinerModelSpec model = model("owners");
        Miner hers = miners.create(STAFF, new NewMiner("SN-ALICE", model.id(), site.id(), null, null, null, null, null,
                alice, null, null));
        Miner his = miners.create(STAFF, new NewMiner("SN-BOB", model.id(), site.id(), null, null, null, null, null,
                bob, null, null));
        miners.create(STAFF,
                new NewMiner("SN-OPERATOR", model.id(), site.id(), null, null, null, null, null, null, null,
                        null));
        assertEquals(List.of("SN-ALICE"), miners.list(asAlice, PageRequest.of(50, null), site.id(), null, null)
                .items().stream().map(Miner::serialNumber).toList());
        assertTrue(miners.list(asAlice, PageRequest.of(50, null), null, null, bob).items().isEmpty());
        assertEquals(hers.id(), miners.get(asAlice, hers.id()).id());
        ProblemException hidden = assertThrows(ProblemException.class, () -> miners.get(asAlice, his.id()));
        assertEquals(404, hidden.status());
        assertEquals(3, miners.list(STAFF, PageRequest.of(50, null), site.id(), null, null).items().size());
    }

    @Test
    void minerChangesAreWrittenToTheOperationLog() {
        OperationLog log = new OperationLog(tx, miners);
        Site site = site("oplog");
        MinerModelSpec model = model("oplog");
        Miner miner = miners.create(STAFF, new NewMiner("SN-OPLOG", model.id(), site.id(), null, null, null, null,
                null, null, null, null));
        miners.update(STAFF, miner.id(), patch("status", "maintenance"));
        var entries = log.of(STAFF, miner.id(), PageRequest.of(1, null));
        assertEquals("update", entries.items().get(0).operation());
        assertTrue(entries.items().get(0).details().contains("status"));
        assertEquals("create", log.of(STAFF, miner.id(), PageRequest.of(1, entries.nextCursor())).items().get(0)
                .operation());
    }

    @Test
    void minerChangesAreAnnouncedInTheOutboxInTheirOwnTransaction() {
        Site site = site("outbox");
        MinerModelSpec model = model("outbox");
        Miner miner = miners.create(STAFF, new NewMiner("SN-OUTBOX", model.id(), site.id(), null, null, null, null,
                null, callers.clientA().userId(), null, null));
        miners.changeStatus(Caller.system("poller"), miner.id(), null, "offline", "3 failed reads");
        miners.changeStatus(Caller.system("poller"), miner.id(), null, "offline", "still failing");
        assertThrows(ProblemException.class, () -> miners.update(STAFF, miner.id(), patch("serial_number", "")));
        miners.update(STAFF, miner.id(), patch("status", "maintenance"));
        miners.update(STAFF, miner.id(), patch("status", "maintenance"));
        miners.delete(STAFF, miner.id());

        List<String> events = tx.call(em -> em.createNativeQuery("SELECT event_type || ' ' || payload::text "
                + "FROM outbox_events WHERE aggregate_type = 'miner' AND aggregate_id = ?1 ORDER BY id")
                .setParameter(1, String.valueOf(miner.id())).getResultList()).stream().map(String::valueOf).toList();
        assertEquals(List.of("miner.created", "miner.status_changed", "miner.updated", "miner.status_changed",
                "miner.deleted"), events.stream().map(e -> e.substring(0, e.indexOf(' '))).toList(),
                "no event for a change that did not happen, changed nothing or was rolled back");
        assertTrue(events.get(1).contains("\"from\": \"active\"") && events.get(1).contains("\"to\": \"offline\"")
                && events.get(1).contains("\"by\": \"system:poller\"")
                && events.get(1).contains("\"client_id\": \"" + callers.clientA().userId() + "\""), events.get(1));
        assertTrue(events.get(3).contains("\"from\": \"offline\"") && events.get(3).contains("\"to\": \"maintenance\""),
                events.get(3));
        assertTrue(events.get(4).contains("\"serial_number\": \"SN-OUTBOX\""), events.get(4));
    }

    @Test
    void otherModulesChangeStatusThroughTheInventoryAsSystem() {
        OperationLog log = new OperationLog(tx, miners);
        Inventory inventory = new Inventory(miners, POLICY, sites, models, new OperationLog(tx, miners),
                new CredentialService(tx, new DriverRegistry(), null));
        Site site = site("inventory");
        MinerModelSpec model = model("inventory");
        Miner miner = miners.create(STAFF, new NewMiner("SN-INV", model.id(), site.id(), null, null, null, null, null,
                callers.clientA().userId(), null, null));
        Miner offline = inventory.changeStatus(Caller.system("poller"), miner.id(), "offline", "3 failed reads");
        assertEquals("offline", offline.status());
        assertEquals(0, sites.get(site.id()).activeMiners());
        var entry = log.of(STAFF, miner.id(), PageRequest.of(1, null)).items().get(0);
        assertNull(entry.performedBy(), "the platform is not a user");
        assertTrue(entry.details().contains("active → offline: 3 failed reads (by system:poller)"), entry.details());
        inventory.changeStatus(Caller.system("poller"), miner.id(), "offline", "still failing");
        assertEquals(2, log.of(STAFF, miner.id(), PageRequest.of(50, null)).items().size(), "no change, no entry");
        assertEquals(400, assertThrows(ProblemException.class,
                () -> inventory.changeStatus(Caller.system("poller"), miner.id(), "sleeping", null)).status());
        assertTrue(inventory.miner(callers.clientB(), miner.id()).isEmpty(), "another client's miner is not there");
        assertEquals("offline", inventory.miner(callers.clientA(), miner.id()).orElseThrow().status());

        miners.changeStatus(STAFF, miner.id(), null, "maintenance", "fan swap");
        Miner kept = inventory.changeStatusFrom(Caller.system("poller"), miner.id(), "offline", "active", "answers");
        assertEquals("maintenance", kept.status(), "an automatic change never overrides a person's");
        assertEquals("active",
                inventory.changeStatusFrom(Caller.system("poller"), miner.id(), "maintenance", "active", null)
                        .status());
    }

    @Test
    void pollTargetsAreEnabledMinersAtAllowedAddresses() {
        Inventory inventory = new Inventory(miners, POLICY, sites, models, new OperationLog(tx, miners),
                new CredentialService(tx, new DriverRegistry(), null));
        Site site = site("poll");
        MinerModelSpec model = model("poll");
        Miner polled = miners.create(STAFF, new NewMiner("SN-POLL-1", model.id(), site.id(), null, "10.9.0.1", 4028,
                true, null, null, null, null));
        miners.create(STAFF, new NewMiner("SN-POLL-2", model.id(), site.id(), null, "10.9.0.2", 4028, false, null,
                null, null, null));
        miners.create(STAFF, new NewMiner("SN-POLL-3", model.id(), site.id(), null, null, null, null, null, null,
                null, null));
        var targets = inventory.pollTargets().stream().filter(t -> t.siteId() == site.id()).toList();
        assertEquals(1, targets.size(), targets.toString());
        assertEquals(polled.id(), targets.get(0).minerId());
        assertEquals("10.9.0.1", targets.get(0).endpoint().host());
        assertEquals(4028, targets.get(0).endpoint().port());
        assertEquals("cgminer", targets.get(0).driver());
        assertEquals(model.id(), targets.get(0).minerModelId());
        assertEquals(site.id(), inventory.site(site.id()).orElseThrow().id());
        assertTrue(inventory.site(987_654_321L).isEmpty());
    }

    @Test
    void holdsOfOtherModulesKeepSitesAndMinersFromDeletion() {
        InventoryHolds holds = new InventoryHolds();
        holds.holds.add(new org.hashgrid.hosting.InventoryHold() {
            @Override
            public java.util.Optional<String> holdsMiner(long minerId) {
                return java.util.Optional.of("Miner " + minerId + " is part of curtailment plan 7");
            }
        });
        MinerService held = new MinerService(tx, POLICY, accounts(tx), holds);
        Site site = site("held");
        Miner miner = held.create(STAFF, new NewMiner("SN-HELD", model("held").id(), site.id(), null, null, null, null,
                null, null, null, null));
        ProblemException kept = assertThrows(ProblemException.class, () -> held.delete(STAFF, miner.id()));
        assertEquals(409, kept.status());
        assertEquals("Miner " + miner.id() + " is part of curtailment plan 7", kept.getMessage());
        assertEquals(1, sites.get(site.id()).totalMiners(), "nothing deleted");
    }

    @Test
    void csvImportRegistersAllRowsOrNone() {
        Site site = site("csv");
        MinerModelSpec model = model("csv");
        String header = "serial_number,miner_model_id,site_id,cgminer_ip,purchase_date\n";
        String good = header + "CSV-1," + model.id() + "," + site.id() + ",10.0.9.1,2025-01-31\n"
                + "CSV-2," + model.id() + "," + site.id() + ",,\n";
        assertEquals(2, miners.importCsv(STAFF, stream(good)));
        assertEquals(2, sites.get(site.id()).totalMiners());

        long before = count("select count(*) from hosting_miners");
        String badCells = header + "CSV-3," + model.id() + "," + site.id() + ",10.0.9.3,2025-01-31\n"
                + "CSV-4,abc," + site.id() + ",10.0.9.4,yesterday\n";
        Set<String> cellErrors = fields(assertThrows(ProblemException.class,
                () -> miners.importCsv(STAFF, stream(badCells))));
        assertEquals(Set.of("row 3: miner_model_id", "row 3: purchase_date"), cellErrors);
        String badRows = header + "CSV-5," + model.id() + "," + site.id() + ",10.0.9.5,\n"
                + "CSV-6," + model.id() + "," + site.id() + ",8.8.8.8,\n"
                + "CSV-1," + model.id() + "," + site.id() + ",,\n";
        ProblemException refused = assertThrows(ProblemException.class,
                () -> miners.importCsv(STAFF, stream(badRows)));
        assertEquals(400, refused.status());
        assertEquals(Set.of("row 3: cgminer_ip", "row 4"), fields(refused));
        assertEquals(before, count("select count(*) from hosting_miners"), "nothing written, not even row 2");

        assertEquals(Set.of("header"), fields(assertThrows(ProblemException.class,
                () -> miners.importCsv(STAFF, stream("serial_number,colour\nX,red\n")))));
        assertEquals(400, assertThrows(ProblemException.class,
                () -> miners.importCsv(STAFF, stream(header))).status());
    }

    @Test
    void malformedCsvIsABadRequestNamingTheRow() {
        Site site = site("csv-broken");
        MinerModelSpec model = model("csv-broken");
        long before = count("select count(*) from hosting_miners");
        String header = "serial_number,miner_model_id,site_id\n";
        String unclosed = header + "OK-1," + model.id() + "," + site.id() + "\n" + "\"X-1,5,7\n";
        ProblemException refused = assertThrows(ProblemException.class,
                () -> miners.importCsv(STAFF, stream(unclosed)));
        assertEquals(400, refused.status());
        assertEquals(Set.of("row 3"), fields(refused));
        String trailing = header + "\"X-2\"junk," + model.id() + "," + site.id() + "\n";
        assertEquals(Set.of("row 2"), fields(assertThrows(ProblemException.class,
                () -> miners.importCsv(STAFF, stream(trailing)))));
        assertEquals(before, count("select count(*) from hosting_miners"));
    }

    @Test
    void theClientOfAMinerMustBeALiveClient() {
        Site site = site("client-role");
        MinerModelSpec model = model("client-role");
        for (String notAClient : new String[] { callers.admin().userId(), callers.staff().userId(),
            callers.owner().userId() }) {
            ProblemException refused = assertThrows(ProblemException.class, () -> miners.create(STAFF,
                    new NewMiner("SN-ROLE-" + notAClient.substring(0, 8), model.id(), site.id(), null, null, null,
                            null, null, notAClient, null, null)));
            assertEquals(Set.of("client_id"), fields(refused));
        }
        Miner ok = miners.create(STAFF, new NewMiner("SN-ROLE-OK", model.id(), site.id(), null, null, null, null, null,
                callers.clientA().userId(), null, null));
        assertEquals(Set.of("client_id"), fields(assertThrows(ProblemException.class,
                () -> miners.update(STAFF, ok.id(), patch("client_id", callers.admin().userId())))));
        assertEquals(callers.clientB().userId(),
                miners.update(STAFF, ok.id(), patch("client_id", callers.clientB().userId())).clientId());
    }

    @Test
    void concurrentDeletesOfOneMinerGiveOneSuccessAndNotFoundForTheRest() throws Exception {
        Site site = site("parallel-delete");
        Miner miner = miners.create(STAFF, new NewMiner("SN-PAR-DEL", model("parallel-delete").id(), site.id(), null,
                null, null, null, null, null, null, null));
        int sessions = 20;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(sessions);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Integer>> outcomes = new java.util.ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            outcomes.add(pool.submit(() -> {
                start.await();
                try {
                    miners.delete(STAFF, miner.id());
                    return 204;
                } catch (ProblemException e) {
                    return e.status();
                }
            }));
        }
        start.countDown();
        java.util.Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        for (java.util.concurrent.Future<Integer> outcome : outcomes) {
            statuses.merge(outcome.get(60, java.util.concurrent.TimeUnit.SECONDS), 1, Integer::sum);
        }
        pool.shutdown();
        assertEquals(java.util.Map.of(204, 1, 404, sessions - 1), statuses);
        assertEquals(0, sites.get(site.id()).totalMiners());
    }

    private static java.io.InputStream stream(String csv) {
        return new java.io.ByteArrayInputStream(csv.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void unknownIdsAreNotFound() {
        assertEquals(404, assertThrows(ProblemException.class, () -> sites.get(987_654)).status());
        assertEquals(404, assertThrows(ProblemException.class, () -> miners.delete(STAFF, 987_654)).status());
        assertEquals(404, assertThrows(ProblemException.class,
                () -> models.update(987_654, patch("name", "x"))).status());
    }

    private static Site site(String name) {
        return sites.create(new NewSite("Site " + name, null, BigDecimal.TEN));
    }

    private static MinerModelSpec model(String name) {
        return models.create(new NewMinerModel("Model " + name, "Bitmain", new BigDecimal("100"),
                new BigDecimal("3000"), null, null, null));
    }

    private static MergePatch patch(String field, String value) {
        return new MergePatch(JsonNodeFactory.instance.objectNode().put(field, value));
    }

    private static Set<String> fields(ProblemException problem) {
        Set<String> fields = new HashSet<>();
        problem.errors().forEach(e -> fields.add(e.field()));
        return fields;
    }

    private static long count(String sql) {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
