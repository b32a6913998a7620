package org.hashgrid.telemetry.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.hashgrid.api.JsonMapping;
import org.postgresql.PGConnection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The telemetry tables. {@link #copy} writes the successful readings of a batch of polls into
 * {@code miner_telemetry} with a binary {@code COPY} through the parent table (PostgreSQL routes
 * each row to its month's partition); {@link #upsertLatest} writes states of
 * {@link LatestStates} into {@code miner_latest_state} in one statement (arrays unnested
 * server-side), whatever their number.
 */
public final class TelemetryStore {
    static final String COPY_SQL = "COPY miner_telemetry (miner_id, recorded_at, hashrate, temperature, "
            + "power_consumption, fan_speed, board_temperatures, chip_temperatures, fan_speeds, flags) "
            + "FROM STDIN (FORMAT binary)";
    private static final String UPSERT_SQL =
            """
                    INSERT INTO miner_latest_state AS s (miner_id, site_id, recorded_at, hashrate, temperature,
                           power_consumption, fan_speed, efficiency, detail, flags, last_attempt_at, last_success_at,
                           consecutive_failures, last_error, status, client_id, miner_model_id)
                    SELECT u.miner_id, u.site_id, u.recorded_at, round(u.hashrate::numeric, 3), round(u.temperature::numeric, 2),
                           round(u.power::numeric, 2), u.fan_speed, round(u.efficiency::numeric, 2), u.detail::jsonb,
                           coalesce(u.flags, 0), u.attempted_at, u.succeeded_at, u.failures, u.error, u.status,
                           u.client_id, nullif(u.model_id, 0)
                      FROM unnest(?::bigint[], ?::bigint[], ?::timestamptz[], ?::float8[], ?::float8[], ?::float8[],
                                  ?::integer[], ?::float8[], ?::text[], ?::smallint[], ?::timestamptz[], ?::timestamptz[],
                                  ?::integer[], ?::text[], ?::text[], ?::text[], ?::bigint[])
                        AS u(miner_id, site_id, recorded_at, hashrate, temperature, power, fan_speed, efficiency, detail,
                             flags, attempted_at, succeeded_at, failures, error, status, client_id, model_id)
                    ON CONFLICT (miner_id) DO UPDATE SET
                           site_id = EXCLUDED.site_id,
                           status = EXCLUDED.status,
                           client_id = EXCLUDED.client_id,
                           miner_model_id = EXCLUDED.miner_model_id,
                           last_attempt_at = EXCLUDED.last_attempt_at,
                           last_error = EXCLUDED.last_error,
                           consecutive_failures = EXCLUDED.consecutive_failures,
                           last_success_at = coalesce(EXCLUDED.last_success_at, s.last_success_at),
                           recorded_at = coalesce(EXCLUDED.recorded_at, s.recorded_at),
                           hashrate = CASE WHEN EXCLUDED.recorded_at IS NULL THEN s.hashrate ELSE EXCLUDED.hashrate END,
                           temperature = CASE WHEN EXCLUDED.recorded_at IS NULL THEN s.temperature ELSE EXCLUDED.temperature END,
                           power_consumption = CASE WHEN EXCLUDED.recorded_at IS NULL THEN s.power_consumption
                                                    ELSE EXCLUDED.power_consumption END,
                           fan_speed = CASE WHEN EXCLUDED.recorded_at IS NULL THEN s.fan_speed ELSE EXCLUDED.fan_speed END,
                           efficiency = CASE WHEN EXCLUDED.recorded_at IS NULL THEN s.efficiency ELSE EXCLUDED.efficiency END,
                           detail = CASE WHEN EXCLUDED.recorded_at IS NULL THEN s.detail ELSE EXCLUDED.detail END,
                           flags = CASE WHEN EXCLUDED.recorded_at IS NULL THEN s.flags ELSE EXCLUDED.flags END
                     WHERE s.last_attempt_at <= EXCLUDED.last_attempt_at""";
    private static final ObjectMapper JSON = JsonMapping.newMapper();

    private final DataSource dataSource;

    public TelemetryStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Validates the successful readings of {@code polls} and COPYs them (one statement, so all or
     * nothing).
     *
     * @return every poll with what was stored of it, in the order given
     */
    public List<LatestStates.Polled> copy(List<Reading> polls) throws SQLException {
        List<LatestStates.Polled> polled = new ArrayList<>(polls.size());
        List<StoredReading> rows = new ArrayList<>(polls.size());
        for (Reading poll : polls) {
            StoredReading stored = poll.ok()
                    ? StoredReading.of(poll.minerId(), poll.siteId(), poll.attemptedAt(), poll.reading())
                    : null;
            if (stored != null) {
                rows.add(stored);
            }
            polled.add(new LatestStates.Polled(poll, stored));
        }
        if (!rows.isEmpty()) {
            byte[] stream = encode(rows);
            try (Connection connection = dataSource.getConnection()) {
                connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_SQL, new ByteArrayInputStream(stream),
                        64 * 1024);
            } catch (IOException e) {
                throw new SQLException("COPY into miner_telemetry failed", "08006", e);
            }
        }
        return polled;
    }

    /** What {@code miner_latest_state} holds, for the counts of failures in a row after a restart. */
    public Map<Long, LatestStates.State> loadLatest() throws SQLException {
        Map<Long, LatestStates.State> states = new HashMap<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT miner_id, site_id, last_attempt_at, "
                        + "last_success_at, consecutive_failures, last_error, status, client_id, miner_model_id "
                        + "FROM miner_latest_state");
                ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                Timestamp success = rs.getTimestamp(4);
                states.put(rs.getLong(1), new LatestStates.State(rs.getLong(1), rs.getLong(2), rs.getString(7),
                        rs.getString(8), rs.getLong(9), rs.getTimestamp(3).toInstant(),
                        success == null ? null : success.toInstant(), null, rs.getInt(5), rs.getString(6)));
            }
        }
        return states;
    }

    /**
     * Deletes the latest state of every miner not in {@code polled} (deleted, or no longer read).
     *
     * @return how many rows went
     */
    public int retainLatest(long[] polled) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement delete = connection.prepareStatement(
                        "DELETE FROM miner_latest_state s WHERE NOT EXISTS "
                                + "(SELECT 1 FROM unnest(?::bigint[]) AS p(id) WHERE p.id = s.miner_id)")) {
            Long[] ids = new Long[polled.length];
            for (int i = 0; i < polled.length; i++) {
                ids[i] = polled[i];
            }
            Array array = connection.createArrayOf("bigint", ids);
            delete.setArray(1, array);
            int deleted = delete.executeUpdate();
            array.free();
            return deleted;
        }
    }

    static byte[] encode(List<StoredReading> rows) {
        PgCopyBinary copy = new PgCopyBinary();
        for (StoredReading r : rows) {
            copy.row(10).int8(r.minerId()).timestamptz(r.recordedAt()).numeric(r.hashrate(), 3)
                    .numeric(r.temperature(), 2).numeric(r.power(), 2).int4(r.fanSpeed())
                    .float4Array(r.boardTemperatures()).float4Array(r.chipTemperatures()).int4Array(r.fanSpeeds())
                    .int2(r.flags());
        }
        return copy.finish();
    }

    /** Writes {@code states} (any number, one statement); an older state never overwrites a newer one. */
    public void upsertLatest(List<LatestStates.State> states) throws SQLException {
        int n = states.size();
        Long[] ids = new Long[n];
        Long[] sites = new Long[n];
        Timestamp[] recorded = new Timestamp[n];
        Double[] hashrate = new Double[n];
        Double[] temperature = new Double[n];
        Double[] power = new Double[n];
        Integer[] fan = new Integer[n];
        Double[] efficiency = new Double[n];
        String[] detail = new String[n];
        Short[] flags = new Short[n];
        Timestamp[] attempted = new Timestamp[n];
        Timestamp[] succeeded = new Timestamp[n];
        Integer[] failures = new Integer[n];
        String[] errors = new String[n];
        String[] statuses = new String[n];
        String[] clients = new String[n];
        Long[] models = new Long[n];
        for (int i = 0; i < n; i++) {
            LatestStates.State m = states.get(i);
            StoredReading r = m.reading();
            ids[i] = m.minerId();
            sites[i] = m.siteId();
            attempted[i] = Timestamp.from(m.lastAttempt());
            failures[i] = m.consecutiveFailures();
            errors[i] = m.lastError();
            statuses[i] = m.status();
            clients[i] = m.clientId();
            models[i] = m.minerModelId();
            if (r != null) {
                recorded[i] = Timestamp.from(r.recordedAt());
                hashrate[i] = r.hashrate();
                temperature[i] = r.temperature();
                power[i] = r.power();
                fan[i] = r.fanSpeed();
                efficiency[i] = r.efficiency();
                detail[i] = json(r.detail());
                flags[i] = (short) r.flags();
                succeeded[i] = m.lastSuccess() == null ? null : Timestamp.from(m.lastSuccess());
            }
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement upsert = connection.prepareStatement(UPSERT_SQL)) {
            Object[][] columns = { ids, sites, recorded, hashrate, temperature, power, fan, efficiency, detail, flags,
                attempted, succeeded, failures, errors, statuses, clients, models };
            String[] types = { "bigint", "bigint", "timestamptz", "float8", "float8", "float8", "integer", "float8",
                "text", "smallint", "timestamptz", "timestamptz", "integer", "text", "text", "text", "bigint" };
            List<Array> arrays = new ArrayList<>();
            for (int c = 0; c < columns.length; c++) {
                Array array = connection.createArrayOf(types[c], columns[c]);
                arrays.add(array);
                upsert.setArray(c + 1, array);
            }
            upsert.executeUpdate();
            for (Array array : arrays) {
                array.free();
            }
        }
    }

    private static String json(Map<String, Object> detail) {
        try {
            return JSON.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("detail not serializable", e);
        }
    }
}
