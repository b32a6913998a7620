package org.hashgrid.analytics.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * PID {@value #PID}: the HTTP JSON market source. Off by default: the source exists only while
 * this configuration does ({@code etc/org.hashgrid.analytics.http.cfg}). Each value is read from
 * a URL's JSON answer at a JSON pointer (RFC 6901) and multiplied by its scale; URLs shared by
 * several values are fetched once per poll.
 */
@ObjectClassDefinition(name = "Hashgrid analytics HTTP market source", description = "Market data from JSON HTTP APIs")
public @interface HttpSourceConfig {
    String PID = "org.hashgrid.analytics.http";

    @AttributeDefinition(description = "URL answering the BTC price (USD) in JSON; required")
    String price_url() default "";

    @AttributeDefinition(description = "JSON pointer to the price in the answer, e.g. /bitcoin/usd")
    String price_pointer() default "";

    @AttributeDefinition(description = "URL answering the network difficulty; empty: none")
    String difficulty_url() default "";

    String difficulty_pointer() default "";

    @AttributeDefinition(description = "URL answering the network hashrate; empty: none")
    String hashrate_url() default "";

    String hashrate_pointer() default "";

    @AttributeDefinition(description = "Factor from the answer's hashrate unit to EH/s (1e-18 for H/s)")
    String hashrate_scale() default "1";

    @AttributeDefinition(description = "URL answering the block subsidy; empty: block.reward below")
    String block_reward_url() default "";

    String block_reward_pointer() default "";

    @AttributeDefinition(description = "Factor from the answer's unit to BTC (1e-8 for satoshis)")
    String block_reward_scale() default "1";

    @AttributeDefinition(description = "Block subsidy in BTC when no URL gives it")
    String block_reward() default "3.125";

    @AttributeDefinition(description = "URL answering the average fees per block; empty: none")
    String fees_url() default "";

    String fees_pointer() default "";

    @AttributeDefinition(description = "Factor from the answer's unit to BTC (1e-8 for satoshis)")
    String fees_scale() default "1";

    @AttributeDefinition(description = "URL answering the 24-hour traded volume (USD); empty: none")
    String volume_url() default "";

    String volume_pointer() default "";
}
