package org.hashgrid.hosting.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Locale;

import org.hashgrid.core.secrets.Sealed;
import org.hashgrid.hosting.NewMinerModel;
import org.hashgrid.hosting.NewSite;
import org.hashgrid.hosting.PollTarget;
import org.hashgrid.model.MinerCredential;
import org.hashgrid.testing.DatabaseTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The poll list of 100,000 miners, each with credentials of its own (the worst case: every row
 * opened), on a real PostgreSQL: two queries whatever the count, every miner with its own
 * password, and the time it takes against the same list without credentials (printed).
 */
class PollTargetsScaleTest extends DatabaseTest {
    private static final int MINERS = 100_000;

    @TempDir
    static Path secrets;

    @Test
    void aHundredThousandMinersWithCredentialsTakeTwoQueries() throws Exception {
        HostingFixture hosting = new HostingFixture(tx, secrets);
        hosting.install(new AccessDriver("antminer"));
        long site = hosting.sites.create(new NewSite("Scale", null, BigDecimal.TEN)).id();
        long model = hosting.models.create(new NewMinerModel("Scale model", "Bitmain", new BigDecimal("100"),
                new BigDecimal("3000"), null, null, null)).id();
        executeSql(
                "INSERT INTO hosting_miners (serial_number, miner_model_id, site_id, cgminer_ip, driver, control_port) "
                        + "SELECT 'SCALE-' || g, " + model + ", " + site
                        + ", '10.' || (g / 65536) || '.' || (g / 256 % 256) "
                        + "|| '.' || (g % 256), 'antminer', 8080 FROM generate_series(1, " + MINERS + ") g");
        Inventory inventory = new Inventory(hosting.miners, HostingServicesTest.POLICY, hosting.sites, hosting.models,
                hosting.log, hosting.credentials);
        inventory.pollTargets(); // warm up the unit and the JIT on the same path
        long plain = timed(inventory);

        long sealing = System.nanoTime();
        List<Sealed> values = new java.util.ArrayList<>(MINERS);
        try (Connection connection = db.dataSource().getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO miner_credentials (miner_id, "
                        + "username, password_encrypted, key_id) VALUES (?, 'root', ?, ?)")) {
            connection.setAutoCommit(false);
            for (long id : ids(connection)) {
                Sealed sealed = hosting.box.seal("pw-" + id, MinerCredential.scope(id, null, null));
                values.add(sealed);
                insert.setLong(1, id);
                insert.setBytes(2, sealed.bytes());
                insert.setString(3, sealed.keyId());
                insert.addBatch();
            }
            insert.executeBatch();
            connection.commit();
        }
        sealing = System.nanoTime() - sealing;

        db.resetStatementCount();
        List<PollTarget> targets = inventory.pollTargets();
        assertEquals(2, db.statementCount(), "one query for the miners, one for the credentials");
        long first = timed(inventory);
        long second = timed(inventory);
        assertEquals(MINERS, targets.size());
        for (PollTarget target : targets) {
            assertEquals("pw-" + target.minerId(), target.access().credentials().orElseThrow().password());
            assertEquals(8080, target.access().controlPort().getAsInt());
        }
        long[] ids = targets.stream().mapToLong(PollTarget::minerId).toArray();
        long opening = System.nanoTime();
        for (int i = 0; i < MINERS; i++) {
            hosting.box.open(values.get(i), MinerCredential.scope(ids[i], null, null));
        }
        opening = System.nanoTime() - opening;
        System.out.printf(Locale.ROOT, "pollTargets() of %,d miners: %d ms without credentials; with %,d credentials "
                + "(each opened, AES-256-GCM): %d ms, %d ms again, of which opening alone %d ms (%.1f µs each); "
                + "sealing and inserting them took %d ms%n", MINERS, plain / 1_000_000, MINERS, first / 1_000_000,
                second / 1_000_000, opening / 1_000_000, opening / 1_000.0 / MINERS, sealing / 1_000_000);
        assertTrue(Math.min(first, second) < 30_000_000_000L, "a refresh of the list stays well within a minute");
    }

    private static long timed(Inventory inventory) {
        long start = System.nanoTime();
        inventory.pollTargets();
        return System.nanoTime() - start;
    }

    private static long[] ids(Connection connection) throws java.sql.SQLException {
        try (var query = connection.createStatement();
                var rows = query
                        .executeQuery("SELECT id FROM hosting_miners WHERE serial_number LIKE 'SCALE-%' ORDER BY id")) {
            java.util.stream.LongStream.Builder ids = java.util.stream.LongStream.builder();
            while (rows.next()) {
                ids.add(rows.getLong(1));
            }
            return ids.build().toArray();
        }
    }
}
