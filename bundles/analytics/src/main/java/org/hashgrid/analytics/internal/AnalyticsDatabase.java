package org.hashgrid.analytics.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

import javax.sql.DataSource;

import org.hashgrid.core.ConfigCheck;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where analytics reads and writes. Writes and reads of the unlogged {@code miner_latest_state} (a
 * physical replica has no unlogged data) go to the primary, the unit's pool. Every other analytics
 * query goes to the read replica when one is configured and falls back to the primary when the
 * replica fails; after a failure the primary serves alone for {@code retry.after.seconds}, then
 * the replica is tried again. Replica connections are not pooled: analytics queries are few
 * (KPI refreshes, charts, pages) and each is far longer than a connection.
 */
@Component(service = AnalyticsDatabase.class, configurationPid = ReplicaConfig.PID)
@Designate(ocd = ReplicaConfig.class)
public class AnalyticsDatabase {
    private static final Logger LOG = LoggerFactory.getLogger(AnalyticsDatabase.class);

    /** Work on one connection. */
    @FunctionalInterface
    public interface Query<T> {
        T run(Connection connection) throws SQLException;
    }

    /** Where the last read went. */
    public enum Source {
        REPLICA, PRIMARY
    }

    private final DataSource primary;
    private final Clock clock;
    private volatile Settings settings;
    private volatile DataSource replica;
    private volatile Instant replicaDownUntil = Instant.MIN;
    private volatile Source lastSource = Source.PRIMARY;

    record Settings(String url, String user, String password, int connectTimeoutSeconds, int retryAfterSeconds) {
        static Settings read(ConfigCheck check, ReplicaConfig c) {
            return new Settings(check.value("url", () -> c.url().strip(), ""), check.value("user", c::user, ""),
                    check.value("password", c::password, ""),
                    check.between("connect.timeout.seconds", c::connect_timeout_seconds, 1, 30),
                    check.between("retry.after.seconds", c::retry_after_seconds, 1, 3600));
        }

        /** Never shows the password. */
        @Override
        public String toString() {
            return "Settings[url=" + url + ", user=" + user + ", password=" + (password.isEmpty() ? "" : "***") + "]";
        }
    }

    @Activate
    public AnalyticsDatabase(
            @Reference(target = "(&(osgi.jndi.service.name=hashgrid)(hashgrid.schema=migrated))") DataSource primary,
            ReplicaConfig config) {
        this(primary, config, Clock.systemUTC());
    }

    AnalyticsDatabase(DataSource primary, ReplicaConfig config, Clock clock) {
        this.primary = primary;
        this.clock = clock;
        modified(config);
    }

    @Modified
    void modified(ReplicaConfig config) {
        Settings next = ConfigCheck.apply(ReplicaConfig.PID, ReplicaConfig.class, config, settings, Settings::read,
                LOG::warn);
        if (Objects.equals(next, settings)) {
            return;
        }
        settings = next;
        replica = next.url().isEmpty() ? null : dataSource(next);
        replicaDownUntil = Instant.MIN;
        if (next.url().isEmpty()) {
            LOG.info("Analytics reads go to the primary database (no replica configured)");
        } else if (replica != null) {
            LOG.info("Analytics reads go to the replica {} as {}", next.url(), next.user().isEmpty() ? "(default user)"
                    : next.user());
        }
    }

    private static DataSource dataSource(Settings s) {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        try {
            ds.setURL(s.url());
        } catch (IllegalArgumentException e) {
            LOG.warn("Configuration {} refused: url is not a jdbc:postgresql: URL; analytics reads go to the primary",
                    ReplicaConfig.PID);
            return null;
        }
        if (!s.user().isEmpty()) {
            ds.setUser(s.user());
        }
        if (!s.password().isEmpty()) {
            ds.setPassword(s.password());
        }
        ds.setConnectTimeout(s.connectTimeoutSeconds());
        ds.setLoginTimeout(s.connectTimeoutSeconds());
        ds.setReadOnly(true);
        ds.setApplicationName("hashgrid-analytics");
        return ds;
    }

    /** Runs a read on the replica when one is configured and up, else (or when it fails there) on the primary. */
    public <T> T read(Query<T> query) throws SQLException {
        DataSource r = replica;
        Instant now = clock.instant();
        if (r != null && now.isAfter(replicaDownUntil)) {
            try (Connection connection = r.getConnection()) {
                T result = query.run(connection);
                lastSource = Source.REPLICA;
                return result;
            } catch (SQLException e) {
                Settings s = settings;
                replicaDownUntil = now.plusSeconds(s.retryAfterSeconds());
                // the message of a failed login or query never carries the password
                LOG.warn("Analytics replica failed (SQLState {}: {}); reading from the primary for {} s",
                        e.getSQLState(),
                        e.getMessage(), s.retryAfterSeconds());
            }
        }
        return onPrimary(query);
    }

    /** Runs work on the primary: writes, and reads of data a replica does not have. */
    public <T> T primary(Query<T> query) throws SQLException {
        try (Connection connection = primary.getConnection()) {
            return query.run(connection);
        }
    }

    private <T> T onPrimary(Query<T> query) throws SQLException {
        T result = primary(query);
        lastSource = Source.PRIMARY;
        return result;
    }

    /** Where the last {@link #read} was answered. */
    public Source lastSource() {
        return lastSource;
    }

    /** The primary, for bulk work that manages its own connection and transaction. */
    DataSource primaryDataSource() {
        return primary;
    }
}
