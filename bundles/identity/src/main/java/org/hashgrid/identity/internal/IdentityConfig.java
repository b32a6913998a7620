package org.hashgrid.identity.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration PID {@code org.hashgrid.identity}, shared by the identity components. */
@ObjectClassDefinition(name = "Hashgrid identity", description = "Passwords, tokens, login throttling")
public @interface IdentityConfig {
    String PID = "org.hashgrid.identity";

    @AttributeDefinition(name = "bcrypt cost", description = "Work factor of password hashes, 12 or more", min = "12",
            max = "20")
    int bcrypt_cost() default 12;

    @AttributeDefinition(name = "Session lifetime (minutes)", min = "1")
    int session_ttl_minutes() default 720;

    @AttributeDefinition(name = "Failures before throttling, per account and address", min = "1")
    int max_failures() default 5;

    @AttributeDefinition(name = "Failures before throttling, per client address", min = "1")
    int max_failures_per_ip() default 20;

    @AttributeDefinition(name = "Failure window (minutes)", min = "1")
    int failure_window_minutes() default 15;

    @AttributeDefinition(name = "First delay once throttled (seconds)",
            description = "Doubles with each further failure, up to the failure window", min = "1")
    int base_delay_seconds() default 30;

    @AttributeDefinition(name = "Trusted proxies", description = "CIDRs whose X-Forwarded-For header is believed")
    String[] trusted_proxies() default {};

    @AttributeDefinition(name = "Token cache (seconds)",
            description = "How long a checked token is trusted without asking the database; revocations act at once",
            min = "0")
    int token_cache_seconds() default 30;

    @AttributeDefinition(name = "Login record retention (days)", min = "1")
    int login_record_retention_days() default 365;
}
