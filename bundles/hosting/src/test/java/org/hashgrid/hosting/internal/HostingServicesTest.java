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

import org.hashgrid.api.Caller;
import org.hashgrid.api.IpRange;
import org.hashgrid.api.MergePatch;
import org.hashgrid.api.Page;
import org.hashgrid.api.PageRequest;
import org.hashgrid.api.ProblemException;
import org.hashgrid.hosting.rest.MinerDto;
import org.hashgrid.hosting.rest.MinerInput;
import org.hashgrid.hosting.rest.MinerModelDto;
import org.hashgrid.hosting.rest.MinerModelInput;
import org.hashgrid.hosting.rest.SiteDto;
import org.hashgrid.hosting.rest.SiteInput;
import org.hashgrid.testing.MigratedDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The hosting services on the real persistence unit and a real PostgreSQL. */
class HostingServicesTest {
    private static final Caller STAFF = new Caller("00000000-0000-4000-8000-000000000001", "ops@example.com",
            "user", false);
    static final MinerAddressPolicy POLICY = new MinerAddressPolicy(
            List.of(IpRange.parse("10.0.0.0/8"), IpRange.parse("127.0.0.0/8")), 1024, Set.of(8181, 8101, 5432));
    private static MigratedDatabase db;
    private static SiteService sites;
    private static MinerModelService models;
    private static MinerService miners;

    @BeforeAll
    static void start() throws Exception {
        db = new MigratedDatabase("hosting");
        sites = new SiteService(db.jpa());
        models = new MinerModelService(db.jpa());
        miners = new MinerService(db.jpa(), POLICY);
    }

    @AfterAll
    static void stop() throws Exception {
        db.close();
    }

    @Test
    void efficiencyIsDerivedWhenAbsent() {
        MinerModelDto model = models.create(new MinerModelInput("S19j Pro", "Bitmain", new BigDecimal("104"),
                new BigDecimal("3068"), null, null, null));
        assertEquals(new BigDecimal("29.50"), model.efficiency());
        MinerModelDto given = models.create(new MinerModelInput("M30S", "MicroBT", new BigDecimal("88"),
                new BigDecimal("3344"), new BigDecimal("38"), null, null));
        assertEquals(0, new BigDecimal("38").compareTo(given.efficiency()));
    }

    @Test
    void duplicateModelNameIsAConflictAndWritesNothing() {
        models.create(new MinerModelInput("S21", "Bitmain", new BigDecimal("200"), new BigDecimal("3500"), null, null,
                null));
        ProblemException conflict = assertThrows(ProblemException.class, () -> models.create(
                new MinerModelInput("s21", "Other", new BigDecimal("1"), new BigDecimal("1"), null, null, null)));
        assertEquals(409, conflict.status());
        assertEquals(1L, count("select count(*) from miner_models where lower(name) = 's21'"));
    }

    @Test
    void invalidSiteListsEveryFieldAndWritesNothing() {
        long before = count("select count(*) from hosting_sites");
        ProblemException invalid = assertThrows(ProblemException.class,
                () -> sites.create(new SiteInput(" ", null, new BigDecimal("-1"))));
        assertEquals(400, invalid.status());
        assertEquals(Set.of("name", "capacity_mw"), fields(invalid));
        assertEquals(before, count("select count(*) from hosting_sites"));
    }

    @Test
    void minerNeedsExistingModelSiteAndClient() {
        SiteDto site = site("refs");
        MinerModelDto model = model("refs");
        ProblemException missing = assertThrows(ProblemException.class, () -> miners.create(STAFF, new MinerInput(
                "SN-REF", 999_999L, 999_999L, null, null, null, null, null, "no-such-user", null, null)));
        assertEquals(Set.of("miner_model_id", "site_id", "client_id"), fields(missing));
        MinerDto ok = miners.create(STAFF, new MinerInput("SN-REF", model.id(), site.id(), null, "10.1.2.3", null, null,
                null, null, null, null));
        assertEquals("cgminer", ok.driver());
        assertEquals(4028, ok.cgminerPort());
        assertEquals("active", ok.status());
    }

    @Test
    void duplicateSerialIsAConflict() {
        SiteDto site = site("dup");
        MinerModelDto model = model("dup");
        miners.create(STAFF, new MinerInput("SN-DUP", model.id(), site.id(), null, null, null, null, null, null, null, null));
        ProblemException conflict = assertThrows(ProblemException.class, () -> miners.create(STAFF, new MinerInput(
                "SN-DUP", model.id(), site.id(), null, null, null, null, null, null, null, null)));
        assertEquals(409, conflict.status());
    }

    @Test
    void badFieldsAreRejected() {
        SiteDto site = site("bad");
        MinerModelDto model = model("bad");
        ProblemException invalid = assertThrows(ProblemException.class, () -> miners.create(STAFF, new MinerInput(
                "SN-BAD", model.id(), site.id(), "broken", "not-an-ip", 70000, null, "Bad Driver!", null, null,
                null)));
        assertEquals(Set.of("status", "cgminer_ip", "cgminer_port", "driver"), fields(invalid));
    }

