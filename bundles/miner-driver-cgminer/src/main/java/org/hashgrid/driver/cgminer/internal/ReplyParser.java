package org.hashgrid.driver.cgminer.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.hashgrid.driver.DriverException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/**
 * Reads replies as firmware really sends them. A repair pass outside strings fixes what real
 * firmware gets wrong ("}{" between array objects, leading, doubled and trailing commas, a missing
 * comma between a string value and the next key, bare nan/inf, a leading comma instead of "{",
 * anything after the first complete object); lenient Jackson features take the rest (invalid
 * escapes such as \' or \x, raw control characters in strings). Duplicate keys keep the last value.
 */
final class ReplyParser {

    private static final Pattern POOL_SECTION = Pattern.compile("POOL\\d+");

    private final ObjectMapper mapper = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_BACKSLASH_ESCAPING_ANY_CHARACTER,
                    JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS,
                    JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS, JsonReadFeature.ALLOW_LEADING_DECIMAL_POINT_FOR_NUMBERS,
                    JsonReadFeature.ALLOW_TRAILING_DECIMAL_POINT_FOR_NUMBERS,
                    JsonReadFeature.ALLOW_LEADING_PLUS_SIGN_FOR_NUMBERS)
            .disable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();

    ParsedReply parse(byte[] bytes, int length) throws DriverException {
        JsonNode root = tree(bytes, length);
        if (root.has("STATUS")) {
            return ParsedReply.single(commandReply(root));
        }
        Map<String, CommandReply> joined = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = root.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            if (value.isArray() && value.size() > 0 && value.get(0).has("STATUS")) {
                joined.put(field.getKey().toLowerCase(Locale.ROOT), commandReply(value.get(0)));
            }
        }
        if (joined.isEmpty()) {
            throw DriverException.protocolError("JSON reply without STATUS", bytes, length);
        }
        return ParsedReply.joined(joined);
    }

    /** Parses any reply into its root JSON object, repairing what firmware breaks. */
    JsonNode tree(byte[] bytes, int length) throws DriverException {
        int end = length;
        while (end > 0 && (bytes[end - 1] == 0 || isWhitespace(bytes[end - 1]))) {
            end--;
        }
        int start = 0;
        while (start < end && isWhitespace(bytes[start])) {
            start++;
        }
        if (start == end) {
            throw DriverException.protocolError("empty reply", bytes, length);
        }
        if (bytes[start] != '{' && bytes[start] != ',') {
            throw DriverException.protocolError("reply is not JSON", bytes, length);
        }
        JsonNode root;
        try {
            ByteSink repaired = repair(bytes, start, end);
            root = mapper.readTree(repaired.bytes, 0, repaired.size);
        } catch (IOException e) {
            throw DriverException.protocolError("malformed or truncated JSON (" + firstLine(e.getMessage()) + ")",
                    bytes, length);
        }
        if (root == null || !root.isObject()) {
            throw DriverException.protocolError("reply is not a JSON object", bytes, length);
        }
        return root;
    }

    private static CommandReply commandReply(JsonNode reply) {
        Map<String, List<JsonNode>> sections = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = reply.fields(); fields.hasNext();) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            if (name.equals("STATUS") || name.equals("id") || !field.getValue().isArray()) {
                continue;
            }
            // old sgminer forks name their pool sections POOL0, POOL1 …
            String section = POOL_SECTION.matcher(name).matches() ? "POOLS" : name.toUpperCase(Locale.ROOT);
            List<JsonNode> records = sections.computeIfAbsent(section, s -> new ArrayList<>());
            for (JsonNode record : field.getValue()) {
                if (record.isObject()) {
                    records.add(record);
                }
            }
        }
        sections.replaceAll((name, records) -> Collections.unmodifiableList(records));
        return new CommandReply(status(reply), Collections.unmodifiableMap(sections));
    }

    private static Status status(JsonNode reply) {
        JsonNode status = reply.get("STATUS");
        JsonNode holder = reply;
        if (status.isArray() && status.size() > 0) {
            holder = status.get(0);
            status = holder.get("STATUS");
        }
        // STATUS as a string: cgminer's "RESTART"/"BYE" and Whatsminer's native replies (Msg may be an object)
        String letter = status != null && status.isValueNode() ? status.asText() : "";
        JsonNode message = holder.path("Msg");
        return new Status(letter, (int) Numbers.number(holder.get("Code")).orElse(0),
                message.isValueNode() ? message.asText() : message.isMissingNode() ? "" : message.toString(),
                Numbers.text(holder, "Description").orElse(""));
    }

    /** Rewrites the JSON text between start and end, outside strings only; see the class comment. */
    static ByteSink repair(byte[] in, int start, int end) {
        ByteSink out = new ByteSink(end - start + 16);
        byte[] stack = new byte[64];
        int depth = 0;
        boolean inString = false;
        boolean escaped = false;
        boolean stringIsKey = false;
        // the last significant thing outside strings: a structural byte, 'K'/'V' for a key/value string, 'N' for a literal
        byte previous = 0;
        int lastComma = -1;
        int i = start;
        if (in[i] == ',') {
            // Avalon sometimes starts a reply with ',"id":1}' where '{' belongs
            out.add((byte) '{');
            stack[depth++] = '{';
            previous = '{';
            i++;
        }
        for (; i < end; i++) {
            byte b = in[i];
            if (inString) {
                if (!escaped && b != '"' && b != '\\') {
                    // copy the plain run of the string at once: most of a reply is inside strings
                    int run = i + 1;
                    while (run < end && in[run] != '"' && in[run] != '\\') {
                        run++;
                    }
                    out.add(in, i, run);
                    i = run - 1;
                    continue;
                }
                out.add(b);
                if (escaped) {
                    escaped = false;
                } else if (b == '\\') {
                    escaped = true;
                } else if (b == '"') {
                    inString = false;
                    previous = stringIsKey ? (byte) 'K' : (byte) 'V';
                }
                continue;
            }
            byte top = depth == 0 ? 0 : stack[depth - 1];
            switch (b) {
                case ' ', '\t', '\r', '\n' -> out.add(b);
                case '"' -> {
                    if (top == '{' && isValueEnd(previous)) {
                        out.add((byte) ',');
                        previous = ',';
                    }
                    stringIsKey = top == '{' && (previous == '{' || previous == ',');
                    inString = true;
                    out.add(b);
                }
                case '{', '[' -> {
                    if (b == '{' && previous == '}' && top == '[') {
                        out.add((byte) ',');
                    }
                    if (depth == stack.length) {
                        stack = Arrays.copyOf(stack, depth * 2);
                    }
                    stack[depth++] = b;
                    out.add(b);
                    previous = b;
                }
                case '}', ']' -> {
                    if (previous == ',' && lastComma >= 0) {
                        out.removeAt(lastComma);
                    }
                    if (depth > 0) {
                        depth--;
                    }
                    out.add(b);
                    previous = b;
                    if (depth == 0) {
                        // the first complete object is the reply; what follows is junk or a second object
                        return out;
                    }
                }
                case ',' -> {
                    if (previous != '[' && previous != ',' && previous != '{') {
                        lastComma = out.size();
                        out.add(b);
                        previous = b;
                    }
                }
                default -> {
                    int tokenEnd = i;
                    while (tokenEnd < end && isTokenByte(in[tokenEnd])) {
                        tokenEnd++;
                    }
                    if (tokenEnd == i) {
                        out.add(b);
                        continue;
                    }
                    if (startsNonNumeric(in, i, tokenEnd)
                            && isNonNumeric(new String(in, i, tokenEnd - i, StandardCharsets.US_ASCII))) {
                        out.addAscii("null");
                    } else {
                        out.add(in, i, tokenEnd);
                    }
                    previous = 'N';
                    i = tokenEnd - 1;
                }
            }
        }
        return out;
    }

    private static boolean isValueEnd(byte previous) {
        return previous == 'V' || previous == 'N' || previous == '}' || previous == ']';
    }

    /** Cheap test before building a string: nan and inf tokens start with a letter after an optional sign. */
    private static boolean startsNonNumeric(byte[] in, int start, int end) {
        int first = in[start] == '-' || in[start] == '+' ? start + 1 : start;
        return first < end && (in[first] == 'n' || in[first] == 'N' || in[first] == 'i' || in[first] == 'I');
    }

    private static boolean isNonNumeric(String token) {
        String lower = token.toLowerCase(Locale.ROOT);
        return switch (lower) {
            case "nan", "-nan", "+nan", "inf", "-inf", "+inf", "infinity", "-infinity", "+infinity" -> true;
            default -> false;
        };
    }

    private static boolean isTokenByte(byte b) {
        return b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b == '-' || b == '+' || b == '.';
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\r' || b == '\n';
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /** A growable byte array that can drop one byte it already holds. */
    private static final class ByteSink {
        private byte[] bytes;
        private int size;

        ByteSink(int capacity) {
            bytes = new byte[capacity];
        }

        void add(byte b) {
            if (size == bytes.length) {
                bytes = Arrays.copyOf(bytes, size * 2);
            }
            bytes[size++] = b;
        }

        void add(byte[] source, int from, int to) {
            int length = to - from;
            if (size + length > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + length));
            }
            System.arraycopy(source, from, bytes, size, length);
            size += length;
        }

        void addAscii(String text) {
            for (int i = 0; i < text.length(); i++) {
                add((byte) text.charAt(i));
            }
        }

        void removeAt(int index) {
            System.arraycopy(bytes, index + 1, bytes, index, size - index - 1);
            size--;
        }

        int size() {
            return size;
        }
    }
}
