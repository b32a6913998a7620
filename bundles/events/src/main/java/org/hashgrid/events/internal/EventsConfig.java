package org.hashgrid.events.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Hashgrid events", description = "The outbox relay to EventAdmin and webhooks")
public @interface EventsConfig {
    String PID = "org.hashgrid.events";

    @AttributeDefinition(name = "Relay interval (ms)", description = "How often the relay looks for new events "
            + "(50-60000)")
    int relay_interval_millis() default 500;

    @AttributeDefinition(name = "Relay batch", description = "Events published per transaction at most")
    int relay_batch_size() default 500;

    @AttributeDefinition(name = "Retention (days)", description = "Published events (and their deliveries) are "
            + "deleted this long after publication")
    int retention_days() default 30;

    @AttributeDefinition(name = "Webhook attempts", description = "Attempts per delivery before it is dead")
    int webhook_max_attempts() default 12;

    @AttributeDefinition(name = "First retry (s)", description = "Delay after the first failed attempt; it "
            + "doubles with every further failure")
    int webhook_backoff_seconds() default 30;

    @AttributeDefinition(name = "Longest retry delay (s)")
    int webhook_max_backoff_seconds() default 21_600;

    @AttributeDefinition(name = "Webhook timeout (s)", description = "Connection and answer, per attempt (1-120)")
    int webhook_timeout_seconds() default 10;

    @AttributeDefinition(name = "Webhook calls in flight", description = "Most webhook requests outstanding")
    int webhook_max_in_flight() default 16;

    @AttributeDefinition(name = "Allowed webhook ranges", description = "CIDRs webhook receivers may be in "
            + "(comma-separated in etc/org.hashgrid.events.cfg)")
    String[] webhook_allowed_ranges() default { "0.0.0.0/0", "::/0" };

    @AttributeDefinition(name = "Refused webhook ranges", description = "CIDRs refused even inside the allowed "
            + "ones: loopback, link-local (cloud metadata), unspecified and multicast by default")
    String[] webhook_refused_ranges() default { "127.0.0.0/8", "::1/128", "169.254.0.0/16", "fe80::/10",
        "0.0.0.0/8", "::/128", "224.0.0.0/4", "ff00::/8"
    };
}
