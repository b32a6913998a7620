package org.hashgrid.telemetry.internal;

import java.math.BigDecimal;
import java.time.Instant;

import org.hashgrid.core.Doc;

/** A site's alert rule, evaluated on every stored reading of the site's miners. */
public record AlertRule(
        long id,
        long siteId,
        @Doc("temperature_above, hashrate_below, offline or fan_failure") String kind,
        @Doc("°C (temperature_above, 0-150) or % of the model's nominal hashrate (hashrate_below, 1-100); "
                + "absent for offline and fan_failure") BigDecimal threshold,
        @Doc("How long the condition must hold before the alert is raised, minutes (0-1440)") int forMinutes,
        boolean enabled,
        @Doc("User id of who created it") String createdBy,
        Instant createdAt,
        Instant updatedAt) {

    public static final String TEMPERATURE_ABOVE = "temperature_above";
    public static final String HASHRATE_BELOW = "hashrate_below";
    public static final String OFFLINE = "offline";
    public static final String FAN_FAILURE = "fan_failure";
}
