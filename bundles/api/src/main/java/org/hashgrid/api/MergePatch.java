package org.hashgrid.api;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import org.hashgrid.core.FieldChanges;
import org.hashgrid.core.Validation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A JSON merge-patch body (RFC 7386) for PATCH endpoints: a field that is absent stays as it
 * is, a field set to {@code null} is cleared, any other value replaces. Unknown fields and
 * values of the wrong type are reported together as field errors.
 */
public final class MergePatch implements FieldChanges {
    /** Stateless and thread-safe; converts single field values with the API's strict mapping. */
    private static final ObjectMapper VALUES = JsonMapping.newMapper();

    private final ObjectNode body;
    private final Validation validation = new Validation();

    @JsonCreator
    public MergePatch(ObjectNode body) {
        if (body == null) {
            throw new IllegalArgumentException("A JSON request body is required");
        }
        this.body = body;
    }

    /** Fails with 400 when the body names a field outside {@code allowed}. */
    @Override
    public MergePatch allowOnly(Set<String> allowed) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
            String name = names.next();
            validation.check(allowed.contains(name), name, "is not a known or changeable field");
        }
        return this;
    }

    @Override
    public boolean has(String field) {
        return body.has(field);
    }

    /**
     * Hands the new value of {@code field} to {@code setter} when the body carries the field;
     * {@code null} when the body sets it to null. A value of the wrong type becomes a field error.
     */
    @Override
    public <T> MergePatch apply(String field, Class<T> type, Consumer<T> setter) {
        if (!body.has(field)) {
            return this;
        }
        JsonNode value = body.get(field);
        if (value.isNull()) {
            setter.accept(null);
            return this;
        }
        try {
            setter.accept(VALUES.treeToValue(value, type));
        } catch (InvalidFormatException e) {
            validation.check(false, field,
                    e.getTargetType() == String.class ? e.getOriginalMessage() : "has the wrong type");
        } catch (JsonProcessingException | IllegalArgumentException e) {
            validation.check(false, field, "has the wrong type");
        }
        return this;
    }

    /** The validation that collects this patch's errors, to add business checks before failing once. */
    @Override
    public Validation validation() {
        return validation;
    }

    /** Names of the fields present in the body. */
    @Override
    public List<String> fields() {
        List<String> names = new ArrayList<>();
        body.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
