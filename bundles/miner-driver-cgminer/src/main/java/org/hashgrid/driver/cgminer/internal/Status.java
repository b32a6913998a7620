package org.hashgrid.driver.cgminer.internal;

import java.util.Locale;

/**
 * The STATUS of one command's reply: a letter (S, I, W, E, F), or the string status of
 * {@code restart} ("RESTART") and {@code quit} ("BYE").
 */
record Status(String letter, int code, String message, String description) {

    static final int INVALID_COMMAND = 14;
    static final int ACCESS_DENIED = 45;

    /** @return whether the command succeeded (S and I are both successes) */
    boolean ok() {
        return switch (letter.toUpperCase(Locale.ROOT)) {
            case "S", "I", "RESTART", "BYE" -> true;
            default -> false;
        };
    }

    /** @return whether the firmware refused the command to this client */
    boolean accessDenied() {
        return code == ACCESS_DENIED || message.toLowerCase(Locale.ROOT).contains("access denied")
                || message.toLowerCase(Locale.ROOT).contains("can't access");
    }

    /** @return whether the firmware does not know or cannot perform the command */
    boolean unsupported() {
        return code == INVALID_COMMAND
                || "W".equalsIgnoreCase(letter) && message.toLowerCase(Locale.ROOT).contains("support");
    }

    @Override
    public String toString() {
        return letter + (code != 0 ? "/" + code : "") + (message.isEmpty() ? "" : " \"" + message + "\"");
    }
}
