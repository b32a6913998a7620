package org.hashgrid.core;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects field errors of one request and fails once with all of them, so a caller learns
 * every problem of a body in one answer.
 *
 * <pre>
 * new Validation()
 *     .required("name", in.name())
 *     .positive("capacity_mw", in.capacityMw())
 *     .validate();
 * </pre>
 */
public final class Validation {
    private final List<FieldError> errors = new ArrayList<>();

    public Validation check(boolean valid, String field, String message) {
        if (!valid) {
            errors.add(new FieldError(field, message));
        }
        return this;
    }

    public Validation required(String field, Object value) {
        boolean blank = value == null || (value instanceof String s && s.isBlank());
        return check(!blank, field, "is required");
    }

    /** Null passes: combine with {@link #required} when the field is mandatory. */
    public Validation maxLength(String field, String value, int max) {
        return check(value == null || value.length() <= max, field, "must be at most " + max + " characters");
    }

    public Validation positive(String field, BigDecimal value) {
        return check(value == null || value.signum() > 0, field, "must be greater than 0");
    }

    public Validation notNegative(String field, BigDecimal value) {
        return check(value == null || value.signum() >= 0, field, "must not be negative");
    }

    public Validation range(String field, Integer value, int min, int max) {
        return check(value == null || (value >= min && value <= max), field,
                "must be between " + min + " and " + max);
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /** Throws a 400 problem listing every collected error, if there is any. */
    public void validate() {
        if (!errors.isEmpty()) {
            throw ProblemException.validation(errors);
        }
    }
}
