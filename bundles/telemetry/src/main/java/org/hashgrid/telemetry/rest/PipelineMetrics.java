package org.hashgrid.telemetry.rest;

import java.time.Instant;

import org.hashgrid.core.Doc;

/** The telemetry pipeline's counters since the telemetry bundle started. */
public record PipelineMetrics(
        @Doc("Poll interval in force, seconds") long intervalSeconds,
        @Doc("Reads that answered") long polled,
        @Doc("Reads that failed (timeout, refused, protocol error)") long failed,
        @Doc("Miners not read because their driver is not installed") long skipped,
        @Doc("Readings waiting in the buffer for the database") int buffered,
        @Doc("Readings written to miner_telemetry") long written,
        @Doc("Readings dropped because the buffer was full (oldest first)") long dropped,
        @Doc("Batch writes the database refused (retried)") long writeFailures,
        @Doc("Poll cycles completed") long cycles,
        @Doc("Cycles that could not read every miner within the interval") long cyclesOverrun,
        @Doc("Miner status changes made from reads (active/offline)") long statusChanges,
        @Doc("Duration of the last complete cycle, ms (-1: none yet)") long lastCycleMs,
        @Doc("Miners in the last cycle") int lastCycleMiners,
        Instant lastCycleAt,
        Instant lastWriteAt,
        @Doc("Why writes fail now; absent while they succeed") String writeError,
        @Doc("Duration of the last rollup run, ms (-1: none yet)") long lastRollupMs,
        @Doc("Alerts this node raised") long alertsRaised,
        @Doc("Alerts this node cleared (recovered)") long alertsCleared) {
}
