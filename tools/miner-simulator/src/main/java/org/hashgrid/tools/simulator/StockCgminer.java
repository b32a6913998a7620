package org.hashgrid.tools.simulator;

import java.util.Set;

/** Stock cgminer 4.11.1 driving a generic ASIC: one ASC device per hashboard, hashrate in MH/s. */
final class StockCgminer extends Firmware {

    private static final String DESCRIPTION = "cgminer 4.11.1";
    private static final double MHS_PER_THS = 1_000_000;

    @Override
    String description() {
        return DESCRIPTION;
    }

    @Override
    Set<String> reports() {
        return Set.of("version", "config", "summary", "devs", "edevs", "pools", "stats", "estats", "devdetails");
    }

    @Override
    Set<String> controls() {
        return Set.of("ascenable", "ascdisable", "restart", "quit", "privileged");
    }

    @Override
    void writeReport(String command, SimulatedMiner miner, MinerSnapshot s, JsonReply out) {
        switch (command) {
            case "version" -> out.array("VERSION").object().version("CGMiner", "4.11.1").str("API", "3.7").end().end();
            case "config" -> config(miner, out, "BTM ");
            case "summary" -> summary(s, out);
            case "devs", "edevs" -> devs(s, out);
            case "pools" -> pools(miner, s, out);
            case "stats", "estats" -> stats(s, out);
            case "devdetails" -> devdetails(s, out);
            default -> throw new IllegalArgumentException(command);
        }
    }

    @Override
    Control control(String command, String parameter, SimulatedMiner miner) {
        int asc = deviceId(parameter);
        int last = miner.model().boards() - 1;
        switch (command) {
            case "ascenable", "ascdisable" -> {
                if (asc == -1) {
                    return new Control("E", 16, "Missing ASC id parameter");
                }
                if (asc < 0 || asc > last) {
                    return new Control("E", 15, "Invalid ASC id " + parameter + " - range is 0 - " + last);
                }
                boolean enable = command.equals("ascenable");
                if (miner.boardEnabled(asc) == enable) {
                    return enable ? new Control("I", 108, "ASC " + asc + " already enabled")
                            : new Control("I", 109, "ASC " + asc + " already disabled");
                }
                miner.setBoardEnabled(asc, enable);
                return enable ? new Control("I", 110, "ASC " + asc + " sent enable message")
                        : new Control("I", 111, "ASC " + asc + " set disable flag");
            }
            case "restart" -> {
                miner.restart();
                return Control.RESTART;
            }
            case "quit" -> {
                miner.quit();
                return Control.BYE;
            }
            case "privileged" -> {
                return new Control("S", 46, "Privileged access OK");
            }
            default -> throw new IllegalArgumentException(command);
        }
    }

    private static void summary(MinerSnapshot s, JsonReply out) {
        double now = s.totalThs() * MHS_PER_THS;
        out.array("SUMMARY").object().num("Elapsed", s.elapsedSeconds())
                .numOrNan("MHS av", s.averageThs() * MHS_PER_THS, 2).num("MHS 5s", now, 2).num("MHS 1m", now, 2)
                .num("MHS 5m", now, 2).num("MHS 15m", now, 2);
        shareCounters(s, out);
        out.num("Total MH", s.averageThs() * MHS_PER_THS * s.elapsedSeconds(), 4)
                .num("Work Utility", s.accepted() * 60.0 / Math.max(1, s.elapsedSeconds()), 2).end().end();
    }

    private static void devs(MinerSnapshot s, JsonReply out) {
        out.array("DEVS");
        for (int i = 0; i < s.boardThs().length; i++) {
            double mhs = s.boardThs()[i] * MHS_PER_THS;
            out.object().num("ASC", i).str("Name", "BTM").num("ID", i).str("Enabled", s.boardEnabled()[i] ? "Y" : "N")
                    .str("Status", "Alive").num("Temperature", s.boardTempC()[i], 2).num("MHS av", mhs, 2)
                    .num("MHS 5s", mhs, 2).num("MHS 1m", mhs, 2).num("Accepted", s.accepted() / s.boardThs().length)
                    .num("Rejected", s.rejected() / s.boardThs().length)
                    .num("Hardware Errors", s.hardwareErrors() / s.boardThs().length).num("Last Share Pool", 0)
                    .num("Last Share Time", s.when() - 3).num("Total MH", mhs * s.elapsedSeconds(), 4)
                    .bool("No Device", false).num("Last Valid Work", s.when()).num("Device Elapsed", s.elapsedSeconds())
                    .end();
        }
        out.end();
    }

    private static void stats(MinerSnapshot s, JsonReply out) {
        out.array("STATS");
        int n = s.boardThs().length;
        for (int i = 0; i < n; i++) {
            out.object().num("STATS", i).str("ID", "BTM" + i).num("Elapsed", s.elapsedSeconds()).num("Calls", 0)
                    .num("Wait", 0.0, 6).num("Max", 0.0, 6).num("Min", 99999999.0, 6).end();
        }
        out.object().num("STATS", n).str("ID", "POOL0").num("Elapsed", s.elapsedSeconds()).num("Calls", 0)
                .num("Wait", 0.0, 6).num("Max", 0.0, 6).num("Min", 99999999.0, 6).num("Pool Calls", 0)
                .num("Pool Attempts", 0).num("Work Diff", 65536.0, 2).num("Times Sent", s.accepted() + 3)
                .num("Bytes Sent", s.accepted() * 160).num("Times Recv", s.elapsedSeconds() / 30 + 5)
                .num("Bytes Recv", s.elapsedSeconds() * 40).end();
        out.end();
    }

    private static void devdetails(MinerSnapshot s, JsonReply out) {
        out.array("DEVDETAILS");
        for (int i = 0; i < s.boardThs().length; i++) {
            out.object().num("DEVDETAILS", i).str("Name", "BTM").num("ID", i).str("Driver", "bitmain")
                    .str("Kernel", "").str("Model", "").str("Device Path", "").end();
        }
        out.end();
    }
}
