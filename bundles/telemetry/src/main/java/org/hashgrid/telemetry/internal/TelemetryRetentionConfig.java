package org.hashgrid.telemetry.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Hashgrid telemetry retention", description = "How long raw readings and rollups "
        + "stay in the database; older ones are archived to verified files, then removed")
public @interface TelemetryRetentionConfig {
    String PID = "org.hashgrid.telemetry.retention";

    @AttributeDefinition(name = "Raw readings (days)", description = "A monthly partition of miner_telemetry is "
            + "archived and dropped once all of it is older than this (and rolled up)", min = "1")
    int raw_retention_days() default 90;

    @AttributeDefinition(name = "Hourly rollups (days)", description = "miner_telemetry_hourly and "
            + "site_telemetry_hourly, archived and deleted by whole months older than this; 0 keeps them forever",
            min = "0")
    int hourly_retention_days() default 730;

    @AttributeDefinition(name = "Daily rollups (days)", description = "miner_telemetry_daily and "
            + "site_telemetry_daily, as the hourly ones; 0 keeps them forever", min = "0")
    int daily_retention_days() default 0;

    @AttributeDefinition(name = "Interval (hours)", description = "How often retention runs; the first run is "
            + "5 minutes after start", min = "1")
    int interval_hours() default 24;

    @AttributeDefinition(name = "Archive folder", description = "Where archives are written; empty: "
            + "${karaf.data}/archives; a relative path is taken from ${karaf.data}")
    String archive_dir() default "";
}
