package org.hashgrid.driver.cgminer.internal;

import java.util.concurrent.TimeUnit;

import org.hashgrid.driver.DriverCalls;
import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.FailureKind;
import org.slf4j.Logger;

/**
 * Turns any failure of an operation into the {@link DriverException} the SPI promises and logs
 * it: offline and slow miners at debug (the poller reports them), broken replies and driver bugs
 * as throttled warnings.
 */
public final class FailureLog {

    private final Logger log;
    private final ThrottledLog warnings;

    public FailureLog(Logger log) {
        this.log = log;
        this.warnings = new ThrottledLog(log, 1, TimeUnit.MINUTES);
    }

    public DriverException record(Object endpoint, String operation, Throwable failure) {
        // a bug of ours met an unexpected reply: report it as what the miner sent, never throw it
        return DriverCalls.reported(failure, expected -> {
            if (expected.kind() == FailureKind.PROTOCOL_ERROR) {
                warnings.warn(operation + ": " + expected.getMessage(), endpoint);
            } else {
                log.debug("{}: {} {}: {}", endpoint, operation, expected.kind(), expected.getMessage());
            }
        }, unexpected -> warnings.warn(operation + " failed unexpectedly: " + unexpected, endpoint));
    }
}
