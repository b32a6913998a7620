package org.hashgrid.tools.simulator;

/** A miner the simulator can impersonate, with its nominal figures and firmware dialect. */
public enum MinerModel {
    ANTMINER_S9("Antminer S9", Dialect.BITMAIN_LEGACY, 13.5, 1323, 3, 2),
    ANTMINER_S19_PRO("Antminer S19 Pro", Dialect.BITMAIN, 110, 3250, 3, 4),
    ANTMINER_S19J_PRO("Antminer S19j Pro", Dialect.BITMAIN, 100, 3050, 3, 4),
    ANTMINER_S21("Antminer S21", Dialect.BITMAIN, 200, 3500, 3, 4),
    WHATSMINER_M30S("M30S", Dialect.WHATSMINER, 88, 3344, 3, 2),
    WHATSMINER_M60S("M60S", Dialect.WHATSMINER_V3, 172, 3422, 3, 2),
    AVALON_1246("AvalonMiner 1246", Dialect.AVALON, 90, 3420, 3, 4),
    /** A generic ASIC running stock cgminer, which names no model and reports no fans or power. */
    CGMINER_ASIC("cgminer ASIC", Dialect.CGMINER, 14, 1400, 4, 0),
    /** An Antminer S19 running LuxOS. */
    ANTMINER_S19_LUXOS("Antminer S19", Dialect.LUXOS, 95, 3250, 3, 4),
    /** An Antminer S19 running Braiins OS 25.07. */
    ANTMINER_S19_BRAIINS("Antminer S19", Dialect.BRAIINS, 95, 3250, 3, 4);

    private final String displayName;
    private final Dialect dialect;
    private final double nominalThs;
    private final int nominalWatts;
    private final int boards;
    private final int fans;

    MinerModel(String displayName, Dialect dialect, double nominalThs, int nominalWatts, int boards, int fans) {
        this.displayName = displayName;
        this.dialect = dialect;
        this.nominalThs = nominalThs;
        this.nominalWatts = nominalWatts;
        this.boards = boards;
        this.fans = fans;
    }

    /** @return the name the firmware reports, e.g. {@code Antminer S19 Pro} */
    public String displayName() {
        return displayName;
    }

    public Dialect dialect() {
        return dialect;
    }

    public double nominalThs() {
        return nominalThs;
    }

    public int nominalWatts() {
        return nominalWatts;
    }

    /** @return hashboards, which are the ASC devices of stock cgminer */
    public int boards() {
        return boards;
    }

    public int fans() {
        return fans;
    }
}
