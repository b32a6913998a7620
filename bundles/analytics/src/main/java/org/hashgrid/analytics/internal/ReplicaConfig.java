package org.hashgrid.analytics.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@value #PID}: the read replica analytics queries use when one is configured. */
@ObjectClassDefinition(name = "Hashgrid analytics read replica", description = "A PostgreSQL read replica for "
        + "analytics queries; empty URL: every query goes to the primary")
public @interface ReplicaConfig {
    String PID = "org.hashgrid.analytics.replica";

    @AttributeDefinition(description = "JDBC URL of the replica, jdbc:postgresql://host:port/database; empty: none")
    String url() default "";

    @AttributeDefinition(description = "User on the replica")
    String user() default "";

    @AttributeDefinition(description = "Password on the replica (never logged)", type = AttributeType.PASSWORD)
    String password() default "";

    @AttributeDefinition(description = "Seconds to wait for a connection to the replica before reading from the "
            + "primary (1-30)", min = "1", max = "30")
    int connect_timeout_seconds() default 2;

    @AttributeDefinition(description = "Seconds the primary serves alone after the replica failed (1-3600)",
            min = "1", max = "3600")
    int retry_after_seconds() default 30;
}
