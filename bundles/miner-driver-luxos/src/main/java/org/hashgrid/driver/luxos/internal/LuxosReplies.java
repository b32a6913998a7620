package org.hashgrid.driver.luxos.internal;

import java.util.Locale;
import java.util.Optional;

import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.FailureKind;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reading LUXminer's cgminer-shaped replies: {@code {"STATUS":[{"STATUS":"S","Code":…,"Msg":…,
 * "Description":"LUXminer <version>"}],"<SECTION>":[…]}} [LUXDOCS] [LUXTOOL-async].
 */
public final class LuxosReplies {

    /** cgminer's "Invalid command". */
    static final int INVALID_COMMAND = 14;
    /** cgminer's "Access denied to '…' command". */
    static final int ACCESS_DENIED = 45;
    /** {@code logon} while another session is active [LUXDOCS-sessions]. */
    static final int ANOTHER_SESSION_ACTIVE = 402;

    private LuxosReplies() {
    }

    static JsonNode status(JsonNode reply) {
        return reply.path("STATUS").path(0);
    }

    /** @return whether the command succeeded: STATUS S or I */
    static boolean ok(JsonNode reply) {
        String letter = status(reply).path("STATUS").asText("");
        return letter.equals("S") || letter.equals("I");
    }

    static int code(JsonNode reply) {
        return status(reply).path("Code").asInt(-1);
    }

    /** @return the first record of a data section, or a missing node */
    static JsonNode first(JsonNode reply, String section) {
        return reply.path(section).path(0);
    }

    /** @return the LUXminer version from a STATUS description {@code LUXminer <version>}, if it is one */
    static Optional<String> luxminerVersion(JsonNode reply) {
        String description = status(reply).path("Description").asText("");
        if (!description.toLowerCase(Locale.ROOT).startsWith("luxminer")) {
            return Optional.empty();
        }
        return Optional.of(description.substring("luxminer".length()).trim());
    }

    /** @return a protocol error for a reply from firmware other than LuxOS, naming that firmware */
    static DriverException notLuxos(String command, JsonNode reply) {
        String description = status(reply).path("Description").asText("");
        return new DriverException(FailureKind.PROTOCOL_ERROR, description.isEmpty()
                ? "the reply to '" + command + "' is not LuxOS's: " + excerpt(reply)
                : "the miner runs '" + description + "', not LuxOS (LUXminer)");
    }

    /** @return whether a write was refused because its session id is missing, expired or not the current one */
    static boolean sessionRejected(JsonNode reply) {
        return !ok(reply) && status(reply).path("Msg").asText("").toLowerCase(Locale.ROOT).contains("session");
    }

    /** @return the failure for a refused command, with the firmware's own words */
    static DriverException refused(String command, JsonNode reply) {
        JsonNode status = status(reply);
        if (status.isMissingNode()) {
            return new DriverException(FailureKind.PROTOCOL_ERROR,
                    "the reply to '" + command + "' has no STATUS: " + excerpt(reply));
        }
        int code = code(reply);
        String said = status.path("STATUS").asText("?") + "/" + code + " \"" + status.path("Msg").asText("") + "\"";
        if (code == ACCESS_DENIED) {
            return new DriverException(FailureKind.ACCESS_DENIED, "the miner refused '" + command + "': " + said);
        }
        if (code == INVALID_COMMAND) {
            return new DriverException(FailureKind.UNSUPPORTED,
                    "the miner does not know '" + command + "', so it does not run LuxOS: " + said);
        }
        return new DriverException(FailureKind.PROTOCOL_ERROR, "the miner refused '" + command + "': " + said);
    }

    private static String excerpt(JsonNode reply) {
        String text = reply.toString();
        return text.length() <= DriverException.EXCERPT_BYTES ? text
                : text.substring(0, DriverException.EXCERPT_BYTES) + "…";
    }
}
