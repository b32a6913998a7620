package org.hashgrid.model;

import java.sql.SQLException;

import javax.persistence.AttributeConverter;
import javax.persistence.Converter;

import org.postgresql.util.PGobject;

/**
 * Maps a {@code String} attribute holding JSON text to a {@code jsonb} column. EclipseLink binds a
 * {@code String} as {@code varchar}, which PostgreSQL refuses for a {@code jsonb} column, so the
 * text travels as a driver {@link PGobject} of type {@code jsonb} (no {@code stringtype=unspecified}
 * URL setting needed). Applied explicitly with {@code @Convert}, never automatically. Invalid JSON
 * is rejected by the database.
 */
@Converter
public class JsonbAttributeConverter implements AttributeConverter<String, PGobject> {

    @Override
    public PGobject convertToDatabaseColumn(String json) {
        if (json == null) {
            return null;
        }
        PGobject value = new PGobject();
        value.setType("jsonb");
        try {
            value.setValue(json);
        } catch (SQLException e) {
            throw new IllegalArgumentException("Cannot bind JSON value", e);
        }
        return value;
    }

    @Override
    public String convertToEntityAttribute(PGobject value) {
        return value == null ? null : value.getValue();
    }
}
