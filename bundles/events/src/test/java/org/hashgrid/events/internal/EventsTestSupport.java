package org.hashgrid.events.internal;

import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import org.hashgrid.hosting.PlatformPorts;
import org.hashgrid.testing.Configs;

/** What the events tests share: settings for a loopback receiver, SQL shortcuts, waiting. */
final class EventsTestSupport {
    /** The port the tests pretend is the platform's own. */
    static final int PLATFORM_PORT = 8181;
    static final PlatformPorts PORTS = port -> port == PLATFORM_PORT ? "port " + port + " is the platform's" : null;

    private EventsTestSupport() {
    }

    /** The defaults, except that loopback (where the tests' receivers listen) is allowed. */
    static EventsConfig config(Map<String, Object> overrides) {
        Map<String, Object> values = new java.util.HashMap<>(Map.of("webhook_refused_ranges",
                new String[] { "169.254.0.0/16", "fe80::/10" }));
        values.putAll(overrides);
        return Configs.of(EventsConfig.class, values);
    }

    static long scalar(DataSource database, String sql, Object... parameters) throws SQLException {
        try (Connection connection = database.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Inserts an unpublished outbox event; answers its id. */
    static long event(DataSource database, String type, String payload) throws SQLException {
        return scalar(database, "INSERT INTO outbox_events (aggregate_type, aggregate_id, event_type, payload) "
                + "VALUES ('miner', '7', ?, ?::jsonb) RETURNING id", type, payload);
    }

    static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("Timed out waiting until " + what);
            }
            Thread.sleep(20);
        }
    }

    /** {@link #scalar} for use in conditions. */
    static long count(DataSource database, String sql, Object... parameters) {
        try {
            return scalar(database, sql, parameters);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
