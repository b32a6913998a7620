package org.hashgrid.telemetry.internal;

import java.math.BigDecimal;
import java.time.Instant;

import org.hashgrid.core.Doc;

/** An alert a rule raised for a miner: open until its condition recovers (or its rule is disabled or deleted). */
public record Alert(
        long id,
        @Doc("The rule that raised it; absent once the rule was deleted") Long ruleId,
        long siteId,
        long minerId,
        @Doc("The miner's owner when it was raised; absent for operator-owned miners") String clientId,
        @Doc("temperature_above, hashrate_below, offline or fan_failure") String kind,
        @Doc("open or closed") String status,
        @Doc("The rule's threshold when raised: °C (temperature_above) or % of the model's nominal hashrate "
                + "(hashrate_below)") BigDecimal threshold,
        @Doc("The measure that raised it: °C, TH/s, failed reads in a row (offline) or the slowest fan's RPM "
                + "(fan_failure)") BigDecimal value,
        @Doc("What was seen, in words") String details,
        Instant raisedAt,
        @Doc("When it closed; absent while open") Instant clearedAt) {
}
