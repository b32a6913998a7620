package org.hashgrid.core;

import java.util.regex.Pattern;

/**
 * How the platform's domain events (rows of the transactional outbox) appear on OSGi EventAdmin,
 * so that any bundle can listen without depending on the module that relays them. An event of
 * type {@code miner.status_changed} is posted on topic {@code hashgrid/miner/status_changed} with
 * the properties named here; the payload is the event's JSON text.
 */
public final class DomainEvents {
    /** Topic prefix: subscribe to {@code hashgrid/*} for every domain event. */
    public static final String TOPIC_PREFIX = "hashgrid/";
    /** The outbox id (a {@code Long}): increasing, the key to de-duplicate redeliveries with. */
    public static final String ID = "hashgrid.event.id";
    /** The event type, e.g. {@code miner.status_changed}. */
    public static final String TYPE = "hashgrid.event.type";
    /** What the event is about, e.g. {@code miner}. */
    public static final String AGGREGATE_TYPE = "hashgrid.aggregate.type";
    /** The id of what the event is about, as text. */
    public static final String AGGREGATE_ID = "hashgrid.aggregate.id";
    /** The event body as JSON text. */
    public static final String PAYLOAD = "hashgrid.event.payload";
    /** When the change was committed, ISO-8601 UTC text. */
    public static final String CREATED_AT = "hashgrid.event.created_at";

    /** Dot-separated lower-case words, at least two: {@code miner.status_changed}. */
    private static final Pattern TYPE_SYNTAX = Pattern.compile("[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)+");

    private DomainEvents() {
    }

    /** Whether {@code type} is a well-formed event type. */
    public static boolean isType(String type) {
        return type != null && type.length() <= 100 && TYPE_SYNTAX.matcher(type).matches();
    }

    /** The EventAdmin topic of events of {@code type}. */
    public static String topic(String type) {
        if (!isType(type)) {
            throw new IllegalArgumentException("not an event type: " + type);
        }
        return TOPIC_PREFIX + type.replace('.', '/');
    }
}
