package org.hashgrid.telemetry.internal;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import javax.sql.DataSource;

import org.hashgrid.core.Caller;
import org.hashgrid.core.FieldChanges;
import org.hashgrid.core.Page;
import org.hashgrid.core.PageRequest;
import org.hashgrid.core.ProblemException;
import org.hashgrid.core.Validation;
import org.hashgrid.hosting.MinerInventory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Alert rules per site (create, change, delete) and the alerts they raised, on {@code alert_rules}
 * and {@code alerts} over JDBC. Disabling or deleting a rule closes its open alerts in the same
 * transaction ({@code alert.cleared} with reason {@code rule disabled} / {@code rule deleted});
 * a deleted rule's alerts stay in the history with no rule. Every change bumps {@link #version()},
 * so this node's {@link AlertEvaluator} takes it up at its next batch.
 */
@Component(service = AlertService.class)
public class AlertService {
    public static final Set<String> KINDS = Set.of(AlertRule.TEMPERATURE_ABOVE, AlertRule.HASHRATE_BELOW,
            AlertRule.OFFLINE, AlertRule.FAN_FAILURE);
    public static final Set<String> STATUSES = Set.of("open", "closed");
    static final int MAX_FOR_MINUTES = 1440;
    private static final Set<String> PATCHABLE = Set.of("threshold", "for_minutes", "enabled");
    private static final String RULE_COLUMNS = "id, site_id, kind, threshold, for_minutes, enabled, created_by, "
            + "created_at, updated_at";

    private final DataSource dataSource;
    private final MinerInventory inventory;
    private final AlertStore store;
    private final Clock clock;
    private final AtomicLong version = new AtomicLong();

    @Activate
    public AlertService(
            @Reference(target = "(&(osgi.jndi.service.name=hashgrid)(hashgrid.schema=*))") DataSource dataSource,
            @Reference MinerInventory inventory) {
        this(dataSource, inventory, Clock.systemUTC());
    }

    AlertService(DataSource dataSource, MinerInventory inventory, Clock clock) {
        this.dataSource = dataSource;
        this.inventory = inventory;
        this.store = new AlertStore(dataSource);
        this.clock = clock;
    }

    /** Increases with every change of a rule made through this service. */
    public long version() {
        return version.get();
    }

