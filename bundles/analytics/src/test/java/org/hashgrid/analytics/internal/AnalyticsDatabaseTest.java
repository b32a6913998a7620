package org.hashgrid.analytics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

import org.hashgrid.testing.Configs;
import org.hashgrid.testing.DatabaseTest;
import org.hashgrid.testing.MigratedDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The read path with a replica: a second database on the same server plays it (migrated, with
 * data the primary does not have, so that every answer says where it came from). Reads go to the
 * replica while it answers, to the primary when none is configured, when it is down, and for the
 * retry period after a failure; writes always go to the primary.
 */
class AnalyticsDatabaseTest extends DatabaseTest {
    private static MigratedDatabase replica;
    private static final String WHERE = "SELECT coalesce(max(btc_price)::text, 'none') FROM market_analytics";

    @BeforeAll
    static void replica() throws Exception {
        replica = new MigratedDatabase("replica");
        try (Connection c = replica.dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO market_analytics (created_at, btc_price) VALUES (now(), 42)");
        }
        executeSql("INSERT INTO market_analytics (created_at, btc_price) VALUES (now(), 7)");
    }

    @AfterAll
    static void dropReplica() throws SQLException {
        replica.close();
    }

    @Test
    void readsGoToTheReplicaAndWritesToThePrimary() throws SQLException {
        AnalyticsDatabase analytics = database(replicaConfig(replica.database().url()), Clock.systemUTC());
        assertEquals("42.00", analytics.read(AnalyticsDatabaseTest::where));
        assertEquals(AnalyticsDatabase.Source.REPLICA, analytics.lastSource());
        assertEquals("7.00", analytics.primary(AnalyticsDatabaseTest::where));
    }

    @Test
    void withoutAReplicaEverythingGoesToThePrimary() throws SQLException {
        AnalyticsDatabase analytics = database(Map.of(), Clock.systemUTC());
        assertEquals("7.00", analytics.read(AnalyticsDatabaseTest::where));
        assertEquals(AnalyticsDatabase.Source.PRIMARY, analytics.lastSource());
    }

    @Test
    void aFailingReplicaFallsBackToThePrimaryUntilTheRetryPeriodEnds() throws SQLException, IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        MovableClock clock = new MovableClock(Instant.parse("2025-01-01T00:00:00Z"));
        AnalyticsDatabase analytics = database(replicaConfig("jdbc:postgresql://127.0.0.1:" + closed + "/nowhere"),
                clock);
        assertEquals("7.00", analytics.read(AnalyticsDatabaseTest::where));
        assertEquals(AnalyticsDatabase.Source.PRIMARY, analytics.lastSource());

        // the replica comes back (configuration changed live); reads stay on the primary for retry.after.seconds
        analytics.modified(Configs.of(ReplicaConfig.class, replicaConfig(replica.database().url())));
        assertEquals("42.00", analytics.read(AnalyticsDatabaseTest::where), "a new configuration is tried at once");

        // a replica that does not exist yet: the primary answers, for 30 s even after it appeared
        String late = replica.database().name() + "_late";
        analytics.modified(Configs.of(ReplicaConfig.class, replicaConfig(replica.database().url() + "_late")));
        assertEquals("7.00", analytics.read(AnalyticsDatabaseTest::where));
        executeSql("CREATE DATABASE " + late);
        try {
            try (Connection c = java.sql.DriverManager.getConnection(replica.database().url() + "_late",
                    replica.database().user(), replica.database().password()); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE market_analytics (btc_price numeric(14,2))");
                s.execute("INSERT INTO market_analytics VALUES (99)");
            }
            clock.advance(29);
            assertEquals("7.00", analytics.read(AnalyticsDatabaseTest::where));
            clock.advance(2);
            assertEquals("99.00", analytics.read(AnalyticsDatabaseTest::where), "tried again after 30 s");
            assertEquals(AnalyticsDatabase.Source.REPLICA, analytics.lastSource());
        } finally {
            executeSql("DROP DATABASE " + late + " WITH (FORCE)");
        }
    }

    @Test
    void thePasswordNeverShows() {
        AnalyticsDatabase.Settings settings = new AnalyticsDatabase.Settings("jdbc:postgresql://h/d", "reader",
                "s3cret", 2, 30);
        assertFalse(settings.toString().contains("s3cret"), settings.toString());
    }

    private static Map<String, Object> replicaConfig(String url) {
        Map<String, Object> config = new java.util.HashMap<>(Map.of("url", url));
        if (replica.database().user() != null) {
            config.put("user", replica.database().user());
        }
        if (replica.database().password() != null) {
            config.put("password", replica.database().password());
        }
        return config;
    }

    private static AnalyticsDatabase database(Map<String, Object> replicaConfig, Clock clock) {
        return new AnalyticsDatabase(db.dataSource(), Configs.of(ReplicaConfig.class, replicaConfig), clock);
    }

    private static String where(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); var rs = s.executeQuery(WHERE)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
