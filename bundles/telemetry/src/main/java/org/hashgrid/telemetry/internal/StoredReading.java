package org.hashgrid.telemetry.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

import org.hashgrid.driver.BoardReading;
import org.hashgrid.driver.MinerReading;
import org.hashgrid.driver.PoolReading;
import org.hashgrid.telemetry.ReadingFlags;

/**
 * A successful reading as it is stored, after the documented validation of
 * {@link ReadingFlags}: measures in the table's units (TH/s, °C, W, RPM), {@code null} for what
 * the firmware did not report or what validation dropped. {@code temperature} is the hottest
 * sensor (chip if reported, else board), {@code fanSpeed} the mean of the fans.
 */
public record StoredReading(long minerId, long siteId, Instant recordedAt, Double hashrate, Double temperature,
        Double power, Integer fanSpeed, float[] boardTemperatures, float[] chipTemperatures, int[] fanSpeeds,
        int flags, Map<String, Object> detail) {

    /** Validates {@code reading} of a poll taken at {@code attemptedAt}. */
    public static StoredReading of(long minerId, long siteId, Instant attemptedAt, MinerReading reading) {
        int[] flags = { 0 };
        Instant recordedAt = reading.readAt();
        if (Duration.between(attemptedAt, recordedAt).abs().getSeconds() > ReadingFlags.MAX_CLOCK_SKEW_SECONDS) {
            recordedAt = attemptedAt;
            flags[0] |= ReadingFlags.CLOCK_SKEW;
        }
        float[] boards = temperatures(reading.boardTemperaturesC(), flags);
        float[] chips = temperatures(reading.chipTemperaturesC(), flags);
        Double reportedMax = inRange(reading.maxTemperatureC(), flags);
        Double hottest = max(chips);
        if (hottest == null) {
            hottest = max(boards);
        }
        if (reportedMax != null && (hottest == null || reportedMax > hottest)) {
            hottest = reportedMax;
        }
        OptionalDouble reportedHashrate = reading.hashrateThs().isPresent() ? reading.hashrateThs()
                : reading.averageHashrateThs();
        Double hashrate = bounded(reportedHashrate, ReadingFlags.MAX_HASHRATE_THS, ReadingFlags.HASHRATE_DROPPED,
                flags);
        Double power = bounded(reading.powerW(), ReadingFlags.MAX_POWER_W, ReadingFlags.POWER_DROPPED, flags);
        int[] fans = reading.fanRpms().stream().mapToInt(Integer::intValue).toArray();
        if (Arrays.stream(fans).anyMatch(rpm -> rpm > ReadingFlags.MAX_FAN_RPM)) {
            fans = Arrays.stream(fans).filter(rpm -> rpm <= ReadingFlags.MAX_FAN_RPM).toArray();
            flags[0] |= ReadingFlags.FAN_DROPPED;
        }
        Integer fanSpeed = fans.length == 0 ? null
                : (int) Math.round(Arrays.stream(fans).average().orElse(0));
        Map<String, Object> detail = detail(reading, boards, chips, fans, flags);
        return new StoredReading(minerId, siteId, recordedAt, hashrate, hottest, power, fanSpeed,
                boards.length == 0 ? null : boards, chips.length == 0 ? null : chips, fans.length == 0 ? null : fans,
                flags[0], detail);
    }

    /** Power ÷ hashrate in J/TH, or null without both or at zero hashrate. */
    public Double efficiency() {
        return hashrate == null || power == null || hashrate <= 0 ? null : power / hashrate;
    }

    private static Map<String, Object> detail(MinerReading reading, float[] boards, float[] chips, int[] fans,
            int[] flags) {
        Map<String, Object> detail = new TreeMap<>();
        if (boards.length > 0) {
            detail.put("board_temperatures", toList(boards));
        }
        if (chips.length > 0) {
            detail.put("chip_temperatures", toList(chips));
        }
        if (fans.length > 0) {
            detail.put("fan_speeds", Arrays.stream(fans).boxed().toList());
        }
        reading.averageHashrateThs().ifPresent(v -> detail.put("average_hashrate", v));
        reading.uptimeSeconds().ifPresent(v -> detail.put("uptime_seconds", v));
        reading.acceptedShares().ifPresent(v -> detail.put("accepted_shares", v));
        reading.rejectedShares().ifPresent(v -> detail.put("rejected_shares", v));
        reading.hardwareErrors().ifPresent(v -> detail.put("hardware_errors", v));
        reading.poolUrl().ifPresent(v -> detail.put("pool_url", v));
        reading.poolUser().ifPresent(v -> detail.put("pool_user", v));
        reading.firmware().ifPresent(v -> detail.put("firmware", v));
        reading.model().ifPresent(v -> detail.put("model", v));
        reading.firmwareName().ifPresent(v -> detail.put("firmware_name", v));
        reading.firmwareVersion().ifPresent(v -> detail.put("firmware_version", v));
        reading.macAddress().ifPresent(v -> detail.put("mac_address", v));
        reading.nominalHashrateThs().ifPresent(v -> detail.put("nominal_hashrate", v));
        reading.mode().ifPresent(v -> detail.put("mode", v.name().toLowerCase(Locale.ROOT)));
        reading.powerLimitW().ifPresent(v -> detail.put("power_limit", v));
        reading.psuFanRpm().ifPresent(v -> detail.put("psu_fan_speed", v));
        if (!reading.errors().isEmpty()) {
            detail.put("errors", reading.errors());
        }
        if (!reading.boards().isEmpty()) {
            detail.put("boards", reading.boards().stream().map(board -> board(board, flags)).toList());
        }
        if (!reading.pools().isEmpty()) {
            detail.put("pools", reading.pools().stream().map(StoredReading::pool).toList());
        }
        return detail;
    }

    /** One hashboard with every sensor (validated like the miner's own temperatures) and its chips. */
    private static Map<String, Object> board(BoardReading board, int[] flags) {
        Map<String, Object> detail = new TreeMap<>();
        detail.put("index", board.index());
        board.hashrateThs().ifPresent(v -> detail.put("hashrate", v));
        board.nominalHashrateThs().ifPresent(v -> detail.put("nominal_hashrate", v));
        float[] boardSensors = temperatures(board.boardTemperaturesC(), flags);
        if (boardSensors.length > 0) {
            detail.put("board_temperatures", toList(boardSensors));
        }
        float[] chipSensors = temperatures(board.chipTemperaturesC(), flags);
        if (chipSensors.length > 0) {
            detail.put("chip_temperatures", toList(chipSensors));
        }
        board.chips().ifPresent(v -> detail.put("chips", v));
        board.failedChips().ifPresent(v -> detail.put("failed_chips", v));
        board.hardwareErrors().ifPresent(v -> detail.put("hardware_errors", v));
        return detail;
    }

    private static Map<String, Object> pool(PoolReading pool) {
        Map<String, Object> detail = new TreeMap<>();
        detail.put("index", pool.index());
        detail.put("url", pool.url());
        pool.user().ifPresent(v -> detail.put("user", v));
        pool.status().ifPresent(v -> detail.put("status", v));
        pool.priority().ifPresent(v -> detail.put("priority", v));
        pool.active().ifPresent(v -> detail.put("active", v));
        pool.accepted().ifPresent(v -> detail.put("accepted", v));
        pool.rejected().ifPresent(v -> detail.put("rejected", v));
        pool.stale().ifPresent(v -> detail.put("stale", v));
        return detail;
    }

    private static List<Double> toList(float[] values) {
        List<Double> list = new ArrayList<>(values.length);
        for (float v : values) {
            list.add((double) v);
        }
        return list;
    }

    private static float[] temperatures(List<Double> reported, int[] flags) {
        float[] kept = new float[reported.size()];
        int n = 0;
        for (double t : reported) {
            if (t >= ReadingFlags.MIN_TEMPERATURE_C && t <= ReadingFlags.MAX_TEMPERATURE_C) {
                kept[n++] = (float) t;
            } else {
                flags[0] |= ReadingFlags.TEMPERATURE_DROPPED;
            }
        }
        return Arrays.copyOf(kept, n);
    }

    private static Double inRange(OptionalDouble temperature, int[] flags) {
        if (temperature.isEmpty()) {
            return null;
        }
        double t = temperature.getAsDouble();
        if (t < ReadingFlags.MIN_TEMPERATURE_C || t > ReadingFlags.MAX_TEMPERATURE_C) {
            flags[0] |= ReadingFlags.TEMPERATURE_DROPPED;
            return null;
        }
        return t;
    }

    private static Double bounded(OptionalDouble value, double max, int flag, int[] flags) {
        if (value.isEmpty()) {
            return null;
        }
        if (value.getAsDouble() > max) {
            flags[0] |= flag;
            return null;
        }
        return value.getAsDouble();
    }

    private static Double max(float[] values) {
        if (values.length == 0) {
            return null;
        }
        float max = values[0];
        for (float v : values) {
            max = Math.max(max, v);
        }
        return (double) max;
    }
}
