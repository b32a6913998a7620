package org.hashgrid.hosting.rest;

import java.util.List;

import org.hashgrid.core.Doc;

/** A miner driver present in the platform. */
public record DriverInfo(String id,
        @Doc("READ, PROBE, STOP, START, RESTART, SET_POWER_LIMIT, SET_MODE") List<String> capabilities) {
}
