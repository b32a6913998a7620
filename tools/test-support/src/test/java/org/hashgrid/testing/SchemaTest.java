package org.hashgrid.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

import org.hashgrid.model.internal.SchemaMigrator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The migrations against a real PostgreSQL: tables, constraints, partitions, re-runs and newer schemas. */
class SchemaTest {
    private static MigratedDatabase db;

    @BeforeAll
    static void migrate() throws Exception {
        db = new MigratedDatabase("schema");
    }

    @AfterAll
    static void drop() throws Exception {
        db.close();
    }

    @Test
    void everySeedTableExists() throws SQLException {
        List<String> tables = query("select table_name from information_schema.tables where table_schema = 'public'");
        for (String table : List.of("users", "user_access", "login_records", "hosting_sites", "miner_models",
                "hosting_miners", "miner_telemetry", "miner_operation_log", "curtailment_plans",
                "curtailment_plan_miners", "crm_leads", "crm_deals", "crm_invoices", "crm_activities",
                "market_analytics", "technical_indicators", "outbox_events")) {
            assertTrue(tables.contains(table), table + " missing");
        }
    }

    @Test
    void rerunOnMigratedDatabaseChangesNothing() throws Exception {
        String changesets = "select count(*) from databasechangelog";
        String before = query(changesets).get(0);
        String version = SchemaMigrator.migrate(db.dataSource());
        assertEquals(before, query(changesets).get(0));
        assertEquals(query("select id from databasechangelog order by orderexecuted desc limit 1").get(0), version);
    }

    @Test
    void telemetryIsPartitionedMonthlyAndKeptAhead() throws SQLException {
        assertEquals("p", query("select relkind::text from pg_class where relname = 'miner_telemetry'").get(0));
        query("select hashgrid_ensure_telemetry_partitions(2)");
        List<String> partitions = query("select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid "
                + "join pg_class p on p.oid = i.inhparent where p.relname = 'miner_telemetry'");
        LocalDate month = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1);
        DateTimeFormatter name = DateTimeFormatter.ofPattern("'miner_telemetry_y'yyyy'm'MM");
        for (int ahead = 0; ahead <= 2; ahead++) {
            assertTrue(partitions.contains(month.plusMonths(ahead).format(name)), partitions.toString());
        }
        assertEquals("0", query("select hashgrid_ensure_telemetry_partitions(2)").get(0), "second call creates none");
    }

    @Test
    void constraintsRejectBadRows() {
        for (String bad : List.of(
                "insert into hosting_sites(name, capacity_mw) values ('s', 0)",
                "insert into miner_models(name, manufacturer, hashrate, power_consumption) values ('m', 'x', -1, 10)",
                "insert into users(id, email, password_hash, role, name, status) values "
                        + "('6f1c2d9e-1111-4a4a-9b9b-000000000001', 'a@b.c', 'h', 'root', 'n', 'ACTIVE')",
                "insert into crm_leads(name, status, source, score) values ('l', 'new', 'website', 101)",
                "with m as (insert into market_analytics(btc_price) values (1) returning id) "
                        + "insert into technical_indicators(analytics_id, rsi, signal) select id, 50, 'HOLD' from m")) {
            SQLException refused = assertThrows(SQLException.class, () -> execute(bad), bad);
            assertEquals("23514", refused.getSQLState(), bad + ": " + refused.getMessage());
        }
    }

    @Test
    void emailIsUniqueIgnoringCase() throws SQLException {
        execute("insert into users(id, email, password_hash, role, name, status) values "
                + "('6f1c2d9e-1111-4a4a-9b9b-000000000002', 'Owner@Example.com', 'h', 'owner', 'n', 'ACTIVE')");
        SQLException duplicate = assertThrows(SQLException.class, () -> execute(
                "insert into users(id, email, password_hash, role, name, status) values "
                        + "('6f1c2d9e-1111-4a4a-9b9b-000000000003', 'owner@example.COM', 'h', 'user', 'n', 'ACTIVE')"));
        assertEquals("23505", duplicate.getSQLState());
    }

    @Test
    void newerSchemaIsRefusedAndLeftUntouched() throws Exception {
        try (MigratedDatabase newer = new MigratedDatabase("newer")) {
            try (Connection c = newer.dataSource().getConnection(); Statement s = c.createStatement()) {
                s.execute("insert into databasechangelog(id, author, filename, dateexecuted, orderexecuted, exectype) "
                        + "values ('999-from-the-future', 'hashgrid', 'db/changelog/999.sql', now(), 999, 'EXECUTED')");
                s.execute("create table marker_of_future(x int)");
            }
            String changesets = "select count(*) || '/' || max(orderexecuted) from databasechangelog";
            String before = single(newer, changesets);
            Exception refused = assertThrows(Exception.class, () -> SchemaMigrator.migrate(newer.dataSource()));
            assertTrue(refused.getMessage().contains("999-from-the-future"), refused.getMessage());
            assertEquals(before, single(newer, changesets), "nothing applied");
            assertEquals("1", single(newer, "select count(*) from pg_tables where tablename = 'marker_of_future'"));
        }
    }

    private static String single(MigratedDatabase database, String sql) throws SQLException {
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }

    private static List<String> query(String sql) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery(sql)) {
            while (r.next()) {
                rows.add(r.getString(1));
            }
        }
        return rows;
    }

    private static void execute(String sql) throws SQLException {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
