package org.hashgrid.tools.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Writes reply JSON by hand, because the quirks it must reproduce (duplicate keys, invalid
 * escapes, "}{", bare nan) are exactly what a JSON library refuses to write.
 */
final class JsonReply {

    private static final long[] POW10 = { 1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000 };

    private final StringBuilder out = new StringBuilder(4096);
    private final boolean numbersAsStrings;
    private final boolean duplicateKeys;
    private final boolean invalidEscape;
    private final boolean nanValues;
    private final boolean concatenateAlways;
    private boolean concatenate;
    private final boolean[] first = new boolean[16];
    private final boolean[] array = new boolean[16];
    private int depth = -1;

    JsonReply(Set<Quirk> quirks) {
        numbersAsStrings = quirks.contains(Quirk.NUMBERS_AS_STRINGS);
        duplicateKeys = quirks.contains(Quirk.DUPLICATE_KEYS);
        invalidEscape = quirks.contains(Quirk.INVALID_ESCAPE);
        nanValues = quirks.contains(Quirk.NAN_VALUES);
        concatenateAlways = quirks.contains(Quirk.CONCATENATED_OBJECTS);
    }

    /** Leaves out the comma between objects of the arrays written until it is switched off again. */
    JsonReply concatenateObjects(boolean on) {
        concatenate = on;
        return this;
    }

    /** Starts an object at the top level or as an array element. */
    JsonReply object() {
        separate(true);
        return open('{', false);
    }

    JsonReply object(String key) {
        member(key);
        return open('{', false);
    }

    JsonReply array(String key) {
        member(key);
        return open('[', true);
    }

    JsonReply end() {
        out.append(array[depth] ? ']' : '}');
        depth--;
        return this;
    }

    JsonReply str(String key, String value) {
        member(key);
        quote(value);
        return this;
    }

    /** A version string, which the INVALID_ESCAPE quirk wraps in \'...\'. */
    JsonReply version(String key, String value) {
        if (!invalidEscape) {
            return str(key, value);
        }
        member(key);
        out.append("\"\\'");
        escape(value);
        out.append("\\'\"");
        return this;
    }

    /**
     * A version string the firmware wraps in single quotes; the INVALID_ESCAPE quirk escapes
     * them as \' (invalid JSON) the way some Whatsminer builds do.
     */
    JsonReply singleQuotedVersion(String key, String value) {
        if (!invalidEscape) {
            return str(key, "'" + value + "'");
        }
        return version(key, value);
    }

    JsonReply bool(String key, boolean value) {
        member(key);
        out.append(value);
        return this;
    }

    JsonReply num(String key, long value) {
        staleDuplicate(key);
        member(key);
        if (numbersAsStrings) {
            out.append('"').append(value).append('"');
        } else {
            out.append(value);
        }
        return this;
    }

    JsonReply num(String key, double value, int decimals) {
        staleDuplicate(key);
        member(key);
        if (numbersAsStrings) {
            out.append('"');
            decimal(value, decimals);
            out.append('"');
        } else {
            decimal(value, decimals);
        }
        return this;
    }

    /** A number some firmware sends as bare nan (NAN_VALUES quirk). */
    JsonReply numOrNan(String key, double value, int decimals) {
        if (!nanValues) {
            return num(key, value, decimals);
        }
        member(key);
        out.append("nan");
        return this;
    }

    /** A number that this firmware always sends as a string, e.g. Bitmain's "chain_rate1". */
    JsonReply quotedNum(String key, double value, int decimals) {
        member(key);
        out.append('"');
        decimal(value, decimals);
        out.append('"');
        return this;
    }

    byte[] toBytes() {
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private void staleDuplicate(String key) {
        if (duplicateKeys) {
            member(key);
            out.append(numbersAsStrings ? "\"0\"" : "0");
        }
    }

    private JsonReply open(char c, boolean isArray) {
        out.append(c);
        depth++;
        first[depth] = true;
        array[depth] = isArray;
        return this;
    }

    private void separate(boolean objectElement) {
        if (depth < 0) {
            return;
        }
        if (first[depth]) {
            first[depth] = false;
        } else if (!(array[depth] && objectElement && (concatenate || concatenateAlways))) {
            out.append(',');
        }
    }

    private void member(String key) {
        separate(false);
        out.append('"').append(key).append("\":");
    }

    private void quote(String value) {
        out.append('"');
        escape(value);
        out.append('"');
    }

    private void escape(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
    }

    private void decimal(double value, int decimals) {
        long scale = POW10[decimals];
        long scaled = Math.round(Math.abs(value) * scale);
        if (value < 0 && scaled != 0) {
            out.append('-');
        }
        out.append(scaled / scale);
        if (decimals > 0) {
            out.append('.');
            String fraction = Long.toString(scaled % scale);
            for (int i = fraction.length(); i < decimals; i++) {
                out.append('0');
            }
            out.append(fraction);
        }
    }
}
