package org.hashgrid.driver.luxos.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

import org.hashgrid.driver.Deadline;
import org.hashgrid.driver.DriverException;
import org.hashgrid.driver.FailureKind;
import org.hashgrid.driver.MinerEndpoint;
import org.hashgrid.driver.cgminer.rpc.CgminerRpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * LUXminer's API on the cgminer port, spoken through the CGMiner bundle's hardened exchange (which
 * also keeps one conversation per miner): one command per request, or report commands joined with
 * "+" where the firmware answers joins.
 */
public final class LuxosClient {

    private final CgminerRpc rpc;
    private final ObjectMapper json = new ObjectMapper();

    public LuxosClient(CgminerRpc rpc) {
        this.rpc = rpc;
    }

    /** Sends {@code {"command":…,"parameter":…}}; the reply is any JSON object with a STATUS. */
    public CompletableFuture<JsonNode> send(MinerEndpoint endpoint, String command, String parameter,
            Deadline deadline) {
        if (deadline.passed()) {
            return CompletableFuture
                    .failedFuture(new DriverException(FailureKind.TIMEOUT, "no time left for '" + command + "'"));
        }
        ObjectNode request = json.createObjectNode().put("command", command);
        if (!parameter.isEmpty()) {
            request.put("parameter", parameter);
        }
        return rpc.exchange(endpoint, request.toString(), deadline.remaining()).toCompletableFuture()
                .thenApply(reply -> {
                    if (!reply.isObject()) {
                        throw new CompletionException(new DriverException(FailureKind.PROTOCOL_ERROR,
                                "the reply to '" + command + "' is not a JSON object"));
                    }
                    return reply;
                });
    }

    /**
     * Asks for report commands, joined in one round trip; a firmware that answers the join with one
     * error STATUS is asked one command at a time.
     *
     * @return each command's reply (STATUS and sections), in the order asked
     */
    public CompletableFuture<Map<String, JsonNode>> fetch(MinerEndpoint endpoint, List<String> commands,
            Deadline deadline) {
        return send(endpoint, String.join("+", commands), "", deadline).thenCompose(reply -> {
            Map<String, JsonNode> replies = new LinkedHashMap<>();
            for (String command : commands) {
                JsonNode section = reply.path(command).path(0);
                if (section.isObject()) {
                    replies.put(command, section);
                }
            }
            if (replies.size() == commands.size()) {
                return CompletableFuture.completedFuture(replies);
            }
            if (commands.size() > 1 && reply.has("STATUS")) {
                return oneByOne(endpoint, commands, 0, new LinkedHashMap<>(), deadline);
            }
            return CompletableFuture.failedFuture(LuxosReplies.notLuxos(String.join("+", commands), reply));
        });
    }

    private CompletableFuture<Map<String, JsonNode>> oneByOne(MinerEndpoint endpoint, List<String> commands,
            int index, Map<String, JsonNode> replies, Deadline deadline) {
        if (index == commands.size()) {
            return CompletableFuture.completedFuture(replies);
        }
        String command = commands.get(index);
        return send(endpoint, command, "", deadline).thenCompose(reply -> {
            replies.put(command, reply);
            return oneByOne(endpoint, commands, index + 1, replies, deadline);
        });
    }
}
