package org.hashgrid.tools.simulator;

import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What one dialect answers: which report commands it knows and how it writes their sections,
 * and which control commands it performs.
 */
abstract class Firmware {

    /**
     * The outcome of a control command; {@code RESTART} and {@code BYE} use cgminer's string STATUS.
     * {@code body}, when not null, writes the data sections that follow the STATUS (e.g. LuxOS's
     * {@code SESSION}).
     */
    record Control(String status, int code, String message, Consumer<JsonReply> body) {
        static final Control RESTART = new Control("RESTART", 0, "");
        static final Control BYE = new Control("BYE", 0, "");

        Control(String status, int code, String message) {
            this(status, code, message, null);
        }

        boolean stringStatus() {
            return this == RESTART || this == BYE;
        }
    }

    /** What {@link #answerOwn} returns to close the connection without a reply. */
    static final byte[] NO_REPLY = new byte[0];

    /**
     * Answers a request outside the cgminer {@code command} scheme before the cgminer handling
     * sees it, e.g. Whatsminer's {@code cmd} and encrypted requests.
     *
     * @return the reply, {@link #NO_REPLY} to close without one, or {@code null} to answer the
     *         request as a cgminer command
     */
    byte[] answerOwn(SimulatedMiner miner, JsonNode request) {
        return null;
    }

    /** @return the STATUS Description, e.g. {@code cgminer 4.11.1} */
    abstract String description();

    /** @return whether "+" joins of report commands are answered (API 3.1) */
    boolean acceptsJoins() {
        return true;
    }

    /** @return the report commands this firmware answers */
    abstract Set<String> reports();

    /** Writes the data section(s) of a known report command into the open reply object. */
    abstract void writeReport(String command, SimulatedMiner miner, MinerSnapshot s, JsonReply out);

    /** @return the (privileged) control commands this firmware knows */
    Set<String> controls() {
        return Set.of();
    }

    /** Performs a known control command for a client with write access. */
    Control control(String command, String parameter, SimulatedMiner miner) {
        throw new IllegalArgumentException(command);
    }

    /** @return the STATUS code of a report command stock cgminer does not know */
    int reportCode(String command) {
        throw new IllegalArgumentException(command);
    }

    /** @return the STATUS message of a report command stock cgminer does not know */
    String reportMessage(String command, SimulatedMiner miner) {
        throw new IllegalArgumentException(command);
    }

    /** @return the API this firmware serves on a second port, or {@code null} if it has none */
    SecondApi secondApi() {
        return null;
    }

    /** @return the order in which a join's sections are written */
    List<String> joinOrder(List<String> commands) {
        return commands;
    }

    static void status(JsonReply out, String status, long when, int code, String message, String description) {
        out.array("STATUS").object().str("STATUS", status).num("When", when).num("Code", code).str("Msg", message);
        if (description != null) {
            out.str("Description", description);
        }
        out.end().end();
    }

    static void pools(SimulatedMiner miner, MinerSnapshot s, JsonReply out) {
        // failover order: the first pool mines, the second stands by, the third is down
        out.array("POOLS");
        pool(out, 0, "pool-a.example", miner.poolUser(), "Alive", s);
        pool(out, 1, "pool-b.example", miner.poolUser(), "Alive", s);
        pool(out, 2, "pool-c.example", miner.poolUser(), "Dead", s);
        out.end();
    }

    private static void pool(JsonReply out, int index, String host, String user, String status, MinerSnapshot s) {
        boolean active = index == 0;
        long accepted = active ? s.accepted() : 0;
        long rejected = active ? s.rejected() : 0;
        out.object().num("POOL", index).str("URL", "stratum+tcp://" + host + ":3333").str("Status", status)
                .num("Priority", index).num("Quota", 1).str("Long Poll", "N")
                .num("Getworks", active ? s.elapsedSeconds() / 30 : 0)
                .num("Accepted", accepted).num("Rejected", rejected).num("Works", accepted * 4).num("Discarded", 0)
                .num("Stale", active ? s.rejected() / 2 : 0).num("Get Failures", "Dead".equals(status) ? 3 : 0)
                .num("Remote Failures", 0).str("User", user)
                .num("Last Share Time", active ? s.when() - 3 : 0).num("Diff1 Shares", accepted * 65536)
                .str("Proxy Type", "").str("Proxy", "").num("Difficulty Accepted", accepted * 65536.0, 2)
                .num("Difficulty Rejected", rejected * 65536.0, 2).num("Difficulty Stale", 0.0, 2)
                .num("Last Share Difficulty", 65536.0, 2).num("Work Difficulty", 65536.0, 2).bool("Has Stratum", true)
                .bool("Stratum Active", active).str("Stratum URL", active ? host : "")
                .num("Stratum Difficulty", 65536.0, 2).bool("Has GBT", false).num("Best Share", active ? 1_802_455 : 0)
                .num("Pool Rejected%", accepted == 0 ? 0 : 100.0 * rejected / (accepted + rejected), 4)
                .num("Pool Stale%", 0.0, 4).end();
    }

    /** The cgminer summary counters every dialect shares after its hashrate keys. */
    static void shareCounters(MinerSnapshot s, JsonReply out) {
        out.num("Found Blocks", 0).num("Getworks", s.elapsedSeconds() / 30).num("Accepted", s.accepted())
                .num("Rejected", s.rejected()).num("Hardware Errors", s.hardwareErrors())
                .num("Utility", s.elapsedSeconds() == 0 ? 0 : s.accepted() * 60.0 / s.elapsedSeconds(), 2)
                .num("Discarded", s.accepted() * 2).num("Stale", 0).num("Get Failures", 0)
                .num("Local Work", s.accepted() * 8).num("Remote Failures", 0)
                .num("Network Blocks", s.elapsedSeconds() / 600)
                .num("Difficulty Accepted", s.accepted() * 65536.0, 2)
                .num("Difficulty Rejected", s.rejected() * 65536.0, 2)
                .num("Difficulty Stale", 0.0, 2).num("Best Share", 1_802_455)
                .num("Device Hardware%", s.accepted() == 0 ? 0 : 100.0 * s.hardwareErrors() / (s.accepted() * 4 + 1), 4)
                .num("Device Rejected%", s.accepted() == 0 ? 0 : 100.0 * s.rejected() / s.accepted(), 4)
                .num("Pool Rejected%", s.accepted() == 0 ? 0 : 100.0 * s.rejected() / s.accepted(), 4)
                .num("Pool Stale%", 0.0, 4).num("Last getwork", s.when());
    }

    static void config(SimulatedMiner miner, JsonReply out, String deviceCode) {
        out.array("CONFIG").object().num("ASC Count", miner.model().boards()).num("PGA Count", 0).num("Pool Count", 3)
                .str("Strategy", "Failover").num("Log Interval", 5).str("Device Code", deviceCode).str("OS", "Linux")
                .str("Hotplug", "None").end().end();
    }

    /** Parses a device id parameter such as {@code "0"} or {@code "0,softoff,1:1700000000"}; -1 if absent. */
    static int deviceId(String parameter) {
        String head = parameter.split(",", 2)[0].trim();
        try {
            return head.isEmpty() ? -1 : Integer.parseInt(head);
        } catch (NumberFormatException e) {
            return -2;
        }
    }
}