    /** The rules of a site, by id. @throws ProblemException 404 for an unknown site */
    public Page<AlertRule> rules(long siteId, PageRequest page) {
        requireSite(siteId);
        long after = page.after() == null ? 0 : cursorId(page.after());
        List<AlertRule> rows = call(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + RULE_COLUMNS + " FROM alert_rules "
                    + "WHERE site_id = ? AND id > ? ORDER BY id LIMIT " + page.fetchSize())) {
                s.setLong(1, siteId);
                s.setLong(2, after);
                return rules(s);
            }
        });
        return Page.of(rows, page, r -> String.valueOf(r.id()), r -> r);
    }

    /** @throws ProblemException 404 for an unknown rule */
    public AlertRule rule(long id) {
        return call(c -> require(c, id, false));
    }

    /** Every enabled rule (the evaluator's cache). */
    List<AlertRule> enabledRules() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "SELECT " + RULE_COLUMNS + " FROM alert_rules WHERE enabled ORDER BY id")) {
            return rules(s);
        }
    }

    /** @throws ProblemException 404 for an unknown site, 400 for a bad rule (every error at once) */
    public AlertRule create(Caller caller, long siteId, NewAlertRule in) {
        Validation validation = new Validation().required("kind", in.kind());
        validation.check(in.kind() == null || KINDS.contains(in.kind()), "kind",
                "must be one of temperature_above, hashrate_below, offline, fan_failure");
        int forMinutes = in.forMinutes() == null ? 0 : in.forMinutes();
        check(validation, in.kind(), in.threshold(), forMinutes).validate();
        requireSite(siteId);
        AlertRule created = call(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO alert_rules (site_id, kind, threshold, "
                    + "for_minutes, enabled, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
                    + "RETURNING " + RULE_COLUMNS)) {
                Timestamp now = Timestamp.from(clock.instant());
                s.setLong(1, siteId);
                s.setString(2, in.kind());
                s.setObject(3, in.threshold(), Types.NUMERIC);
                s.setInt(4, forMinutes);
                s.setBoolean(5, in.enabled() == null || in.enabled());
                s.setString(6, caller.accountId());
                s.setTimestamp(7, now);
                s.setTimestamp(8, now);
                return rules(s).get(0);
            }
        });
        version.incrementAndGet();
        return created;
    }

    /**
     * Changes a rule's {@code threshold}, {@code for_minutes} or {@code enabled}; disabling it closes
     * its open alerts. Open alerts of a changed threshold stay open until the next reading judges
     * them by the new one.
     */
    public AlertRule update(long id, FieldChanges changes) {
        AlertRule updated = call(c -> {
            AlertRule rule = require(c, id, true);
            BigDecimal[] threshold = { rule.threshold() };
            Integer[] forMinutes = { rule.forMinutes() };
            Boolean[] enabled = { rule.enabled() };
            changes.allowOnly(PATCHABLE).apply("threshold", BigDecimal.class, v -> threshold[0] = v)
                    .apply("for_minutes", Integer.class, v -> forMinutes[0] = v)
                    .apply("enabled", Boolean.class, v -> enabled[0] = v);
            Validation validation = changes.validation().required("for_minutes", forMinutes[0])
                    .required("enabled", enabled[0]);
            check(validation, rule.kind(), threshold[0], forMinutes[0] == null ? 0 : forMinutes[0]).validate();
            Instant now = clock.instant();
            if (rule.enabled() && !enabled[0]) {
                AlertStore.closeAll(c, id, "rule disabled", now);
            }
            try (PreparedStatement s = c.prepareStatement("UPDATE alert_rules SET threshold = ?, for_minutes = ?, "
                    + "enabled = ?, updated_at = ? WHERE id = ? RETURNING " + RULE_COLUMNS)) {
                s.setObject(1, threshold[0], Types.NUMERIC);
                s.setInt(2, forMinutes[0]);
                s.setBoolean(3, enabled[0]);
                s.setTimestamp(4, Timestamp.from(now));
                s.setLong(5, id);
                return rules(s).get(0);
            }
        });
        version.incrementAndGet();
        return updated;
    }

    /** Deletes a rule after closing its open alerts; its alerts stay, with no rule. */
    public void delete(long id) {
        call(c -> {
            require(c, id, true);
            AlertStore.closeAll(c, id, "rule deleted", clock.instant());
            try (PreparedStatement s = c.prepareStatement("DELETE FROM alert_rules WHERE id = ?")) {
                s.setLong(1, id);
                return s.executeUpdate();
            }
        });
        version.incrementAndGet();
    }

    /**
     * Alerts newest first, open or closed or both ({@code status} null), of one site and one miner
     * when given; a client sees the alerts of its own miners only.
     *
     * @throws ProblemException 400 for a status other than open or closed, or a foreign cursor
     */
    public Page<Alert> alerts(Caller caller, String status, Long siteId, Long minerId, PageRequest page) {
        new Validation().check(status == null || STATUSES.contains(status), "status", "open or closed").validate();
        StringBuilder sql = new StringBuilder("SELECT " + AlertStore.COLUMNS + " FROM alerts WHERE true");
        List<Object> args = new ArrayList<>();
        condition(sql, args, " AND status = ?", status);
        condition(sql, args, " AND site_id = ?", siteId);
        condition(sql, args, " AND miner_id = ?", minerId);
        condition(sql, args, " AND client_id = ?", caller.ownerScope());
        condition(sql, args, " AND id < ?", page.after() == null ? null : cursorId(page.after()));
        sql.append(" ORDER BY id DESC LIMIT ").append(page.fetchSize());
        List<Alert> rows = call(c -> {
            try (PreparedStatement s = c.prepareStatement(sql.toString())) {
                for (int i = 0; i < args.size(); i++) {
                    s.setObject(i + 1, args.get(i));
                }
                return AlertStore.alerts(s);
            }
        });
        return Page.of(rows, page, a -> String.valueOf(a.id()), a -> a);
    }

    /** @throws ProblemException 404 for an unknown alert and for another client's */
    public Alert alert(Caller caller, long id) {
        Optional<Alert> alert = call(c -> {
            try (PreparedStatement s =
                    c.prepareStatement("SELECT " + AlertStore.COLUMNS + " FROM alerts WHERE id = ?")) {
                s.setLong(1, id);
                return AlertStore.alerts(s).stream().findFirst();
            }
        });
        if (alert.isEmpty()) {
            throw ProblemException.notFound("Alert", id);
        }
        caller.requireAccess(alert.get().clientId(), "Alert", id);
        return alert.get();
    }

    /** The rules every rule obeys, on top of what {@code validation} holds already. */
    private static Validation check(Validation validation, String kind, BigDecimal threshold, int forMinutes) {
        if (AlertRule.TEMPERATURE_ABOVE.equals(kind)) {
            validation.required("threshold", threshold).check(threshold == null
                    || (threshold.signum() > 0 && threshold.compareTo(BigDecimal.valueOf(150)) <= 0), "threshold",
                    "must be above 0 and at most 150 (°C)");
        } else if (AlertRule.HASHRATE_BELOW.equals(kind)) {
            validation.required("threshold", threshold).check(threshold == null
                    || (threshold.compareTo(BigDecimal.ONE) >= 0 && threshold.compareTo(BigDecimal.valueOf(100)) <= 0),
                    "threshold", "must be between 1 and 100 (% of the model's nominal hashrate)");
        } else if (kind != null && KINDS.contains(kind)) {
            validation.check(threshold == null, "threshold", "must be absent for " + kind);
        }
        return validation.check(threshold == null || threshold.scale() <= 2, "threshold",
                "must have at most 2 decimals").range("for_minutes", forMinutes, 0, MAX_FOR_MINUTES);
    }

    private void requireSite(long siteId) {
        if (inventory.site(siteId).isEmpty()) {
            throw ProblemException.notFound("Site", siteId);
        }
    }

    private static AlertRule require(Connection c, long id, boolean forUpdate) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + RULE_COLUMNS + " FROM alert_rules WHERE id = ?"
                + (forUpdate ? " FOR UPDATE" : ""))) {
            s.setLong(1, id);
            List<AlertRule> found = rules(s);
            if (found.isEmpty()) {
                throw ProblemException.notFound("Alert rule", id);
            }
            return found.get(0);
        }
    }

    private static void condition(StringBuilder sql, List<Object> args, String clause, Object value) {
        if (value != null) {
            sql.append(clause);
            args.add(value);
        }
    }

    private static long cursorId(String after) {
        try {
            return Long.parseLong(after);
        } catch (NumberFormatException e) {
            throw PageRequest.foreignCursor();
        }
    }

    private <T> T call(AlertStore.Work<T> work) {
        try {
            return store.inTransaction(work);
        } catch (SQLException e) {
            throw new IllegalStateException("alert query failed", e);
        }
    }

    private static List<AlertRule> rules(PreparedStatement s) throws SQLException {
        List<AlertRule> rules = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                rules.add(
                        new AlertRule(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getBigDecimal(4), rs.getInt(5),
                                rs.getBoolean(6), rs.getString(7), rs.getTimestamp(8).toInstant(),
                                rs.getTimestamp(9).toInstant()));
            }
        }
        return rules;
    }
}
