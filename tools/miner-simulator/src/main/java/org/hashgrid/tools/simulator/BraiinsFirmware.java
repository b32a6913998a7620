package org.hashgrid.tools.simulator;

import java.util.Set;

/**
 * Braiins OS's bosminer on the cgminer port (reads only; pool changes are not persistent and
 * control goes through the REST API of {@link BraiinsRestApi} on the second port): MH/s keys, a
 * {@code BOSminer} version, {@code temps} and {@code fans} [BOSDOC-legacy] [PYASIC-bos-rpc]. The
 * hashrate follows the power target set over REST.
 */
final class BraiinsFirmware extends Firmware {

    static final String BOSMINER = "0.9.0-" + BraiinsRestApi.VERSION;
    private static final double MHS_PER_THS = 1_000_000;

    private final BraiinsRestApi rest = new BraiinsRestApi();

    @Override
    String description() {
        return "BOSminer+ " + BOSMINER;
    }

    @Override
    SecondApi secondApi() {
        return rest;
    }

    /** Chips per hashboard of an S19 (76 × BM1398). */
    private static final int CHIPS_PER_BOARD = 76;

    @Override
    Set<String> reports() {
        return Set.of("version", "config", "summary", "devs", "devdetails", "pools", "stats", "temps", "fans",
                "tunerstatus");
    }

    @Override
    int reportCode(String command) {
        return switch (command) {
            case "temps" -> 201;
            case "fans" -> 202;
            case "devdetails" -> 69;
            case "tunerstatus" -> 203;
            default -> throw new IllegalArgumentException(command);
        };
    }

    @Override
    String reportMessage(String command, SimulatedMiner miner) {
        return switch (command) {
            case "temps" -> miner.model().boards() + " Temp(s)";
            case "fans" -> miner.model().fans() + " Fan(s)";
            case "devdetails" -> "Device Details";
            case "tunerstatus" -> "Tuner Status";
            default -> throw new IllegalArgumentException(command);
        };
    }

    @Override
    void writeReport(String command, SimulatedMiner miner, MinerSnapshot s, JsonReply out) {
        double factor;
        BraiinsRestApi.State state = rest.state(miner);
        synchronized (state) {
            factor = (double) state.powerTargetWatts / miner.model().nominalWatts();
        }
        switch (command) {
            case "version" -> out.array("VERSION").object().str("BOSminer", BOSMINER).str("API", "3.7")
                    .str("Type", miner.model().displayName() + " (Braiins OS " + BraiinsRestApi.VERSION + ")").end()
                    .end();
            case "config" -> config(miner, out, "");
            case "devdetails" -> {
                out.array("DEVDETAILS");
                for (int b = 0; b < miner.model().boards(); b++) {
                    out.object().num("DEVDETAILS", b).str("Name", "Hashboard").num("ID", b + 1)
                            .str("Driver", "bosminer")
                            .num("Chips", CHIPS_PER_BOARD).num("Frequency", 650.0, 2).num("Voltage", 13.5, 2).end();
                }
                out.end();
            }
            case "tunerstatus" -> {
                long target;
                synchronized (state) {
                    target = state.powerTargetWatts;
                }
                out.array("TUNERSTATUS").object().num("PowerLimit", target)
                        .num("ApproximateMinerPowerConsumption", Math.round(s.powerW() * factor))
                        .num("DynamicPowerScaling", 0).array("TunerChainStatus");
                for (int b = 0; b < miner.model().boards(); b++) {
                    out.object().num("HashchainIndex", b).str("Status", "Stable")
                            .num("PowerLimit", target / miner.model().boards()).end();
                }
                out.end().end().end();
            }
            case "summary" -> {
                double now = s.totalThs() * factor * MHS_PER_THS;
                out.array("SUMMARY").object().num("Elapsed", s.elapsedSeconds()).num("MHS 5s", now, 2)
                        .num("MHS 1m", now, 2).num("MHS 15m", now, 2)
                        .numOrNan("MHS av", s.averageThs() * factor * MHS_PER_THS, 2);
                shareCounters(s, out);
                out.end().end();
            }
            case "devs" -> {
                out.array("DEVS");
                for (int b = 0; b < s.boardThs().length; b++) {
                    double mhs = s.boardThs()[b] * factor * MHS_PER_THS;
                    out.object().num("ASC", b).str("Name", "").num("ID", b + 1)
                            .str("Enabled", s.boardEnabled()[b] ? "Y" : "N").str("Status", "Alive")
                            .num("MHS 5s", mhs, 2).num("MHS 1m", mhs, 2).num("MHS av", mhs, 2)
                            .num("Accepted", s.accepted() / s.boardThs().length)
                            .num("Rejected", s.rejected() / s.boardThs().length)
                            .num("Hardware Errors", s.hardwareErrors() / s.boardThs().length).end();
                }
                out.end();
            }
            case "pools" -> pools(miner, s, out);
            case "stats" -> out.array("STATS").object().num("STATS", 0).str("ID", "BOSMINER0")
                    .num("Elapsed", s.elapsedSeconds()).num("Calls", 0).num("Wait", 0.0, 6).num("Max", 0.0, 6)
                    .num("Min", 99999999.0, 6).end().end();
            case "temps" -> {
                out.array("TEMPS");
                for (int b = 0; b < s.boardTempC().length; b++) {
                    out.object().num("TEMP", b).num("ID", b + 1).num("Board", s.boardTempC()[b], 3)
                            .num("Chip", s.chipTempC()[b], 3).end();
                }
                out.end();
            }
            case "fans" -> {
                out.array("FANS");
                for (int f = 0; f < s.fanRpm().length; f++) {
                    out.object().num("FAN", f).num("ID", f).num("RPM", s.fanRpm()[f])
                            .num("Speed", s.mining() ? 70 : 20).end();
                }
                out.end();
            }
            default -> throw new IllegalArgumentException(command);
        }
    }
}
