package org.hashgrid.tools.simulator;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * Canaan's cgminer 4.11.1: "MHS 30s", the model in version PROD, temperatures, fans and wall
 * power packed as {@code Key[value]} tokens into the stats "MM ID0" string, soft power off and on
 * through ascset, and joined sections returned in an order of its own.
 */
final class AvalonFirmware extends Firmware {

    private static final double MHS_PER_THS = 1_000_000;
    private static final double IDLE_WALL_WATTS = 22;

    @Override
    String description() {
        return "cgminer 4.11.1";
    }

    @Override
    Set<String> reports() {
        return Set.of("version", "config", "summary", "devs", "pools", "stats", "estats");
    }

    @Override
    Set<String> controls() {
        return Set.of("ascset", "restart", "privileged");
    }

    @Override
    List<String> joinOrder(List<String> commands) {
        List<String> reversed = new ArrayList<>(commands);
        Collections.reverse(reversed);
        return reversed;
    }

    @Override
    Control control(String command, String parameter, SimulatedMiner miner) {
        switch (command) {
            case "ascset" -> {
                String[] args = parameter.split(",", 3);
                if (deviceId(parameter) != 0 || args.length < 2) {
                    return new Control("E", 120, "ASC " + parameter + " set failed: invalid parameters");
                }
                switch (args[1]) {
                    case "softoff" -> {
                        miner.setAllBoardsEnabled(false);
                        return new Control("I", 119, "ASC 0 set info: success softoff");
                    }
                    case "softon" -> {
                        miner.setAllBoardsEnabled(true);
                        return new Control("I", 119, "ASC 0 set info: success softon");
                    }
                    case "worklevel" -> {
                        return new Control("S", 119, "ASC 0 set OK");
                    }
                    default -> {
                        return new Control("E", 120, "ASC 0 set failed: unknown option " + args[1]);
                    }
                }
            }
            case "restart" -> {
                miner.restart();
                return Control.RESTART;
            }
            case "privileged" -> {
                return new Control("S", 46, "Privileged access OK");
            }
            default -> throw new IllegalArgumentException(command);
        }
    }

    @Override
    void writeReport(String command, SimulatedMiner miner, MinerSnapshot s, JsonReply out) {
        switch (command) {
            case "version" -> out.array("VERSION").object().version("CGMiner", "4.11.1").str("API", "3.7")
                    .str("STM8", "20.08.01").str("PROD", miner.model().displayName()).str("MODEL", "1246")
                    .str("HWTYPE", "MM4v2_X3").str("SWTYPE", "MM314").str("VERSION", "21042001_4ec6bb0_61407fa")
                    .str("LOADER", "d0d779de.00").str("DNA", String.format("020100008c5f%04x", miner.index() & 0xffff))
                    .str("MAC", String.format("b4a2eb%06x", miner.index() & 0xffffff)).str("UPAPI", "2").end().end();
            case "config" -> config(miner, out, "AVA10 ");
            case "summary" -> summary(s, out);
            case "devs" -> devs(s, out);
            case "pools" -> pools(miner, s, out);
            case "stats", "estats" -> stats(miner, s, out);
            default -> throw new IllegalArgumentException(command);
        }
    }

    private static void summary(MinerSnapshot s, JsonReply out) {
        double now = s.totalThs() * MHS_PER_THS;
        out.array("SUMMARY").object().num("Elapsed", s.elapsedSeconds())
                .numOrNan("MHS av", s.averageThs() * MHS_PER_THS, 2).num("MHS 30s", now, 2).num("MHS 1m", now, 2)
                .num("MHS 5m", now, 2).num("MHS 15m", now, 2);
        shareCounters(s, out);
        out.num("Total MH", s.averageThs() * MHS_PER_THS * s.elapsedSeconds(), 4).end().end();
    }

    private static void devs(MinerSnapshot s, JsonReply out) {
        // the whole machine is one ASC whose devs temperature is the -273 placeholder
        out.array("DEVS").object().num("ASC", 0).str("Name", "AVA10").num("ID", 0).str("Enabled", "Y")
                .str("Status", "Alive").num("Temperature", -273.0, 2).num("MHS av", s.averageThs() * MHS_PER_THS, 2)
                .num("MHS 30s", s.totalThs() * MHS_PER_THS, 2).num("Accepted", s.accepted())
                .num("Rejected", s.rejected()).num("Hardware Errors", s.hardwareErrors()).end().end();
    }

