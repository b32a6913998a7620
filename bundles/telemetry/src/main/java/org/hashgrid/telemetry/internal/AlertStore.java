package org.hashgrid.telemetry.internal;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.hashgrid.api.JsonMapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The writes of {@code alerts}, each in the transaction that also writes its outbox event
 * ({@value #RAISED} / {@value #CLEARED}, aggregate {@code alert}/id). The partial UNIQUE index
 * {@code alerts_open_uq} (one open alert per rule and miner) is the de-duplication guard: a raise
 * that meets an open alert does nothing, whichever node or evaluator raced it.
 */
final class AlertStore {
    static final String RAISED = "alert.raised";
    static final String CLEARED = "alert.cleared";
    static final String COLUMNS = "id, rule_id, site_id, miner_id, client_id, kind, status, threshold, value, "
            + "details, raised_at, cleared_at";
    private static final ObjectMapper JSON = JsonMapping.newMapper();
    /** FOR SHARE: a rule being disabled or deleted (row locked) is waited for, then seen disabled or gone. */
    private static final String RAISE = "INSERT INTO alerts (rule_id, site_id, miner_id, client_id, kind, threshold, "
            + "value, details, raised_at) SELECT r.id, r.site_id, ?, ?, r.kind, r.threshold, ?, ?, ? FROM alert_rules r "
            + "WHERE r.id = ? AND r.enabled FOR SHARE "
            + "ON CONFLICT (rule_id, miner_id) WHERE status = 'open' DO NOTHING RETURNING " + COLUMNS;
    private static final String CLEAR = "UPDATE alerts SET status = 'closed', cleared_at = ? WHERE rule_id = ? "
            + "AND miner_id = ? AND status = 'open' RETURNING " + COLUMNS;
    private static final String CLOSE_RULE = "UPDATE alerts SET status = 'closed', cleared_at = ? WHERE rule_id = ? "
            + "AND status = 'open' RETURNING " + COLUMNS;

    /** The payload of both events: the alert, and why it closed ({@code alert.cleared}). */
    record AlertEvent(long alertId, Long ruleId, String kind, String status, long siteId, long minerId,
            String clientId, BigDecimal value, BigDecimal threshold, String details, Instant raisedAt,
            Instant clearedAt, String reason) {
        static AlertEvent of(Alert a, String reason) {
            return new AlertEvent(a.id(), a.ruleId(), a.kind(), a.status(), a.siteId(), a.minerId(), a.clientId(),
                    a.value(), a.threshold(), a.details(), a.raisedAt(), a.clearedAt(), reason);
        }
    }

    /** One unit of work on a connection of its own. */
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    /** An open alert, as the evaluator takes it over after a restart. */
    record Open(long ruleId, long minerId, Instant raisedAt) {
    }

    private final DataSource dataSource;

    AlertStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    <T> T inTransaction(Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        }
    }

    /**
     * Raises an alert of an enabled rule for a miner, with its {@value #RAISED} event.
     *
     * @return the alert; empty when one of the rule and miner is open already, or the rule is
     *         disabled or gone
     */
    Optional<Alert> raise(long ruleId, long minerId, String clientId, Double value, String details, Instant at)
            throws SQLException {
        return inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(RAISE)) {
                s.setLong(1, minerId);
                s.setString(2, clientId);
                if (value == null) {
                    s.setNull(3, Types.NUMERIC);
                } else {
                    s.setBigDecimal(3, BigDecimal.valueOf(value));
                }
                s.setString(4, details);
                s.setTimestamp(5, Timestamp.from(at));
                s.setLong(6, ruleId);
                List<Alert> raised = alerts(s);
                for (Alert alert : raised) {
                    event(c, RAISED, alert, null);
                }
                return raised.stream().findFirst();
            }
        });
    }

    /**
     * Closes the open alert of a rule and miner, with its {@value #CLEARED} event.
     *
     * @return the alert; empty when none was open (another evaluator closed it)
     */
    Optional<Alert> clear(long ruleId, long minerId, String reason, Instant at) throws SQLException {
        return inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(CLEAR)) {
                s.setTimestamp(1, Timestamp.from(at));
                s.setLong(2, ruleId);
                s.setLong(3, minerId);
                List<Alert> cleared = alerts(s);
                for (Alert alert : cleared) {
                    event(c, CLEARED, alert, reason);
                }
                return cleared.stream().findFirst();
            }
        });
    }

    /** Closes every open alert of a rule in the caller's transaction, each with its event. */
    static int closeAll(Connection c, long ruleId, String reason, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(CLOSE_RULE)) {
            s.setTimestamp(1, Timestamp.from(at));
            s.setLong(2, ruleId);
            List<Alert> closed = alerts(s);
            for (Alert alert : closed) {
                event(c, CLEARED, alert, reason);
            }
            return closed.size();
        }
    }

    /** The open alerts of rules that still exist. */
    List<Open> open() throws SQLException {
        List<Open> open = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT rule_id, miner_id, raised_at FROM alerts WHERE status = 'open' AND rule_id IS NOT NULL");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                open.add(new Open(rs.getLong(1), rs.getLong(2), rs.getTimestamp(3).toInstant()));
            }
        }
        return open;
    }

    static List<Alert> alerts(PreparedStatement statement) throws SQLException {
        List<Alert> alerts = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                alerts.add(alert(rs));
            }
        }
        return alerts;
    }

    private static Alert alert(ResultSet rs) throws SQLException {
        long rule = rs.getLong(2);
        Long ruleId = rs.wasNull() ? null : rule;
        Timestamp cleared = rs.getTimestamp(12);
        return new Alert(rs.getLong(1), ruleId, rs.getLong(3), rs.getLong(4), rs.getString(5), rs.getString(6),
                rs.getString(7), rs.getBigDecimal(8), rs.getBigDecimal(9), rs.getString(10),
                rs.getTimestamp(11).toInstant(), cleared == null ? null : cleared.toInstant());
    }

    private static void event(Connection c, String type, Alert alert, String reason) throws SQLException {
        String payload;
        try {
            payload = JSON.writeValueAsString(AlertEvent.of(alert, reason));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A " + type + " payload could not be written as JSON", e);
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO outbox_events (aggregate_type, aggregate_id, "
                + "event_type, payload) VALUES ('alert', ?, ?, ?::jsonb)")) {
            s.setString(1, String.valueOf(alert.id()));
            s.setString(2, type);
            s.setString(3, payload);
            s.executeUpdate();
        }
    }
}
