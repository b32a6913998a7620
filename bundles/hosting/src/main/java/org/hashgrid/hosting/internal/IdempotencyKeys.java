package org.hashgrid.hosting.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.hashgrid.core.ProblemException;
import org.hashgrid.core.Workers;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code Idempotency-Key} (IETF draft-ietf-httpapi-idempotency-key-header): the first request
 * with a key claims it and runs; a retry with the same key and the same request gets the first
 * answer again, without running; a retry while the first still runs is a 409, the same key on a
 * different request a 422. Keys are per caller and kept 24 hours. A request that failed frees
 * its key, so that its retry runs.
 */
@Component(service = IdempotencyKeys.class)
public class IdempotencyKeys {
    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyKeys.class);
    /** Printable ASCII without spaces, as the draft's examples and common practice (UUIDs) use. */
    private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
    private static final String KEPT = "interval '24 hours'";

    private final DataSource database;
    private final ScheduledExecutorService cleaner = Workers.singleThread("hashgrid-idempotency-keys");

    /** The first answer to a key. */
    public record Answer(int status, String location, String body) {
    }

    @Activate
    public IdempotencyKeys(
            @Reference(target = "(&(osgi.jndi.service.name=hashgrid)(hashgrid.schema=migrated))") DataSource database) {
        this.database = database;
        cleaner.scheduleWithFixedDelay(this::forgetExpired, 1, 60, TimeUnit.MINUTES);
    }

    @Deactivate
    void close() {
        cleaner.shutdownNow();
    }

    /**
     * Claims {@code key} for {@code request} (what identifies the request: method, path, body);
     * empty when the caller runs it now and must then {@link #complete} or {@link #release} it,
     * else the answer to give again.
     */
    public Optional<Answer> claim(String callerId, String key, String request) {
        if (!KEY.matcher(key).matches()) {
            throw ProblemException.badRequest("Idempotency-Key must be 1 to 255 printable ASCII characters");
        }
        try (Connection connection = database.getConnection()) {
            try (PreparedStatement claim = connection.prepareStatement("INSERT INTO idempotency_keys "
                    + "(caller_id, idempotency_key, fingerprint) VALUES (?, ?, ?) ON CONFLICT (caller_id, "
                    + "idempotency_key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, status = NULL, "
                    + "location = NULL, body = NULL, created_at = now() WHERE idempotency_keys.created_at < now() - "
                    + KEPT)) {
                claim.setString(1, callerId);
                claim.setString(2, key);
                claim.setString(3, request);
                if (claim.executeUpdate() == 1) {
                    return Optional.empty();
                }
            }
            try (PreparedStatement first = connection.prepareStatement("SELECT fingerprint, status, location, body "
                    + "FROM idempotency_keys WHERE caller_id = ? AND idempotency_key = ?")) {
                first.setString(1, callerId);
                first.setString(2, key);
                try (ResultSet row = first.executeQuery()) {
                    if (!row.next()) {
                        // freed by a failed first request between the two statements
                        return claim(callerId, key, request);
                    }
                    if (!request.equals(row.getString(1))) {
                        throw new ProblemException(422, "Unprocessable Content",
                                "This Idempotency-Key was used for a different request");
                    }
                    int status = row.getInt(2);
                    if (row.wasNull()) {
                        throw ProblemException.conflict("The request with this Idempotency-Key is still running");
                    }
                    return Optional.of(new Answer(status, row.getString(3), row.getString(4)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Idempotency-Key could not be claimed", e);
        }
    }

    /** Keeps the answer of a claimed key for its retries. */
    public void complete(String callerId, String key, Answer answer) {
        update("UPDATE idempotency_keys SET status = ?, location = ?, body = ? WHERE caller_id = ? "
                + "AND idempotency_key = ?", answer.status(), answer.location(), answer.body(), callerId, key);
    }

    /** Frees a claimed key whose request failed. */
    public void release(String callerId, String key) {
        update("DELETE FROM idempotency_keys WHERE caller_id = ? AND idempotency_key = ? AND status IS NULL",
                callerId, key);
    }

    private void update(String sql, Object... parameters) {
        try (Connection connection = database.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Idempotency-Key could not be stored", e);
        }
    }

    private void forgetExpired() {
        try (Connection connection = database.getConnection();
                PreparedStatement delete = connection
                        .prepareStatement("DELETE FROM idempotency_keys WHERE created_at < now() - " + KEPT)) {
            int deleted = delete.executeUpdate();
            LOG.debug("Forgot {} expired idempotency keys", deleted);
        } catch (SQLException e) {
            LOG.warn("Could not delete expired idempotency keys (SQLState {}), retried within the hour",
                    e.getSQLState());
        }
    }
}
