package org.hashgrid.driver.cgminer.internal;

import java.util.Map;

/**
 * A parsed reply: either the reply to a single command, or the replies to a "+" join by
 * lower-case command name (each with its own STATUS).
 */
record ParsedReply(CommandReply single, Map<String, CommandReply> joined) {

    static ParsedReply single(CommandReply reply) {
        return new ParsedReply(reply, null);
    }

    static ParsedReply joined(Map<String, CommandReply> replies) {
        return new ParsedReply(null, replies);
    }

    boolean isJoined() {
        return joined != null;
    }
}
