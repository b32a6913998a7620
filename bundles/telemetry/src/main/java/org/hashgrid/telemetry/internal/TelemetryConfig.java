package org.hashgrid.telemetry.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Hashgrid telemetry", description = "Polling of every enabled miner and the ingest "
        + "of its readings")
public @interface TelemetryConfig {
    String PID = "org.hashgrid.telemetry";

    @AttributeDefinition(name = "Enabled", description = "Whether the platform polls its miners")
    boolean enabled() default true;

    @AttributeDefinition(name = "Poll interval (s)", description = "Each enabled miner is read once per interval "
            + "(5-3600)")
    int poll_interval_seconds() default 60;

    @AttributeDefinition(name = "Reads in flight", description = "Most driver reads outstanding at once")
    int max_in_flight() default 2_000;

    @AttributeDefinition(name = "Read timeout (s)", description = "How long one read may take, connection "
            + "included; less than the interval")
    int read_timeout_seconds() default 10;

    @AttributeDefinition(name = "Offline after", description = "Failed reads in a row after which an active miner "
            + "is set offline (it is set active again at its next answer)")
    int offline_after_failures() default 3;

    @AttributeDefinition(name = "Buffer capacity", description = "Readings waiting for the database at most; "
            + "beyond, the oldest are dropped and counted")
    int buffer_capacity() default 1_000_000;

    @AttributeDefinition(name = "Batch size", description = "Readings written per COPY at most")
    int batch_size() default 20_000;

    @AttributeDefinition(name = "Rollup interval (min)", description = "How often the hourly and daily rollups "
            + "catch up with the raw readings (1-60)")
    int rollup_interval_minutes() default 5;
}
