package org.hashgrid.telemetry.internal;

import java.math.BigDecimal;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import javax.sql.DataSource;

import org.hashgrid.api.JsonMapping;
import org.hashgrid.core.Caller;
import org.hashgrid.core.Page;
import org.hashgrid.core.PageRequest;
import org.hashgrid.core.Validation;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The latest state of a site's polled miners, one keyset page at a time, ordered by a measure
 * (miners without it last) then by id, or of given miners ({@link #of}, for the console). A
 * client sees only its own miners. Reads {@code miner_latest_state} alone: status, owner and model
 * are those of the last poll.
 */
public final class FleetQuery {
    /** Sort orders the fleet view offers, by their name in the API. */
    public static final Set<String> SORTS = Set.of("miner", "efficiency", "temperature", "hashrate");
    private static final ObjectMapper JSON = JsonMapping.newMapper();
    private static final String COLUMNS = "miner_id, status, miner_model_id, client_id, recorded_at, hashrate, "
            + "temperature, power_consumption, fan_speed, efficiency, flags, last_attempt_at, last_success_at, "
            + "consecutive_failures, last_error, detail";

    /** One miner's row of the fleet view. */
    public record FleetMiner(long minerId, String status, Long minerModelId, String clientId, Instant recordedAt,
            BigDecimal hashrate, BigDecimal temperature, BigDecimal power, Integer fanSpeed, BigDecimal efficiency,
            int flags, Instant lastAttemptAt, Instant lastSuccessAt, int consecutiveFailures, String lastError,
            Map<String, Object> detail) {
    }

    private final DataSource dataSource;

    public FleetQuery(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public Page<FleetMiner> page(Caller caller, long siteId, String sort, String order, PageRequest page) {
        String by = sort == null ? "miner" : sort;
        String direction = order == null ? "asc" : order.toLowerCase(Locale.ROOT);
        new Validation().check(SORTS.contains(by), "sort", "one of miner, efficiency, temperature, hashrate")
                .check(direction.equals("asc") || direction.equals("desc"), "order", "asc or desc").validate();
        boolean desc = direction.equals("desc");
        String prefix = by + "|" + direction + "|";
        Key after = page.after() == null ? null : Key.parse(page.after(), prefix);
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM miner_latest_state WHERE site_id = ?");
        List<Object> args = new ArrayList<>(List.of(siteId));
        String owner = caller.ownerScope();
        if (owner != null) {
            sql.append(" AND client_id = ?");
            args.add(owner);
        }
        String column = by.equals("miner") ? null : by;
        if (column == null) {
            if (after != null) {
                sql.append(" AND miner_id > ?");
                args.add(after.minerId());
            }
            sql.append(" ORDER BY miner_id");
        } else {
            if (after != null && after.value() == null) {
                sql.append(" AND ").append(column).append(" IS NULL AND miner_id > ?");
                args.add(after.minerId());
            } else if (after != null) {
                sql.append(" AND (").append(column).append(" IS NULL OR ").append(column).append(desc ? " < ?" : " > ?")
                        .append(" OR (").append(column).append(" = ? AND miner_id > ?))");
                args.addAll(List.of(after.value(), after.value(), after.minerId()));
            }
            sql.append(" ORDER BY ").append(column).append(desc ? " DESC NULLS LAST" : " ASC NULLS LAST")
                    .append(", miner_id");
        }
        sql.append(" LIMIT ").append(page.fetchSize());
        List<FleetMiner> rows = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < args.size(); i++) {
                s.setObject(i + 1, args.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("fleet query failed", e);
        }
        return Page.of(rows, page, r -> prefix + keyValue(r, by) + "|" + r.minerId(), r -> r);
    }

    /**
     * The latest state of each of {@code minerIds} that is polled, by miner id, in one query. No
     * owner scope: the caller has the ids from a list that applied it.
     */
    public Map<Long, FleetMiner> of(Collection<Long> minerIds) {
        Map<Long, FleetMiner> states = new HashMap<>();
        if (minerIds.isEmpty()) {
            return states;
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement s = c.prepareStatement(
                "SELECT " + COLUMNS + " FROM miner_latest_state WHERE miner_id = ANY (?)")) {
            Array ids = c.createArrayOf("bigint", minerIds.toArray());
            s.setArray(1, ids);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    FleetMiner row = row(rs);
                    states.put(row.minerId(), row);
                }
            }
            ids.free();
        } catch (SQLException e) {
            throw new IllegalStateException("latest state query failed", e);
        }
        return states;
    }

    private static String keyValue(FleetMiner row, String by) {
        BigDecimal value = switch (by) {
            case "efficiency" -> row.efficiency();
            case "temperature" -> row.temperature();
            case "hashrate" -> row.hashrate();
            default -> null;
        };
        return value == null ? "" : value.toPlainString();
    }

    /** The position a cursor of this order carries: the sort value (null: no value) and the miner id. */
    private record Key(BigDecimal value, long minerId) {
        static Key parse(String after, String prefix) {
            if (!after.startsWith(prefix)) {
                throw PageRequest.foreignCursor();
            }
            String[] parts = after.substring(prefix.length()).split("\\|", -1);
            try {
                return new Key(parts[0].isEmpty() ? null : new BigDecimal(parts[0]), Long.parseLong(parts[1]));
            } catch (RuntimeException e) {
                throw PageRequest.foreignCursor();
            }
        }
    }

    private static FleetMiner row(ResultSet rs) throws SQLException {
        String detail = rs.getString(16);
        Map<String, Object> parsed;
        try {
            parsed = detail == null ? null : JSON.readValue(detail, new TypeReference<Map<String, Object>>() {
            });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new SQLException("unreadable detail of miner " + rs.getLong(1), e);
        }
        long model = rs.getLong(3);
        return new FleetMiner(rs.getLong(1), rs.getString(2), rs.wasNull() ? null : model, rs.getString(4),
                instant(rs.getTimestamp(5)), rs.getBigDecimal(6), rs.getBigDecimal(7), rs.getBigDecimal(8),
                (Integer) rs.getObject(9), rs.getBigDecimal(10), rs.getInt(11), instant(rs.getTimestamp(12)),
                instant(rs.getTimestamp(13)), rs.getInt(14), rs.getString(15), parsed);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
