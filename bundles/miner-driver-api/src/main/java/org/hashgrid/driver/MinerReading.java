package org.hashgrid.driver;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * One reading of a miner, in the platform's units. A value the firmware did not report is absent
 * (an empty optional or list) and named by {@link #missing()}; drivers never substitute zeros.
 * Build instances with {@link #builder(Instant)}.
 *
 * <p>Numbers are {@code double}: they are measurements with a few significant digits, read
 * thousands of times per second, so exact decimals would cost without adding truth.
 *
 * @param readAt              when the reading was taken (the driver's clock, not the miner's)
 * @param hashrateThs         current hashrate in TH/s (the firmware's shortest window, e.g. 5 s)
 * @param averageHashrateThs  hashrate in TH/s averaged since the mining process started
 * @param boardTemperaturesC  temperature of each hashboard in °C (board/PCB sensors)
 * @param chipTemperaturesC   hottest chip of each hashboard in °C
 * @param maxTemperatureC     hottest temperature reported anywhere, in °C
 * @param powerW              power draw in W
 * @param fanRpms             speed of each fan in RPM
 * @param uptimeSeconds       seconds since the mining process started
 * @param acceptedShares      shares accepted by the pools since start
 * @param rejectedShares      shares rejected by the pools since start
 * @param hardwareErrors      hardware errors counted since start
 * @param poolUrl             URL of the pool currently mined on
 * @param poolUser            worker name on that pool
 * @param firmware            firmware or mining software and version
 * @param model               the miner model, e.g. {@code Antminer S19 Pro}
 * @param boards              each hashboard with all its sensors (since 1.1)
 * @param pools               every configured pool with status, priority and shares (since 1.1)
 * @param firmwareName        the firmware family, e.g. {@code Bitmain stock}, {@code Braiins OS},
 *                            {@code LuxOS}, {@code VNish}, {@code Whatsminer} (since 1.1)
 * @param firmwareVersion     the firmware's version or build string (since 1.1)
 * @param macAddress          the control board's MAC address, upper case with colons (since 1.1)
 * @param nominalHashrateThs  the factory (ideal) hashrate in TH/s (since 1.1)
 * @param errors              error codes or messages the firmware reports now, empty when none (since 1.1)
 * @param mode                the operating mode, e.g. {@link MinerMode#SLEEP} (since 1.1)
 * @param powerLimitW         the configured power limit or target in W (since 1.1)
 * @param psuFanRpm           the power supply's fan in RPM (since 1.1)
 */
public record MinerReading(Instant readAt, OptionalDouble hashrateThs, OptionalDouble averageHashrateThs,
        List<Double> boardTemperaturesC, List<Double> chipTemperaturesC, OptionalDouble maxTemperatureC,
        OptionalDouble powerW, List<Integer> fanRpms, OptionalLong uptimeSeconds, OptionalLong acceptedShares,
        OptionalLong rejectedShares, OptionalLong hardwareErrors, Optional<String> poolUrl, Optional<String> poolUser,
        Optional<String> firmware, Optional<String> model, List<BoardReading> boards, List<PoolReading> pools,
        Optional<String> firmwareName, Optional<String> firmwareVersion, Optional<String> macAddress,
        OptionalDouble nominalHashrateThs, List<String> errors, Optional<MinerMode> mode, OptionalDouble powerLimitW,
        OptionalInt psuFanRpm) {

    /** The 1.0 constructor, kept for binary compatibility: the 1.1 values stay absent. */
    public MinerReading(Instant readAt, OptionalDouble hashrateThs, OptionalDouble averageHashrateThs,
            List<Double> boardTemperaturesC, List<Double> chipTemperaturesC, OptionalDouble maxTemperatureC,
            OptionalDouble powerW, List<Integer> fanRpms, OptionalLong uptimeSeconds, OptionalLong acceptedShares,
            OptionalLong rejectedShares, OptionalLong hardwareErrors, Optional<String> poolUrl,
            Optional<String> poolUser, Optional<String> firmware, Optional<String> model) {
        this(readAt, hashrateThs, averageHashrateThs, boardTemperaturesC, chipTemperaturesC, maxTemperatureC, powerW,
                fanRpms, uptimeSeconds, acceptedShares, rejectedShares, hardwareErrors, poolUrl, poolUser, firmware,
                model, List.of(), List.of(), Optional.empty(), Optional.empty(), Optional.empty(),
                OptionalDouble.empty(), List.of(), Optional.empty(), OptionalDouble.empty(), OptionalInt.empty());
    }

    public MinerReading {
        Objects.requireNonNull(readAt, "readAt");
        requireNonNegative("hashrateThs", hashrateThs);
        requireNonNegative("averageHashrateThs", averageHashrateThs);
        boardTemperaturesC = List.copyOf(boardTemperaturesC);
        chipTemperaturesC = List.copyOf(chipTemperaturesC);
        Stream.concat(boardTemperaturesC.stream(), chipTemperaturesC.stream())
                .forEach(t -> requireFinite("temperature", t));
        maxTemperatureC.ifPresent(t -> requireFinite("maxTemperatureC", t));
        requireNonNegative("powerW", powerW);
        fanRpms = List.copyOf(fanRpms);
        if (fanRpms.stream().anyMatch(rpm -> rpm < 0)) {
            throw new IllegalArgumentException("negative fan speed: " + fanRpms);
        }
        requireNonNegative("uptimeSeconds", uptimeSeconds);
        requireNonNegative("acceptedShares", acceptedShares);
        requireNonNegative("rejectedShares", rejectedShares);
        requireNonNegative("hardwareErrors", hardwareErrors);
        Stream.of(poolUrl, poolUser, firmware, model, firmwareName, firmwareVersion, macAddress, mode)
                .forEach(Objects::requireNonNull);
        boards = List.copyOf(boards);
        pools = List.copyOf(pools);
        errors = List.copyOf(errors);
        requireNonNegative("nominalHashrateThs", nominalHashrateThs);
        requireNonNegative("powerLimitW", powerLimitW);
        Objects.requireNonNull(psuFanRpm, "psuFanRpm");
        if (psuFanRpm.orElse(0) < 0) {
            throw new IllegalArgumentException("negative PSU fan speed: " + psuFanRpm.getAsInt());
        }
    }

    /** @return the values the firmware did not report */
    public Set<ReadingField> missing() {
        EnumSet<ReadingField> missing = EnumSet.noneOf(ReadingField.class);
        addIf(missing, ReadingField.HASHRATE, hashrateThs.isEmpty());
        addIf(missing, ReadingField.AVERAGE_HASHRATE, averageHashrateThs.isEmpty());
        addIf(missing, ReadingField.BOARD_TEMPERATURES, boardTemperaturesC.isEmpty());
        addIf(missing, ReadingField.CHIP_TEMPERATURES, chipTemperaturesC.isEmpty());
        addIf(missing, ReadingField.MAX_TEMPERATURE, maxTemperatureC.isEmpty());
        addIf(missing, ReadingField.POWER, powerW.isEmpty());
        addIf(missing, ReadingField.FAN_SPEEDS, fanRpms.isEmpty());
        addIf(missing, ReadingField.UPTIME, uptimeSeconds.isEmpty());
        addIf(missing, ReadingField.ACCEPTED_SHARES, acceptedShares.isEmpty());
        addIf(missing, ReadingField.REJECTED_SHARES, rejectedShares.isEmpty());
        addIf(missing, ReadingField.HARDWARE_ERRORS, hardwareErrors.isEmpty());
        addIf(missing, ReadingField.POOL_URL, poolUrl.isEmpty());
        addIf(missing, ReadingField.POOL_USER, poolUser.isEmpty());
        addIf(missing, ReadingField.FIRMWARE, firmware.isEmpty());
        addIf(missing, ReadingField.MODEL, model.isEmpty());
        addIf(missing, ReadingField.BOARDS, boards.isEmpty());
        addIf(missing, ReadingField.POOLS, pools.isEmpty());
        addIf(missing, ReadingField.FIRMWARE_NAME, firmwareName.isEmpty());
        addIf(missing, ReadingField.FIRMWARE_VERSION, firmwareVersion.isEmpty());
        addIf(missing, ReadingField.MAC_ADDRESS, macAddress.isEmpty());
        addIf(missing, ReadingField.NOMINAL_HASHRATE, nominalHashrateThs.isEmpty());
        addIf(missing, ReadingField.MODE, mode.isEmpty());
        addIf(missing, ReadingField.POWER_LIMIT, powerLimitW.isEmpty());
        addIf(missing, ReadingField.PSU_FAN_SPEED, psuFanRpm.isEmpty());
        return Collections.unmodifiableSet(missing);
    }

    public static Builder builder(Instant readAt) {
        return new Builder(readAt);
    }

    /**
     * A builder holding every value of this reading, for a driver that adds what its firmware's own
     * API tells to a reading taken elsewhere (e.g. the CGMiner driver's): set what changes, keep
     * the rest.
     *
     * @since 1.1
     */
    public Builder toBuilder() {
        Builder b = new Builder(readAt);
        b.hashrateThs = hashrateThs;
        b.averageHashrateThs = averageHashrateThs;
        b.boardTemperaturesC = boardTemperaturesC;
        b.chipTemperaturesC = chipTemperaturesC;
        b.maxTemperatureC = maxTemperatureC;
        b.powerW = powerW;
        b.fanRpms = fanRpms;
        b.uptimeSeconds = uptimeSeconds;
        b.acceptedShares = acceptedShares;
        b.rejectedShares = rejectedShares;
        b.hardwareErrors = hardwareErrors;
        b.poolUrl = poolUrl;
        b.poolUser = poolUser;
        b.firmware = firmware;
        b.model = model;
        b.boards = boards;
        b.pools = pools;
        b.firmwareName = firmwareName;
        b.firmwareVersion = firmwareVersion;
        b.macAddress = macAddress;
        b.nominalHashrateThs = nominalHashrateThs;
        b.errors = errors;
        b.mode = mode;
        b.powerLimitW = powerLimitW;
        b.psuFanRpm = psuFanRpm;
        return b;
    }

    private static void addIf(Set<ReadingField> set, ReadingField field, boolean condition) {
        if (condition) {
            set.add(field);
        }
    }

    private static void requireFinite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " is not a finite number: " + value);
        }
    }

    private static void requireNonNegative(String name, OptionalDouble value) {
        Objects.requireNonNull(value, name);
        if (value.isPresent() && !(value.getAsDouble() >= 0 && Double.isFinite(value.getAsDouble()))) {
            throw new IllegalArgumentException(name + " must be a finite number >= 0: " + value.getAsDouble());
        }
    }

    private static void requireNonNegative(String name, OptionalLong value) {
        Objects.requireNonNull(value, name);
        if (value.isPresent() && value.getAsLong() < 0) {
            throw new IllegalArgumentException(name + " must be >= 0: " + value.getAsLong());
        }
    }

    /**
     * Collects the values a driver found; everything not set stays absent. When no maximum
     * temperature is set, {@link #build()} takes the highest board or chip temperature.
     */
    public static final class Builder {
        private final Instant readAt;
        private OptionalDouble hashrateThs = OptionalDouble.empty();
        private OptionalDouble averageHashrateThs = OptionalDouble.empty();
        private List<Double> boardTemperaturesC = List.of();
        private List<Double> chipTemperaturesC = List.of();
        private OptionalDouble maxTemperatureC = OptionalDouble.empty();
        private OptionalDouble powerW = OptionalDouble.empty();
        private List<Integer> fanRpms = List.of();
        private OptionalLong uptimeSeconds = OptionalLong.empty();
        private OptionalLong acceptedShares = OptionalLong.empty();
        private OptionalLong rejectedShares = OptionalLong.empty();
        private OptionalLong hardwareErrors = OptionalLong.empty();
        private Optional<String> poolUrl = Optional.empty();
        private Optional<String> poolUser = Optional.empty();
        private Optional<String> firmware = Optional.empty();
        private Optional<String> model = Optional.empty();
        private List<BoardReading> boards = List.of();
        private List<PoolReading> pools = List.of();
        private Optional<String> firmwareName = Optional.empty();
        private Optional<String> firmwareVersion = Optional.empty();
        private Optional<String> macAddress = Optional.empty();
        private OptionalDouble nominalHashrateThs = OptionalDouble.empty();
        private List<String> errors = List.of();
        private Optional<MinerMode> mode = Optional.empty();
        private OptionalDouble powerLimitW = OptionalDouble.empty();
        private OptionalInt psuFanRpm = OptionalInt.empty();

        private Builder(Instant readAt) {
            this.readAt = Objects.requireNonNull(readAt, "readAt");
        }

        public Builder hashrateThs(double value) {
            hashrateThs = OptionalDouble.of(value);
            return this;
        }

        public Builder averageHashrateThs(double value) {
            averageHashrateThs = OptionalDouble.of(value);
            return this;
        }

        public Builder boardTemperaturesC(List<Double> values) {
            boardTemperaturesC = new ArrayList<>(values);
            return this;
        }

        public Builder chipTemperaturesC(List<Double> values) {
            chipTemperaturesC = new ArrayList<>(values);
            return this;
        }

        public Builder maxTemperatureC(double value) {
            maxTemperatureC = OptionalDouble.of(value);
            return this;
        }

        public Builder powerW(double value) {
            powerW = OptionalDouble.of(value);
            return this;
        }

        public Builder fanRpms(List<Integer> values) {
            fanRpms = new ArrayList<>(values);
            return this;
        }

        public Builder uptimeSeconds(long value) {
            uptimeSeconds = OptionalLong.of(value);
            return this;
        }

        public Builder acceptedShares(long value) {
            acceptedShares = OptionalLong.of(value);
            return this;
        }

        public Builder rejectedShares(long value) {
            rejectedShares = OptionalLong.of(value);
            return this;
        }

        public Builder hardwareErrors(long value) {
            hardwareErrors = OptionalLong.of(value);
            return this;
        }

        public Builder poolUrl(String value) {
            poolUrl = Optional.of(value);
            return this;
        }

        public Builder poolUser(String value) {
            poolUser = Optional.of(value);
            return this;
        }

        public Builder firmware(String value) {
            firmware = Optional.of(value);
            return this;
        }

        public Builder model(String value) {
            model = Optional.of(value);
            return this;
        }

        /** @since 1.1 */
        public Builder boards(List<BoardReading> values) {
            boards = new ArrayList<>(values);
            return this;
        }

        /** @since 1.1 */
        public Builder pools(List<PoolReading> values) {
            pools = new ArrayList<>(values);
            return this;
        }

        /** @since 1.1 */
        public Builder firmwareName(String value) {
            firmwareName = Optional.of(value);
            return this;
        }

        /** @since 1.1 */
        public Builder firmwareVersion(String value) {
            firmwareVersion = Optional.of(value);
            return this;
        }

        /** @since 1.1 */
        public Builder macAddress(String value) {
            macAddress = Optional.of(value);
            return this;
        }

        /** @since 1.1 */
        public Builder nominalHashrateThs(double value) {
            nominalHashrateThs = OptionalDouble.of(value);
            return this;
        }

        /** @since 1.1 */
        public Builder errors(List<String> values) {
            errors = new ArrayList<>(values);
            return this;
        }

        /** @since 1.1 */
        public Builder mode(MinerMode value) {
            mode = Optional.of(value);
            return this;
        }

        /** @since 1.1 */
        public Builder powerLimitW(double value) {
            powerLimitW = OptionalDouble.of(value);
            return this;
        }

        /** @since 1.1 */
        public Builder psuFanRpm(int value) {
            psuFanRpm = OptionalInt.of(value);
            return this;
        }

        /**
         * When no board or chip temperatures are set but boards are, the per-board lists are
         * derived from the boards (hottest sensor of each); when no maximum temperature is set, the
         * highest board or chip sensor is taken.
         *
         * @throws IllegalArgumentException if a value is out of range (negative, not finite)
         */
        public MinerReading build() {
            List<Double> boardTemps = boardTemperaturesC.isEmpty() ? hottest(BoardReading::hottestBoardC)
                    : boardTemperaturesC;
            List<Double> chipTemps = chipTemperaturesC.isEmpty() ? hottest(BoardReading::hottestChipC)
                    : chipTemperaturesC;
            OptionalDouble max = maxTemperatureC.isPresent() ? maxTemperatureC
                    : Stream.of(boardTemps, chipTemps, allSensors()).flatMap(List::stream)
                            .mapToDouble(Double::doubleValue).max();
            return new MinerReading(readAt, hashrateThs, averageHashrateThs, boardTemps, chipTemps, max, powerW,
                    fanRpms, uptimeSeconds, acceptedShares, rejectedShares, hardwareErrors, poolUrl, poolUser,
                    firmware, model, boards, pools, firmwareName, firmwareVersion, macAddress, nominalHashrateThs,
                    errors, mode, powerLimitW, psuFanRpm);
        }

        private List<Double> hottest(Function<BoardReading, OptionalDouble> sensor) {
            List<Double> values = new ArrayList<>();
            for (BoardReading board : boards) {
                sensor.apply(board).ifPresent(values::add);
            }
            return values;
        }

        private List<Double> allSensors() {
            List<Double> values = new ArrayList<>();
            for (BoardReading board : boards) {
                values.addAll(board.boardTemperaturesC());
                values.addAll(board.chipTemperaturesC());
            }
            return values;
        }
    }
}
