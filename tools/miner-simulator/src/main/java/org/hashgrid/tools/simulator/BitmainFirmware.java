package org.hashgrid.tools.simulator;

import java.util.Set;

/**
 * Bitmain bmminer. The modern build (S19, S21) sends numbers as numbers and refuses "+" joins;
 * the legacy build (S9) sends "GHS 5s" as a string, spreads temperatures, fans and chains over
 * 16/8 fixed slots mostly filled with zeros, and writes "}{" between the stats objects.
 */
final class BitmainFirmware extends Firmware {

    private static final double GHS_PER_THS = 1000;
    /** The legacy build puts its three chains in slots 6 to 8 and its two fans in slots 5 and 6. */
    private static final int LEGACY_FIRST_CHAIN = 6;
    private static final int LEGACY_FIRST_FAN = 5;
    private static final int LEGACY_CHIPS = 63;
    private static final int MODERN_CHIPS = 114;

    private final boolean legacy;
    private final AntminerWebApi web;

    BitmainFirmware(boolean legacy) {
        this.legacy = legacy;
        this.web = new AntminerWebApi(legacy);
    }

    /** The stock web interface (CGI with Digest authentication) on the second port. */
    @Override
    SecondApi secondApi() {
        return web;
    }

    @Override
    String description() {
        return legacy ? "bmminer 2.0.0" : "bmminer 1.0.0";
    }

    @Override
    boolean acceptsJoins() {
        return legacy;
    }

    @Override
    Set<String> reports() {
        return Set.of("version", "config", "summary", "devs", "pools", "stats");
    }

    @Override
    Set<String> controls() {
        return Set.of("privileged");
    }

    @Override
    Control control(String command, String parameter, SimulatedMiner miner) {
        return new Control("S", 46, "Privileged access OK");
    }

    @Override
    void writeReport(String command, SimulatedMiner miner, MinerSnapshot s, JsonReply out) {
        switch (command) {
            case "version" -> {
                out.array("VERSION").object();
                header(miner, out);
                out.str("API", "3.1").end().end();
            }
            case "config" -> config(miner, out, "BTM_SOC ");
            case "summary" -> summary(s, out);
            case "devs" -> devs(s, out);
            case "pools" -> pools(miner, s, out);
            case "stats" -> stats(miner, s, out);
            default -> throw new IllegalArgumentException(command);
        }
    }

    private void header(SimulatedMiner miner, JsonReply out) {
        out.version("BMMiner", legacy ? "2.0.0" : "1.0.0").str("Miner", legacy ? "16.8.1.3" : "uart_trans.1.3")
                .str("CompileTime", legacy ? "Fri Nov 17 17:37:49 CST 2017" : "Fri Aug 20 16:18:52 CST 2021")
                .str("Type", miner.model().displayName());
    }

    private void summary(MinerSnapshot s, JsonReply out) {
        double now = s.totalThs() * GHS_PER_THS;
        out.array("SUMMARY").object().num("Elapsed", s.elapsedSeconds());
        if (legacy) {
            out.quotedNum("GHS 5s", now, 2);
        } else {
            out.num("GHS 5s", now, 2);
        }
        out.numOrNan("GHS av", s.averageThs() * GHS_PER_THS, 2);
        if (!legacy) {
            out.num("GHS 30m", s.averageThs() * GHS_PER_THS, 2);
        }
        shareCounters(s, out);
        out.num("Total MH", s.averageThs() * 1e6 * s.elapsedSeconds(), 4).end().end();
    }

    private static void devs(MinerSnapshot s, JsonReply out) {
        // bmminer lists its chains with placeholder zeros; the real figures are in stats
        out.array("DEVS");
        for (int i = 0; i < s.boardThs().length; i++) {
            out.object().num("ASC", i).str("Name", "BTM_SOC").num("ID", i).str("Enabled", "Y").str("Status", "Alive")
                    .num("Temperature", 0.0, 2).num("MHS av", s.boardThs()[i] * 1e6, 2)
                    .num("MHS 5s", s.boardThs()[i] * 1e6, 2)
                    .num("Accepted", 0).num("Rejected", 0).num("Hardware Errors", 0).end();
        }
        out.end();
    }

    private void stats(SimulatedMiner miner, MinerSnapshot s, JsonReply out) {
        out.concatenateObjects(legacy).array("STATS").object();
        header(miner, out);
        out.end().object().num("STATS", 0).str("ID", legacy ? "BC50" : "BTM_SOC0").num("Elapsed", s.elapsedSeconds())
                .num("Calls", 0).num("Wait", 0.0, 6).num("Max", 0.0, 6).num("Min", 99999999.0, 6);
        double now = s.totalThs() * GHS_PER_THS;
        if (legacy) {
            out.quotedNum("GHS 5s", now, 2).num("GHS av", s.averageThs() * GHS_PER_THS, 2);
            legacySlots(miner, s, out);
        } else {
            out.num("GHS 5s", now, 2).num("GHS av", s.averageThs() * GHS_PER_THS, 2)
                    .num("rate_30m", s.averageThs() * GHS_PER_THS, 2);
            modernSlots(miner, s, out);
        }
        out.end().end().concatenateObjects(false);
    }

