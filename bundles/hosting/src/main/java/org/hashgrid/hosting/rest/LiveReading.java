package org.hashgrid.hosting.rest;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.hashgrid.core.Doc;
import org.hashgrid.driver.MinerReading;
import org.hashgrid.driver.ReadingField;

/** What a miner reports right now, read through its driver; nothing is stored. Absent values are null. */
public record LiveReading(
        long minerId,
        String driver,
        Instant readAt,
        @Doc("Current hashrate in TH/s") Double hashrate,
        @Doc("Average hashrate in TH/s") Double averageHashrate,
        @Doc("Per-board temperatures in °C") List<Double> boardTemperatures,
        @Doc("Per-chip temperatures in °C") List<Double> chipTemperatures,
        @Doc("Hottest reported temperature in °C") Double maxTemperature,
        @Doc("Power in W") Double powerConsumption,
        @Doc("Fan speeds in RPM") List<Integer> fanSpeeds,
        @Doc("Seconds since the mining software started") Long uptimeS,
        Long acceptedShares,
        Long rejectedShares,
        Long hardwareErrors,
        String poolUrl,
        String poolUser,
        String firmware,
        String model,
        @Doc("Each hashboard with every sensor, chips and hardware errors") List<LiveBoard> boards,
        @Doc("Every configured pool with status, priority and shares") List<LivePool> pools,
        @Doc("Firmware family, e.g. Bitmain stock, Braiins OS, LuxOS, VNish, Whatsminer") String firmwareName,
        @Doc("The firmware's own version or build") String firmwareVersion,
        @Doc("Control board MAC address, AA:BB:CC:DD:EE:FF") String macAddress,
        @Doc("Factory (ideal) hashrate in TH/s") Double nominalHashrate,
        @Doc("Errors the firmware reports now") List<String> errors,
        @Doc("Operating mode: normal, low_power, high_performance or sleep") String mode,
        @Doc("Configured power limit or target in W") Double powerLimit,
        @Doc("Power supply fan in RPM") Integer psuFanSpeed,
        @Doc("What the firmware did not report") List<String> missing) {

    public static LiveReading of(long minerId, String driver, MinerReading r) {
        return new LiveReading(minerId, driver, r.readAt(),
                r.hashrateThs().isPresent() ? r.hashrateThs().getAsDouble() : null,
                r.averageHashrateThs().isPresent() ? r.averageHashrateThs().getAsDouble() : null,
                r.boardTemperaturesC(), r.chipTemperaturesC(),
                r.maxTemperatureC().isPresent() ? r.maxTemperatureC().getAsDouble() : null,
                r.powerW().isPresent() ? r.powerW().getAsDouble() : null,
                r.fanRpms(),
                r.uptimeSeconds().isPresent() ? r.uptimeSeconds().getAsLong() : null,
                r.acceptedShares().isPresent() ? r.acceptedShares().getAsLong() : null,
                r.rejectedShares().isPresent() ? r.rejectedShares().getAsLong() : null,
                r.hardwareErrors().isPresent() ? r.hardwareErrors().getAsLong() : null,
                r.poolUrl().orElse(null), r.poolUser().orElse(null), r.firmware().orElse(null), r.model().orElse(null),
                r.boards().stream().map(LiveBoard::of).toList(), r.pools().stream().map(LivePool::of).toList(),
                r.firmwareName().orElse(null), r.firmwareVersion().orElse(null), r.macAddress().orElse(null),
                r.nominalHashrateThs().isPresent() ? r.nominalHashrateThs().getAsDouble() : null, r.errors(),
                r.mode().map(mode -> mode.name().toLowerCase(Locale.ROOT)).orElse(null),
                r.powerLimitW().isPresent() ? r.powerLimitW().getAsDouble() : null,
                r.psuFanRpm().isPresent() ? r.psuFanRpm().getAsInt() : null,
                r.missing().stream().map(ReadingField::name).map(name -> name.toLowerCase(Locale.ROOT))
                        .sorted().toList());
    }
}
