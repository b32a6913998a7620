package org.hashgrid.benchmarks.driverpoll;

import java.io.IOException;
import java.time.Duration;

import org.hashgrid.driver.MinerDriver;
import org.hashgrid.driver.antminer.AntminerDriver;
import org.hashgrid.driver.antminer.internal.AntminerSettings;
import org.hashgrid.driver.braiins.BraiinsDriver;
import org.hashgrid.driver.cgminer.CgminerDriver;
import org.hashgrid.driver.cgminer.internal.CgminerSettings;
import org.hashgrid.driver.luxos.LuxosDriver;
import org.hashgrid.driver.whatsminer.WhatsminerDriver;
import org.hashgrid.driver.whatsminer.internal.WhatsminerSettings;

/**
 * The five driver bundles' drivers with their default settings, wired as the platform wires them:
 * one CGMiner driver, whose reads and RPC exchange the firmware drivers share.
 */
final class Drivers implements AutoCloseable {

    final CgminerDriver cgminer;
    final AntminerDriver antminer;
    final WhatsminerDriver whatsminer;
    final LuxosDriver luxos;
    final BraiinsDriver braiins;

    Drivers() throws IOException {
        cgminer = new CgminerDriver(CgminerSettings.DEFAULTS);
        antminer = new AntminerDriver(cgminer, AntminerSettings.DEFAULTS);
        whatsminer = new WhatsminerDriver(cgminer, cgminer, WhatsminerSettings.DEFAULTS);
        luxos = new LuxosDriver(cgminer, cgminer, false);
        braiins = new BraiinsDriver(cgminer, Duration.ofSeconds(3));
    }

    /** @return the driver an operator assigns to a simulated model */
    MinerDriver of(String model) {
        return switch (model) {
            case "CGMINER_ASIC", "AVALON_1246" -> cgminer;
            case "ANTMINER_S9", "ANTMINER_S19_PRO", "ANTMINER_S19J_PRO", "ANTMINER_S21" -> antminer;
            case "WHATSMINER_M30S", "WHATSMINER_M60S" -> whatsminer;
            case "ANTMINER_S19_LUXOS" -> luxos;
            case "ANTMINER_S19_BRAIINS" -> braiins;
            default -> throw new IllegalArgumentException("no driver for " + model);
        };
    }

    @Override
    public void close() {
        braiins.close();
        whatsminer.close();
        antminer.close();
        cgminer.close();
    }
}
