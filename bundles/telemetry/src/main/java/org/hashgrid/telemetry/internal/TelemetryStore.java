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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.hashgrid.api.JsonMapping;
import org.postgresql.PGConnection;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Writes a batch of polls in one transaction: the successful readings into
 * {@code miner_telemetry} with a binary {@code COPY} through the parent table (PostgreSQL routes
 * each row to its month's partition), and one upsert of {@code miner_latest_state} for every
 * miner in the batch (arrays unnested server-side: one statement, whatever the batch size).
 */
public final class TelemetryStore {
    static final String COPY_SQL = "COPY miner_telemetry (miner_id, recorded_at, hashrate, temperature, "
            + "power_consumption, fan_speed, board_temperatures, chip_temperatures, fan_speeds, flags) "
            + "FROM STDIN (FORMAT binary)";
    private static final String UPSERT_SQL =
            """
                    INSERT INTO miner_latest_state AS s (miner_id, site_id, recorded_at, hashrate, temperature,
                           power_consumption, fan_speed, efficiency, detail, flags, last_attempt_at, last_success_at,
                           consecutive_failures, last_error)
                    SELECT u.miner_id, u.site_id, u.recorded_at, round(u.hashrate::numeric, 3), round(u.temperature::numeric, 2),
                           round(u.power::numeric, 2), u.fan_speed, round(u.efficiency::numeric, 2), u.detail::jsonb,
                           coalesce(u.flags, 0), u.attempted_at, u.succeeded_at, u.failures, u.error
                      FROM unnest(?::bigint[], ?::bigint[], ?::timestamptz[], ?::float8[], ?::float8[], ?::float8[],
                                  ?::integer[], ?::float8[], ?::text[], ?::smallint[], ?::timestamptz[], ?::timestamptz[],
                                  ?::integer[], ?::text[])
                        AS u(miner_id, site_id, recorded_at, hashrate, temperature, power, fan_speed, efficiency, detail,
                             flags, attempted_at, succeeded_at, failures, error)
                    ON CONFLICT (miner_id) DO UPDATE SET
                           site_id = EXCLUDED.site_id,
                           last_attempt_at = EXCLUDED.last_attempt_at,
                           last_error = EXCLUDED.last_error,
                           recorded_at = coalesce(EXCLUDED.recorded_at, s.recorded_at),
                           hashrate = CASE WHEN EXCLUDED.recorded_at IS NULL THEN s.hashrate ELSE EXCLUDED.hashrate END,
                           temperature = CASE WHEN EXCLUDED.recorded_at IS NULL THEN s.temperature ELSE EXCLUDED.temperature END,
                           power_consumption = CASE WHEN EXCLUDED.recorded_at IS NULL THEN s.power_consumption
                                                    ELSE EXCLUDED.power_consumption END,
                           fan_speed = CASE WHEN EXCLUDED.recorded_at IS NULL THEN s.fan_speed ELSE EXCLUDED.fan_speed END,
                           efficiency = CASE WHEN EXCLUDED.recorded_at IS NULL THEN s.efficiency ELSE EXCLUDED.efficiency END,
                           detail = CASE WHEN EXCLUDED.recorded_at IS NULL THEN s.detail ELSE EXCLUDED.detail END,
                           flags = CASE WHEN EXCLUDED.recorded_at IS NULL THEN s.flags ELSE EXCLUDED.flags END,
                           last_success_at = coalesce(EXCLUDED.last_success_at, s.last_success_at),
                           consecutive_failures = CASE WHEN EXCLUDED.last_success_at IS NULL
                                                       THEN s.consecutive_failures + EXCLUDED.consecutive_failures
                                                       ELSE EXCLUDED.consecutive_failures END
                     WHERE s.last_attempt_at <= EXCLUDED.last_attempt_at
                    RETURNING miner_id, consecutive_failures""";
    private static final ObjectMapper JSON = JsonMapping.newMapper();

    /** What the batch left a miner at: its failures in a row now. */
    public record Outcome(long minerId, int consecutiveFailures) {
    }

    private final DataSource dataSource;

    public TelemetryStore(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Stores {@code polls} (several polls of one miner may be in it, in time order) in one
     * transaction; nothing is stored when it throws.
     *
     * @return the failures in a row of every miner of the batch after it
     */
    public List<Outcome> write(List<Reading> polls) throws SQLException {
        List<StoredReading> rows = new ArrayList<>(polls.size());
        Map<Long, MinerSummary> latest = new LinkedHashMap<>();
        for (Reading poll : polls) {
            StoredReading stored = poll.ok()
                    ? StoredReading.of(poll.minerId(), poll.siteId(), poll.attemptedAt(), poll.reading())
                    : null;
            if (stored != null) {
                rows.add(stored);
            }
            latest.computeIfAbsent(poll.minerId(), id -> new MinerSummary()).add(poll, stored);
        }
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                if (!rows.isEmpty()) {
                    copy(connection, rows);
                }
                List<Outcome> outcomes = upsertLatest(connection, latest);
                connection.commit();
                return outcomes;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
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

    private static void copy(Connection connection, List<StoredReading> rows) throws SQLException {
        byte[] stream = encode(rows);
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_SQL, new ByteArrayInputStream(stream),
                    64 * 1024);
        } catch (IOException e) {
            throw new SQLException("COPY into miner_telemetry failed", "08006", e);
        }
    }

    private static List<Outcome> upsertLatest(Connection connection, Map<Long, MinerSummary> latest)
            throws SQLException {
        int n = latest.size();
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
        int i = 0;
        for (Map.Entry<Long, MinerSummary> entry : latest.entrySet()) {
            MinerSummary m = entry.getValue();
            StoredReading r = m.lastSuccess;
            ids[i] = entry.getKey();
            sites[i] = m.siteId;
            attempted[i] = Timestamp.from(m.lastAttempt);
            failures[i] = m.failuresAfterSuccess;
            errors[i] = m.lastError;
            if (r != null) {
                recorded[i] = Timestamp.from(r.recordedAt());
                hashrate[i] = r.hashrate();
                temperature[i] = r.temperature();
                power[i] = r.power();
                fan[i] = r.fanSpeed();
                efficiency[i] = r.efficiency();
                detail[i] = json(r.detail());
                flags[i] = (short) r.flags();
                succeeded[i] = Timestamp.from(m.lastSuccessAttempt);
            }
            i++;
        }
        try (PreparedStatement upsert = connection.prepareStatement(UPSERT_SQL)) {
            Object[][] columns = { ids, sites, recorded, hashrate, temperature, power, fan, efficiency, detail, flags,
                attempted, succeeded, failures, errors };
            String[] types = { "bigint", "bigint", "timestamptz", "float8", "float8", "float8", "integer", "float8",
                "text", "smallint", "timestamptz", "timestamptz", "integer", "text" };
            List<Array> arrays = new ArrayList<>();
            for (int c = 0; c < columns.length; c++) {
                Array array = connection.createArrayOf(types[c], columns[c]);
                arrays.add(array);
                upsert.setArray(c + 1, array);
            }
            List<Outcome> outcomes = new ArrayList<>(n);
            try (ResultSet rs = upsert.executeQuery()) {
                while (rs.next()) {
                    outcomes.add(new Outcome(rs.getLong(1), rs.getInt(2)));
                }
            }
            for (Array array : arrays) {
                array.free();
            }
            return outcomes;
        }
    }

    private static String json(Map<String, Object> detail) {
        try {
            return JSON.writeValueAsString(detail);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("detail not serializable", e);
        }
    }

    /** One miner's polls within a batch, folded into what its latest state becomes. */
    private static final class MinerSummary {
        long siteId;
        java.time.Instant lastAttempt;
        java.time.Instant lastSuccessAttempt;
        StoredReading lastSuccess;
        int failuresAfterSuccess;
        String lastError;

        void add(Reading poll, StoredReading stored) {
            siteId = poll.siteId();
            lastAttempt = poll.attemptedAt();
            if (stored != null) {
                lastSuccess = stored;
                lastSuccessAttempt = poll.attemptedAt();
                failuresAfterSuccess = 0;
                lastError = null;
            } else {
                failuresAfterSuccess++;
                lastError = poll.error();
            }
        }
    }

    static Map<Long, Integer> byMiner(List<Outcome> outcomes) {
        Map<Long, Integer> map = new HashMap<>();
        outcomes.forEach(o -> map.put(o.minerId(), o.consecutiveFailures()));
        return map;
    }
}