    private static void modernSlots(SimulatedMiner miner, MinerSnapshot s, JsonReply out) {
        int boards = s.boardThs().length;
        out.num("Mode", 2).num("miner_count", boards).num("frequency", 525).num("fan_num", s.fanRpm().length);
        for (int f = 0; f < s.fanRpm().length; f++) {
            out.num("fan" + (f + 1), s.fanRpm()[f]);
        }
        out.num("temp_num", boards);
        for (int b = 0; b < boards; b++) {
            out.num("temp" + (b + 1), Math.round(s.boardTempC()[b]));
        }
        // temp2_N is the average of the chip sensors: the hottest chip is only in temp_chipN
        for (int b = 0; b < boards; b++) {
            out.num("temp2_" + (b + 1), Math.round(s.chipTempC()[b]) - 3);
        }
        for (int b = 0; b < boards; b++) {
            long pcb = Math.round(s.boardTempC()[b]);
            out.str("temp_pcb" + (b + 1), (pcb - 4) + "-" + (pcb - 2) + "-" + pcb + "-" + (pcb - 1));
            out.str("temp_pic" + (b + 1), (pcb - 4) + "-" + (pcb - 3) + "-" + (pcb - 1) + "-" + (pcb - 1));
            long chip = Math.round(s.chipTempC()[b]);
            out.str("temp_chip" + (b + 1), (chip - 6) + "-" + (chip - 4) + "-" + chip + "-" + (chip - 2));
        }
        double perBoardIdeal = miner.model().nominalThs() * GHS_PER_THS / boards;
        out.num("total_rateideal", miner.model().nominalThs() * GHS_PER_THS, 2).str("rate_unit", "GH")
                .num("total_freqavg", 525).num("total_acn", boards * MODERN_CHIPS)
                .num("total rate", s.totalThs() * GHS_PER_THS, 2)
                .num("temp_max", Math.round(s.maxTempC())).num("no_matching_work", s.hardwareErrors());
        for (int b = 0; b < boards; b++) {
            int chain = b + 1;
            out.num("chain_acn" + chain, MODERN_CHIPS)
                    .str("chain_acs" + chain,
                            chipMap(MODERN_CHIPS, s.boardEnabled()[b] ? failing(miner, b) : MODERN_CHIPS))
                    .num("chain_hw" + chain, s.hardwareErrors() / boards)
                    .quotedNum("chain_rate" + chain, s.boardThs()[b] * GHS_PER_THS, 2)
                    .num("chain_rateideal" + chain, perBoardIdeal, 2);
        }
    }

    /** A few failing chips on one board of some miners: 0, 1 or 2 by miner, on board index mod boards. */
    static int failing(SimulatedMiner miner, int board) {
        return board == miner.index() % miner.model().boards() ? miner.index() % 3 : 0;
    }

    /** bmminer's chain map: 'o' per healthy chip, 'x' per failing one (here the last ones), grouped by 8. */
    static String chipMap(int chips, int failed) {
        StringBuilder map = new StringBuilder(chips + chips / 8 + 1);
        for (int i = 0; i < chips; i++) {
            if (i % 8 == 0) {
                map.append(' ');
            }
            map.append(i >= chips - failed ? 'x' : 'o');
        }
        return map.toString();
    }

    private static void legacySlots(SimulatedMiner miner, MinerSnapshot s, JsonReply out) {
        int boards = s.boardThs().length;
        out.num("miner_count", boards).str("frequency", "650").num("fan_num", s.fanRpm().length);
        for (int slot = 1; slot <= 8; slot++) {
            int f = slot - LEGACY_FIRST_FAN;
            out.num("fan" + slot, f >= 0 && f < s.fanRpm().length ? s.fanRpm()[f] : 0);
        }
        out.num("temp_num", boards);
        for (int slot = 1; slot <= 16; slot++) {
            int b = slot - LEGACY_FIRST_CHAIN;
            out.num("temp" + slot, b >= 0 && b < boards ? Math.round(s.boardTempC()[b]) : 0);
        }
        for (int slot = 1; slot <= 16; slot++) {
            int b = slot - LEGACY_FIRST_CHAIN;
            out.num("temp2_" + slot, b >= 0 && b < boards ? Math.round(s.chipTempC()[b]) : 0);
        }
        out.num("temp_max", Math.round(s.maxTempC())).num("Device Hardware%", 0.0002, 4)
                .num("no_matching_work", s.hardwareErrors());
        for (int slot = 1; slot <= 16; slot++) {
            int b = slot - LEGACY_FIRST_CHAIN;
            boolean present = b >= 0 && b < boards;
            String map = present ? chipMap(LEGACY_CHIPS, s.boardEnabled()[b] ? failing(miner, b) : LEGACY_CHIPS) : "";
            out.num("chain_acn" + slot, present ? LEGACY_CHIPS : 0).str("chain_acs" + slot, map)
                    .num("chain_hw" + slot, present ? s.hardwareErrors() / boards : 0);
            if (present) {
                out.quotedNum("chain_rate" + slot, s.boardThs()[b] * GHS_PER_THS, 2);
            } else {
                out.str("chain_rate" + slot, "");
            }
        }
    }
}
