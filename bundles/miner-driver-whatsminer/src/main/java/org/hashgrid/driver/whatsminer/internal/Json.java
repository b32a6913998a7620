package org.hashgrid.driver.whatsminer.internal;

import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

import org.hashgrid.driver.MinerMode;

import com.fasterxml.jackson.databind.JsonNode;

/** Lenient reading of firmware JSON values, which come as numbers or as strings of numbers. */
final class Json {

    private Json() {
    }

    /** @return a finite, non-negative number given as a JSON number or a numeric string */
    static OptionalDouble number(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return OptionalDouble.empty();
        }
        double value;
        if (node.isNumber()) {
            value = node.asDouble();
        } else if (node.isTextual()) {
            try {
                value = Double.parseDouble(node.asText().trim());
            } catch (NumberFormatException e) {
                return OptionalDouble.empty();
            }
        } else {
            return OptionalDouble.empty();
        }
        return Double.isFinite(value) && value >= 0 ? OptionalDouble.of(value) : OptionalDouble.empty();
    }

    /** @return a temperature in °C; sensors reading 0 or 150 °C and more are absent, not measured */
    static OptionalDouble temperature(JsonNode node) {
        OptionalDouble celsius = number(node);
        return celsius.isPresent() && celsius.getAsDouble() > 0 && celsius.getAsDouble() < 150 ? celsius
                : OptionalDouble.empty();
    }

    /** @return non-blank text, without the single quotes some btminer builds wrap versions in */
    static Optional<String> text(JsonNode node) {
        if (node == null || !node.isValueNode() || node.isNull()) {
            return Optional.empty();
        }
        String text = node.asText().trim();
        if (text.length() >= 2 && text.startsWith("'") && text.endsWith("'")) {
            text = text.substring(1, text.length() - 1).trim();
        }
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /** @return whether the value is the string or boolean true */
    static boolean isTrue(JsonNode node) {
        return node != null && (node.isBoolean() ? node.asBoolean() : "true".equalsIgnoreCase(node.asText().trim()));
    }

    /** @return the mode named by Whatsminer's power mode word ({@code low}, {@code normal}, {@code high}) */
    static Optional<MinerMode> powerMode(JsonNode node) {
        return text(node).map(mode -> switch (mode.toLowerCase(Locale.ROOT)) {
            case "low" -> MinerMode.LOW_POWER;
            case "normal" -> MinerMode.NORMAL;
            case "high" -> MinerMode.HIGH_PERFORMANCE;
            default -> null;
        });
    }
}