    @Test
    void minerAddressesStayInTheAllowedRangesAndOffPlatformPorts() {
        SiteDto site = site("addresses");
        MinerModelDto model = model("addresses");
        for (Object[] bad : new Object[][] { { "8.8.8.8", 4028 }, { "127.0.0.1", 8181 }, { "10.0.0.9", 5432 } }) {
            ProblemException refused = assertThrows(ProblemException.class, () -> miners.create(STAFF, new MinerInput(
                    "SN-ADDR-" + bad[1], model.id(), site.id(), null, (String) bad[0], (Integer) bad[1], null, null,
                    null, null, null)));
            assertEquals(Set.of("cgminer_ip"), fields(refused), bad[0] + ":" + bad[1]);
        }
        assertEquals("10.0.0.9", miners.create(STAFF, new MinerInput("SN-ADDR-OK", model.id(), site.id(), null, "10.0.0.9",
                4028, null, null, null, null, null)).cgminerIp());
    }

    @Test
    void siteCountersFollowMiners() {
        SiteDto site = site("counters");
        MinerModelDto model = model("counters");
        MinerDto a = miners.create(STAFF, new MinerInput("SN-C1", model.id(), site.id(), null, null, null, null, null, null,
                null, null));
        miners.create(STAFF, new MinerInput("SN-C2", model.id(), site.id(), "offline", null, null, null, null, null, null,
                null));
        assertEquals(2, sites.get(site.id()).totalMiners());
        assertEquals(1, sites.get(site.id()).activeMiners());
        miners.update(STAFF, a.id(), patch("status", "maintenance"));
        assertEquals(0, sites.get(site.id()).activeMiners());
        assertEquals(409, assertThrows(ProblemException.class, () -> sites.delete(site.id())).status());
    }

    @Test
    void patchChangesOnlyWhatItNamesAndClearsNulls() {
        SiteDto site = sites.create(new SiteInput("Patchable", "Somewhere", new BigDecimal("5")));
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("capacity_mw", 7);
        body.putNull("location");
        SiteDto changed = sites.update(site.id(), new MergePatch(body));
        assertEquals("Patchable", changed.name());
        assertNull(changed.location());
        assertEquals(0, new BigDecimal("7").compareTo(changed.capacityMw()));
        ProblemException massAssign = assertThrows(ProblemException.class,
                () -> sites.update(site.id(), patch("total_miners", "99")));
        assertEquals(Set.of("total_miners"), fields(massAssign));
    }

    @Test
    void listsArePagedByCursorFilteredAndTakeOneQueryPerPage() {
        SiteDto site = site("paging");
        MinerModelDto model = model("paging");
        for (int i = 0; i < 12; i++) {
            miners.create(STAFF, new MinerInput("SN-P" + i, model.id(), site.id(), i % 3 == 0 ? "offline" : "active", null,
                    null, null, null, null, null, null));
        }
        Set<String> seen = new HashSet<>();
        String cursor = null;
        do {
            Page<MinerDto> page = miners.list(STAFF, PageRequest.of(5, cursor), site.id(), null, null);
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
        String alice = insertUser("alice@example.com", "client");
        String bob = insertUser("bob@example.com", "client");
        Caller asAlice = new Caller(alice, "alice@example.com", "client", false);
        SiteDto site = site("owners");
        MinerModelDto model = model("owners");
        MinerDto hers = miners.create(STAFF, new MinerInput("SN-ALICE", model.id(), site.id(), null, null, null, null, null,
                alice, null, null));
        MinerDto his = miners.create(STAFF, new MinerInput("SN-BOB", model.id(), site.id(), null, null, null, null, null,
                bob, null, null));
        miners.create(STAFF, new MinerInput("SN-OPERATOR", model.id(), site.id(), null, null, null, null, null, null, null,
                null));
        assertEquals(List.of("SN-ALICE"), miners.list(asAlice, PageRequest.of(50, null), site.id(), null, null)
                .items().stream().map(MinerDto::serialNumber).toList());
        assertTrue(miners.list(asAlice, PageRequest.of(50, null), null, null, bob).items().isEmpty());
        assertEquals(hers.id(), miners.get(asAlice, hers.id()).id());
        ProblemException hidden = assertThrows(ProblemException.class, () -> miners.get(asAlice, his.id()));
        assertEquals(404, hidden.status());
        assertEquals(3, miners.list(STAFF, PageRequest.of(50, null), site.id(), null, null).items().size());
    }

    private static String insertUser(String email, String role) throws Exception {
        String id = java.util.UUID.randomUUID().toString();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("insert into users(id, email, password_hash, role, name, status) values ('" + id + "', '"
                    + email + "', 'x', '" + role + "', 'n', 'ACTIVE')");
        }
        return id;
    }

    @Test
    void minerChangesAreWrittenToTheOperationLog() {
        OperationLog log = new OperationLog(db.jpa(), miners);
        SiteDto site = site("oplog");
        MinerModelDto model = model("oplog");
        MinerDto miner = miners.create(STAFF, new MinerInput("SN-OPLOG", model.id(), site.id(), null, null, null, null,
                null, null, null, null));
        miners.update(STAFF, miner.id(), patch("status", "maintenance"));
        var entries = log.of(STAFF, miner.id(), PageRequest.of(1, null));
        assertEquals("update", entries.items().get(0).operation());
        assertTrue(entries.items().get(0).details().contains("status"));
        assertEquals("create", log.of(STAFF, miner.id(), PageRequest.of(1, entries.nextCursor())).items().get(0)
                .operation());
    }

    @Test
    void csvImportRegistersAllRowsOrNone() {
        SiteDto site = site("csv");
        MinerModelDto model = model("csv");
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

    private static SiteDto site(String name) {
        return sites.create(new SiteInput("Site " + name, null, BigDecimal.TEN));
    }

    private static MinerModelDto model(String name) {
        return models.create(new MinerModelInput("Model " + name, "Bitmain", new BigDecimal("100"),
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
