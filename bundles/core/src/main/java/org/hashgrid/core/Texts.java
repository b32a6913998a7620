package org.hashgrid.core;

/**
 * Caller input quoted back in messages: never more than a short prefix, so that a 100,000-character
 * value does not come back in a 200 KB error (or a log line).
 */
public final class Texts {
    /** Characters of input a message repeats at most. */
    public static final int EXCERPT = 40;

    private Texts() {
    }

    /** {@code 'value'}, cut after {@value #EXCERPT} characters with an ellipsis and the full length. */
    public static String quote(String value) {
        if (value == null) {
            return "null";
        }
        if (value.length() <= EXCERPT) {
            return "'" + value + "'";
        }
        return "'" + value.substring(0, EXCERPT) + "…' (" + value.length() + " characters)";
    }
}
