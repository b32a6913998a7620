package org.hashgrid.tools.simulator;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntPredicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Luxor's LUXminer (LuxOS) on an Antminer, on the cgminer port: bmminer-shaped reads in GH/s with
 * a {@code version} that spoofs the stock fields and adds {@code LUXminer}; {@code config} with the
 * curtail mode, PSU state, profile and ATM; {@code power}, {@code profiles} and {@code session}.
 * Writes carry the session id as their first parameter: one session at a time ({@code logon} →
 * Code 316, or 402 while another is active), dropped after a minute without use (per miner
 * settable, {@link SimulatedMiner#setSessionTimeout}). Sleep ({@code curtail <sid>,sleep}) turns
 * the boards and the PSU off and survives {@code resetminer} and {@code rebootdevice}; board
 * {@code reboot}, {@code frequencyset} and {@code profileset} are refused while asleep.
 *
 * <p>Codes 305, 316, 319, 321, 335, 340 and 402 and the section shapes follow Luxor's API
 * documentation; the codes and messages of logoff, rebootdevice, resetminer, power, profiles and
 * of the refusals are not documented in the sources read and are this simulator's own.
 */
final class LuxosFirmware extends Firmware {

    static final String VERSION = "2024.7.1.175613-5ed2b8e0";
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(60);
    static final int SESSION_CREATED = 316;
    static final int ANOTHER_SESSION_ACTIVE = 402;
    static final int INVALID_SESSION = 401;
    static final int REFUSED_ASLEEP = 404;

    private static final double GHS_PER_THS = 1000;
    private static final double IDLE_WATTS = 25;
    /** Profiles are steps of 25 MHz around the default 525 MHz, each worth 4.5 % power and 4 % hashrate. */
    private static final int LOWEST_STEP = -8;
    private static final int HIGHEST_STEP = 2;
    private static final int DEFAULT_MHZ = 525;
    private static final int MHZ_PER_STEP = 25;
    private static final double POWER_PER_STEP = 0.045;
    private static final double HASHRATE_PER_STEP = 0.04;
    private static final Pattern WATTS = Pattern.compile("(\\d+(?:\\.\\d+)?)(W|kW)");
    private static final Pattern TERAHASH = Pattern.compile("(\\d+(?:\\.\\d+)?)THs");
    private static final Pattern RELATIVE = Pattern.compile("[+-]\\d+");
    private static final String SESSION_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /** What LUXminer keeps per miner beside the boards' state. */
    private static final class State {
        String sessionId = "";
        long lastUsedNanos;
        boolean curtailed;
        int step;
        boolean atmEnabled = true;
    }

    private final Map<SimulatedMiner, State> states = new ConcurrentHashMap<>();

    @Override
    String description() {
        return "LUXminer " + VERSION;
    }

    @Override
    Set<String> reports() {
        return Set.of("version", "config", "summary", "devs", "pools", "stats", "power", "fans", "profiles",
                "session");
    }

    @Override
    Set<String> controls() {
        return Set.of("logon", "logoff", "curtail", "rebootdevice", "resetminer", "profileset", "atmset", "reboot",
                "frequencyset");
    }

    @Override
    int reportCode(String command) {
        return switch (command) {
            case "power" -> 346;
            case "fans" -> 202;
            case "profiles" -> 323;
            case "session" -> 319;
            default -> throw new IllegalArgumentException(command);
        };
    }

    @Override
    String reportMessage(String command, SimulatedMiner miner) {
        return switch (command) {
            case "power" -> "Power";
            case "fans" -> miner.model().fans() + " Fan(s)";
            case "profiles" -> "Profiles";
            case "session" -> "Session information";
            default -> throw new IllegalArgumentException(command);
        };
    }

    @Override
    void writeReport(String command, SimulatedMiner miner, MinerSnapshot s, JsonReply out) {
        State state = state(miner);
        int step;
        boolean curtailed;
        boolean atm;
        String session;
        synchronized (state) {
            settle(state, miner);
            step = state.step;
            curtailed = state.curtailed;
            atm = state.atmEnabled;
            session = state.sessionId;
        }
        double hashFactor = 1 + HASHRATE_PER_STEP * step;
        switch (command) {
            case "version" -> out.array("VERSION").object().str("LUXminer", VERSION).str("API", "3.7")
                    .str("Type", miner.model().displayName()).str("Miner", VERSION).end().end();
            case "config" -> out.array("CONFIG").object().num("ASC Count", miner.model().boards())
                    .num("PGA Count", 0).num("Pool Count", 2).str("Strategy", "Failover").num("Log Interval", 5)
                    .str("Device Code", "").str("OS", "Linux").str("Hotplug", "None")
                    .str("CurtailMode", curtailed ? "Sleep" : "None").bool("IsPowerSupplyOn", !miner.isAsleep())
                    .str("Profile", profileName(step)).bool("IsAtmEnabled", atm)
                    .str("MACAddr", String.format("02:4C:58:%02X:%02X:%02X", miner.index() >> 16 & 0xff,
                            miner.index() >> 8 & 0xff, miner.index() & 0xff))
                    .str("Hostname", "luxos-" + miner.index())
                    .str("SerialNumber", String.format("LUX%08d", miner.index())).str("RedLed", "off").end().end();
            case "summary" -> summary(s, hashFactor, out);
            case "devs" -> devs(s, hashFactor, out);
            case "pools" -> pools(miner, s, out);
            case "stats" -> stats(miner, s, hashFactor, out);
            case "power" -> out.array("POWER").object().num("Watts", Math.round(watts(miner, s, step))).end().end();
            case "fans" -> {
                out.array("FANS");
                for (int f = 0; f < s.fanRpm().length; f++) {
                    out.object().num("ID", f).num("RPM", s.fanRpm()[f]).num("Speed", s.mining() ? 70 : 20).end();
                }
                out.end();
            }
            case "profiles" -> profiles(miner, out);
            case "session" -> out.array("SESSION").object().str("SessionID", session).end().end();
            default -> throw new IllegalArgumentException(command);
        }
    }

    @Override
    Control control(String command, String parameter, SimulatedMiner miner) {
        State state = state(miner);
        synchronized (state) {
            settle(state, miner);
            if (command.equals("logon")) {
                if (!state.sessionId.isEmpty()) {
                    return new Control("E", ANOTHER_SESSION_ACTIVE, "Another session is active");
                }
                state.sessionId = newSessionId();
                state.lastUsedNanos = System.nanoTime();
                String id = state.sessionId;
                return new Control("S", SESSION_CREATED, "Session created",
                        out -> out.array("SESSION").object().str("SessionID", id).end().end());
            }
            String[] args = parameter.split(",", -1);
            String id = args[0].trim();
            if (id.isEmpty()) {
                return new Control("E", INVALID_SESSION, "Missing session id");
            }
            if (!id.equals(state.sessionId)) {
                return new Control("E", INVALID_SESSION, "Invalid session id");
            }
            state.lastUsedNanos = System.nanoTime();
            return switch (command) {
                case "logoff" -> {
                    state.sessionId = "";
                    yield new Control("S", 317, "Session closed");
                }
                case "curtail" -> curtail(args, state, miner);
                case "rebootdevice" -> {
                    restart(state, miner);
                    yield new Control("S", 0, "Rebooting device");
                }
                case "resetminer" -> {
                    restart(state, miner);
                    yield new Control("S", 0, "Resetting miner");
                }
                case "profileset" -> profileset(args, state, miner);
                case "atmset" -> atmset(args, state);
                case "reboot" -> rebootBoard(args, state, miner);
                case "frequencyset" -> state.curtailed
                        ? new Control("E", REFUSED_ASLEEP, "Cannot set frequency while in sleep mode")
                        : new Control("S", 0, "Frequency set");
                default -> throw new IllegalArgumentException(command);
            };
        }
    }

    private State state(SimulatedMiner miner) {
        return states.computeIfAbsent(miner, m -> new State());
    }

    /**
     * Drops the session once it has been idle for longer than the timeout, and leaves curtail mode
     * when the boards woke (a {@link ControlQuirk#WAKES_ITSELF} miner, or a test waking it); a
     * {@link ControlQuirk#IGNORES_SLEEP} miner claims to sleep while it hashes.
     */
    private static void settle(State state, SimulatedMiner miner) {
        if (!state.sessionId.isEmpty()
                && System.nanoTime() - state.lastUsedNanos > miner.sessionTimeoutOr(SESSION_TIMEOUT).toNanos()) {
            state.sessionId = "";
        }
        if (state.curtailed && !miner.isAsleep() && !miner.controlQuirks().contains(ControlQuirk.IGNORES_SLEEP)) {
            state.curtailed = false;
        }
    }

    private static String newSessionId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        StringBuilder id = new StringBuilder(8);
        for (int i = 0; i < 8; i++) {
            id.append(SESSION_ALPHABET.charAt(random.nextInt(SESSION_ALPHABET.length())));
        }
        return id.toString();
    }

    private static Control curtail(String[] args, State state, SimulatedMiner miner) {
        String action = args.length > 1 ? args[1].trim() : "";
        return switch (action) {
            case "sleep" -> {
                state.curtailed = true;
                miner.sleep(true);
                yield new Control("S", 335, "Curtailment command sent",
                        out -> out.array("CURTAIL").object().str("Action", "sleep mode").end().end());
            }
            case "wakeup" -> {
                state.curtailed = false;
                miner.sleep(false);
                yield new Control("S", 335, "Curtailment command sent",
                        out -> out.array("CURTAIL").object().str("Action", "wake up").end().end());
            }
            default -> new Control("E", 336, "Invalid curtail action '" + action + "'");
        };
    }

    /** The mining process or the controller restarts: sessions are gone, sleep stays. */
    private static void restart(State state, SimulatedMiner miner) {
        state.sessionId = "";
        miner.restart();
        if (state.curtailed) {
            miner.sleep(true);
        }
    }

    private static Control profileset(String[] args, State state, SimulatedMiner miner) {
        if (state.curtailed) {
            return new Control("E", REFUSED_ASLEEP, "Cannot change profile while in sleep mode");
        }
        String selector = args.length > 1 ? args[1].trim() : "";
        Integer step = select(selector, state.step, miner.model());
        if (step == null) {
            return new Control("E", 322, "Invalid profile '" + selector + "'");
        }
        state.step = step;
        String name = profileName(step);
        int boards = miner.model().boards();
        return new Control("S", 321, "Profile Set", out -> {
            out.array("PROFILE");
            for (int board = 0; board < boards; board++) {
                out.object().num("Board", board).num("FrequencyStep", step).str("Profile", name)
                        .num("VoltageStep", step).end();
            }
            out.end();
        });
    }

    /**
     * @return the step a profile selector names: a profile name, {@code <N>W} or {@code <N>kW} (the
     *         highest profile drawing at most that), {@code <N>THs} (the highest hashing at most that)
     *         or a relative {@code +N}/{@code -N}; {@code null} if none matches
     */
    private static Integer select(String selector, int current, MinerModel model) {
        Matcher watts = WATTS.matcher(selector);
        Matcher terahash = TERAHASH.matcher(selector);
        if (watts.matches()) {
            double limit = Double.parseDouble(watts.group(1)) * (watts.group(2).equals("kW") ? 1000 : 1);
            return highest(step -> profileWatts(model, step) <= limit);
        }
        if (terahash.matches()) {
            double limit = Double.parseDouble(terahash.group(1));
            return highest(step -> profileThs(model, step) <= limit);
        }
        if (RELATIVE.matcher(selector).matches()) {
            int step = current + Integer.parseInt(selector);
            return step >= LOWEST_STEP && step <= HIGHEST_STEP ? step : null;
        }
        return highest(step -> profileName(step).equals(selector));
    }

    private static Integer highest(IntPredicate accepts) {
        for (int step = HIGHEST_STEP; step >= LOWEST_STEP; step--) {
            if (accepts.test(step)) {
                return step;
            }
        }
        return null;
    }

    private static Control atmset(String[] args, State state) {
        for (int i = 1; i < args.length; i++) {
            String[] pair = args[i].split("=", 2);
            if (pair.length != 2) {
                return new Control("E", 341, "Invalid ATM parameter '" + args[i] + "'");
            }
            String key = pair[0].trim().toLowerCase(Locale.ROOT);
            if (key.equals("enabled")) {
                state.atmEnabled = Boolean.parseBoolean(pair[1].trim());
            } else if (!Set.of("startup_minutes", "post_ramp_minutes", "temp_window", "min_profile", "max_profile",
                    "prevent_oc").contains(key)) {
                return new Control("E", 341, "Invalid ATM parameter '" + pair[0] + "'");
            }
        }
        return new Control("S", 340, "Advanced Thermal Management configuration updated");
    }

    private static Control rebootBoard(String[] args, State state, SimulatedMiner miner) {
        if (state.curtailed) {
            return new Control("E", REFUSED_ASLEEP, "Cannot reboot board while in sleep mode");
        }
        int board = args.length > 1 ? deviceId(args[1]) : -1;
        if (board < 0 || board >= miner.model().boards()) {
            return new Control("E", 306, "Invalid board");
        }
        boolean shutdown = args.length > 2 && deviceId(args[2]) <= 0 && !args[2].isBlank();
        miner.setBoardEnabled(board, !shutdown);
        return new Control("S", 305, "Reboot Scheduled", out -> out.array("REBOOT").object().num("Board", board)
                .bool("IsShutdown", shutdown).end().end());
    }

    static String profileName(int step) {
        return step == 0 ? "default" : (DEFAULT_MHZ + MHZ_PER_STEP * step) + "MHz";
    }

    static long profileWatts(MinerModel model, int step) {
        return Math.round(model.nominalWatts() * (1 + POWER_PER_STEP * step));
    }

    private static double profileThs(MinerModel model, int step) {
        return model.nominalThs() * (1 + HASHRATE_PER_STEP * step);
    }

    private static double watts(SimulatedMiner miner, MinerSnapshot s, int step) {
        if (!s.mining()) {
            return s.powerW();
        }
        return IDLE_WATTS
                + (s.powerW() - IDLE_WATTS) * profileWatts(miner.model(), step) / miner.model().nominalWatts();
    }

    private static void profiles(SimulatedMiner miner, JsonReply out) {
        out.array("PROFILES");
        for (int step = LOWEST_STEP; step <= HIGHEST_STEP; step++) {
            out.object().str("Profile Name", profileName(step)).num("Frequency", DEFAULT_MHZ + MHZ_PER_STEP * step)
                    .num("Hashrate", profileThs(miner.model(), step), 2)
                    .num("Watts", profileWatts(miner.model(), step)).num("Voltage", 13.6 + 0.1 * step, 2)
                    .num("Step", step).bool("IsTuned", true).end();
        }
        out.end();
    }

    private static void summary(MinerSnapshot s, double hashFactor, JsonReply out) {
        out.array("SUMMARY").object().num("Elapsed", s.elapsedSeconds())
                .num("GHS 5s", s.totalThs() * hashFactor * GHS_PER_THS, 2)
                .numOrNan("GHS av", s.averageThs() * hashFactor * GHS_PER_THS, 2)
                .num("GHS 30m", s.averageThs() * hashFactor * GHS_PER_THS, 2);
        shareCounters(s, out);
        out.end().end();
    }

    private static void devs(MinerSnapshot s, double hashFactor, JsonReply out) {
        out.array("DEVS");
        for (int b = 0; b < s.boardThs().length; b++) {
            double ghs = s.boardThs()[b] * hashFactor * GHS_PER_THS;
            out.object().num("ASC", b).str("Name", "BTM_SOC").num("ID", b)
                    .str("Enabled", s.boardEnabled()[b] ? "Y" : "N").str("Status", "Alive")
                    .num("Temperature", s.boardTempC()[b], 1).num("GHS 5s", ghs, 2).num("GHS av", ghs, 2)
                    .num("Accepted", s.accepted() / s.boardThs().length)
                    .num("Rejected", s.rejected() / s.boardThs().length)
                    .num("Hardware Errors", s.hardwareErrors() / s.boardThs().length).end();
        }
        out.end();
    }

    private static void stats(SimulatedMiner miner, MinerSnapshot s, double hashFactor, JsonReply out) {
        out.array("STATS").object().str("LUXminer", VERSION).str("Type", miner.model().displayName()).end().object()
                .num("STATS", 0).str("ID", "BTM_SOC0").num("Elapsed", s.elapsedSeconds())
                .num("GHS 5s", s.totalThs() * hashFactor * GHS_PER_THS, 2)
                .num("GHS av", s.averageThs() * hashFactor * GHS_PER_THS, 2).num("fan_num", s.fanRpm().length);
        for (int f = 0; f < s.fanRpm().length; f++) {
            out.num("fan" + (f + 1), s.fanRpm()[f]);
        }
        int boards = s.boardThs().length;
        out.num("temp_num", boards);
        for (int b = 0; b < boards; b++) {
            out.num("temp" + (b + 1), Math.round(s.boardTempC()[b]));
        }
        for (int b = 0; b < boards; b++) {
            out.num("temp2_" + (b + 1), Math.round(s.chipTempC()[b]));
        }
        out.num("total_rateideal", miner.model().nominalThs() * GHS_PER_THS, 2).end().end();
    }
}
