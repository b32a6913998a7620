package org.hashgrid.tools.simulator;

import java.util.Set;

/**
 * MicroBT btminer's cgminer-compatible reads: MH/s keys, power and fans in summary, one devs
 * record per hashboard and the model in devdetails. It knows neither version nor stats, and its
 * write commands need the encrypted API, which the simulator does not offer.
 */
final class WhatsminerFirmware extends Firmware {

    private static final double MHS_PER_THS = 1_000_000;

    @Override
    String description() {
        return "btminer";
    }

    @Override
    Set<String> reports() {
        return Set.of("summary", "devs", "edevs", "pools", "devdetails");
    }

    @Override
    void writeReport(String command, SimulatedMiner miner, MinerSnapshot s, JsonReply out) {
        switch (command) {
            case "summary" -> summary(miner, s, out);
            case "devs", "edevs" -> devs(miner, s, out);
            case "pools" -> pools(miner, s, out);
            case "devdetails" -> devdetails(miner, s, out);
            default -> throw new IllegalArgumentException(command);
        }
    }

    private static void summary(SimulatedMiner miner, MinerSnapshot s, JsonReply out) {
        double now = s.totalThs() * MHS_PER_THS;
        double chipMax = 0;
        double chipSum = 0;
        double boardSum = 0;
        for (int b = 0; b < s.chipTempC().length; b++) {
            chipMax = Math.max(chipMax, s.chipTempC()[b]);
            chipSum += s.chipTempC()[b];
            boardSum += s.boardTempC()[b];
        }
        int boards = s.boardThs().length;
        out.array("SUMMARY").object().num("Elapsed", s.elapsedSeconds())
                .numOrNan("MHS av", s.averageThs() * MHS_PER_THS, 2).num("MHS 5s", now, 2).num("MHS 1m", now, 2)
                .num("MHS 5m", now, 2).num("MHS 15m", now, 2).num("HS RT", now, 2);
        shareCounters(s, out);
        out.num("Total MH", s.averageThs() * MHS_PER_THS * s.elapsedSeconds(), 4)
                .num("Temperature", boardSum / boards, 2).num("freq_avg", 580)
                .num("Fan Speed In", s.fanRpm()[0]).num("Fan Speed Out", s.fanRpm()[1]).num("Voltage", 1260)
                .num("Power", Math.round(s.powerW())).num("Power_RT", Math.round(s.powerW()))
                .num("Power Rate", s.totalThs() == 0 ? 0 : s.powerW() / s.totalThs(), 2).num("Power Limit", 3600)
                .num("Uptime", s.elapsedSeconds() + 240).num("Chip Temp Min", chipSum / boards - 5, 2)
                .num("Chip Temp Max", chipMax, 2).num("Chip Temp Avg", chipSum / boards, 2)
                .num("Env Temp", 26.5, 2).num("Power Fanspeed", 6240).num("Error Code Count", 0)
                .num("Target MHS", miner.model().nominalThs() * MHS_PER_THS, 2)
                .num("Factory GHS", miner.model().nominalThs() * 1000, 0).str("Power Mode", "Normal")
                .singleQuotedVersion("Firmware Version", "20200917.22.REL")
                .str("btmineroff", s.mining() ? "false" : "true")
                .str("MAC", String.format("C4:0B:%02X:%02X:%02X:%02X", 0x11, (miner.index() >> 16) & 0xff,
                        (miner.index() >> 8) & 0xff, miner.index() & 0xff))
                .end().end();
    }

    private static void devs(SimulatedMiner miner, MinerSnapshot s, JsonReply out) {
        out.array("DEVS");
        for (int b = 0; b < s.boardThs().length; b++) {
            double mhs = s.boardThs()[b] * MHS_PER_THS;
            out.object().num("ASC", b).str("Name", "SM").num("ID", b).num("Slot", b).str("Enabled", "Y")
                    .str("Status", "Alive").num("Temperature", s.boardTempC()[b], 2).num("Chip Frequency", 580)
                    .num("Fan Speed In", s.fanRpm()[0]).num("Fan Speed Out", s.fanRpm()[1]).num("MHS av", mhs, 2)
                    .num("MHS 5s", mhs, 2).num("MHS 1m", mhs, 2).num("Accepted", s.accepted() / 3)
                    .num("Rejected", s.rejected() / 3).num("Hardware Errors", s.hardwareErrors() / 3)
                    .num("Device Elapsed", s.elapsedSeconds()).num("Upfreq Complete", 1).num("Effective Chips", 148)
                    .str("PCB SN", String.format("HEM1EK%05dA%d", miner.index(), b))
                    .num("Chip Temp Min", s.chipTempC()[b] - 6, 2).num("Chip Temp Max", s.chipTempC()[b], 2)
                    .num("Chip Temp Avg", s.chipTempC()[b] - 3, 2).end();
        }
        out.end();
    }

    private static void devdetails(SimulatedMiner miner, MinerSnapshot s, JsonReply out) {
        out.array("DEVDETAILS");
        for (int b = 0; b < s.boardThs().length; b++) {
            out.object().num("DEVDETAILS", b).str("Name", "SM").num("ID", b).str("Driver", "bitmicro").str("Kernel", "")
                    .str("Model", miner.model().displayName()).str("Device Path", "").end();
        }
        out.end();
    }
}
