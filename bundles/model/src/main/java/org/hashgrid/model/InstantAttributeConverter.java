package org.hashgrid.model;

import java.sql.Timestamp;
import java.time.Instant;

import javax.persistence.AttributeConverter;
import javax.persistence.Converter;

/**
 * Maps every {@link Instant} attribute to a {@code timestamptz} column: EclipseLink 2.7 does not
 * map {@code Instant} itself. A {@link Timestamp} denotes the same instant whatever the JVM's
 * time zone, and the PostgreSQL driver sends it with its UTC offset, so values are stored and read
 * back as the exact UTC instant (to the microsecond, PostgreSQL's resolution).
 */
@Converter(autoApply = true)
public class InstantAttributeConverter implements AttributeConverter<Instant, Timestamp> {

    @Override
    public Timestamp convertToDatabaseColumn(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    @Override
    public Instant convertToEntityAttribute(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
