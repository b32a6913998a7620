package org.hashgrid.driver.cgminer.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Lenient reading of firmware values: numbers may come as strings ("13568.56", "524K",
 * "3250 W"), as "" or "nan" for nothing, or quoted with single quotes.
 */
final class Numbers {

    private static final Pattern NUMBER =
            Pattern.compile("([-+]?\\d+(?:\\.\\d+)?(?:[eE][-+]?\\d+)?)\\s*([A-Za-z%/ ]*)");
    /** Dash-joined sensor lists such as "44-46-58-60" or "2--1-20-22" (a dash after a digit separates). */
    private static final Pattern SENSOR_SEPARATOR = Pattern.compile("(?<=\\d)-");

    private Numbers() {
    }

    static OptionalDouble number(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return OptionalDouble.empty();
        }
        if (node.isNumber()) {
            double value = node.asDouble();
            return Double.isFinite(value) ? OptionalDouble.of(value) : OptionalDouble.empty();
        }
        return node.isTextual() ? parse(node.asText()) : OptionalDouble.empty();
    }

    static OptionalDouble number(JsonNode record, String key) {
        return number(record.get(key));
    }

    /** @return a non-negative whole count, e.g. accepted shares */
    static OptionalLong count(JsonNode record, String key) {
        OptionalDouble value = number(record, key);
        return value.isPresent() && value.getAsDouble() >= 0 ? OptionalLong.of((long) value.getAsDouble())
                : OptionalLong.empty();
    }

    /** @return the trimmed text without surrounding single quotes, absent when blank */
    static Optional<String> text(JsonNode record, String key) {
        JsonNode node = record.get(key);
        if (node == null || !node.isValueNode() || node.isNull()) {
            return Optional.empty();
        }
        String text = unquote(node.asText().trim());
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /** Parses "13568.56", "524K" (thousands), "3250 W" (unit ignored); "", "nan", "inf" are nothing. */
    static OptionalDouble parse(String raw) {
        String text = unquote(raw.trim());
        if (isPlainDecimal(text)) {
            return OptionalDouble.of(Double.parseDouble(text));
        }
        Matcher matcher = NUMBER.matcher(text);
        if (!matcher.matches()) {
            return OptionalDouble.empty();
        }
        double value = Double.parseDouble(matcher.group(1));
        String suffix = matcher.group(2).trim();
        double scale = switch (suffix) {
            case "K", "k" -> 1e3;
            case "M" -> 1e6;
            case "G" -> 1e9;
            default -> 1;
        };
        return OptionalDouble.of(value * scale);
    }

    /** Splits a dash-joined sensor list; parts that are not numbers are left out. */
    static List<Double> sensorList(String text) {
        List<Double> values = new ArrayList<>();
        for (String part : SENSOR_SEPARATOR.split(text.trim())) {
            parse(part).ifPresent(values::add);
        }
        return values;
    }

    /** Most numbers sent as strings are plain decimals: skip the regex for them. */
    private static boolean isPlainDecimal(String text) {
        if (text.isEmpty() || text.length() > 30) {
            return false;
        }
        boolean digit = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                digit = true;
            } else if (!(c == '.' || c == '-' && i == 0)) {
                return false;
            }
        }
        return digit && text.indexOf('.') == text.lastIndexOf('.');
    }

    private static String unquote(String text) {
        if (text.length() >= 2 && text.startsWith("'") && text.endsWith("'")) {
            return text.substring(1, text.length() - 1).trim();
        }
        return text;
    }
}
