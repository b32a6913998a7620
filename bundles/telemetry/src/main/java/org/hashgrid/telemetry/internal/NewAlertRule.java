package org.hashgrid.telemetry.internal;

import java.math.BigDecimal;

import org.hashgrid.core.Doc;

/** What creating an alert rule takes. */
public record NewAlertRule(
        @Doc("temperature_above, hashrate_below, offline or fan_failure") String kind,
        @Doc("°C (temperature_above, 0-150) or % of the model's nominal hashrate (hashrate_below, 1-100); "
                + "must be absent for offline and fan_failure") BigDecimal threshold,
        @Doc("Minutes the condition must hold before the alert is raised (0-1440, default 0)") Integer forMinutes,
        @Doc("Default true") Boolean enabled) {
}