    private static void stats(SimulatedMiner miner, MinerSnapshot s, JsonReply out) {
        out.array("STATS").object().num("STATS", 0).str("ID", "AVA100").num("Elapsed", s.elapsedSeconds())
                .num("Calls", 0).num("Wait", 0.0, 6).num("Max", 0.0, 6).num("Min", 99999999.0, 6)
                .str("MM ID0", mmId0(miner, s)).num("MM Count", 1).num("Smart Speed", 1).str("Connecter", "AUC")
                .num("Voltage Level Offset", 0).num("Nonce Mask", 25).end()
                .object().num("STATS", 1).str("ID", "POOL0").num("Elapsed", s.elapsedSeconds()).num("Calls", 0)
                .num("Wait", 0.0, 6).num("Max", 0.0, 6).num("Min", 99999999.0, 6).end().end();
    }

    /** Per-chip temperatures per board (PVT_T0 …); real boards have more chips, a dozen keep replies small. */
    private static final int PVT_CHIPS = 12;

    private static String mmId0(SimulatedMiner miner, MinerSnapshot s) {
        int boards = s.boardThs().length;
        StringBuilder mm = new StringBuilder(1024);
        mm.append("Ver[1246-N-21042001_4ec6bb0_61407fa] DNA[020100008c5f0001] Elapsed[").append(s.elapsedSeconds())
                .append("] MW[").append(s.elapsedSeconds() * 96).append(' ').append(s.elapsedSeconds() * 96).append(' ')
                .append(s.elapsedSeconds() * 96).append("] LW[").append(s.elapsedSeconds() * 288)
                .append("] MH[0 0 0] HW[")
                .append(s.hardwareErrors()).append("] DH[1.170%] Temp[27] TMax[").append(Math.round(s.maxTempC()))
                .append("] TAvg[").append(Math.round(average(s.chipTempC()))).append(']');
        for (int f = 0; f < s.fanRpm().length; f++) {
            mm.append(" Fan").append(f + 1).append('[').append(s.fanRpm()[f]).append(']');
        }
        double wall = s.mining() ? s.powerW() : IDLE_WALL_WATTS;
        mm.append(" FanR[").append(s.mining() ? 56 : 20).append("%] Vo[333 333 333] PS[0 1209 1265 45 2711 1266 3000]")
                .append(" WALLPOWER[").append(Math.round(wall)).append("] MPO[").append(miner.model().nominalWatts())
                .append("] GHSspd[").append(tenths(s.totalThs() * 1000))
                .append("] DHspd[1.170%] GHSmm[").append(tenths(miner.model().nominalThs() * 1000)).append("] GHSavg[")
                .append(tenths(s.averageThs() * 1000)).append("] WU[").append(s.accepted() * 60)
                .append("] Freq[500.00] Led[0] MGHS[");
        for (int b = 0; b < boards; b++) {
            mm.append(b == 0 ? "" : " ").append(tenths(s.boardThs()[b] * 1000));
        }
        mm.append("] MTmax[");
        for (int b = 0; b < boards; b++) {
            mm.append(b == 0 ? "" : " ").append(Math.round(s.chipTempC()[b]));
        }
        mm.append("] MTavg[");
        for (int b = 0; b < boards; b++) {
            mm.append(b == 0 ? "" : " ").append(Math.round(s.boardTempC()[b]));
        }
        mm.append(']');
        for (int b = 0; b < boards; b++) {
            long hottest = Math.round(s.chipTempC()[b]);
            mm.append(" PVT_T").append(b).append('[');
            for (int c = 0; c < PVT_CHIPS; c++) {
                mm.append(c == 0 ? "" : " ").append(c == PVT_CHIPS / 2 ? hottest : hottest - 2 - c % 5);
            }
            mm.append(']');
        }
        return mm.append(" TA[360] Core[A3201] PING[55] POWS[0] HASHS[0 0 0] POOLS[0 0 0] SoftOFF[")
                .append(s.mining() ? 0 : 1).append("] ECHU[0 0 0] ECMM[0]").toString();
    }

    private static double average(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return values.length == 0 ? 0 : sum / values.length;
    }

    private static String tenths(double value) {
        return Long.toString(Math.round(value * 10) / 10) + "." + Math.round(value * 10) % 10;
    }
}
