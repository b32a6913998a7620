package org.hashgrid.driver;

import java.util.Objects;

/**
 * A command the firmware acknowledged.
 *
 * @param command what was acknowledged
 * @param message what the firmware said, for the operation log (may be empty)
 */
public record CommandResult(MinerCommand command, String message) {

    public CommandResult {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(message, "message");
    }
}
