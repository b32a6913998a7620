package org.hashgrid.driver.cgminer.internal;

import static org.hashgrid.driver.DriverCapability.PROBE;
import static org.hashgrid.driver.DriverCapability.READ;
import static org.hashgrid.driver.DriverCapability.RESTART;
import static org.hashgrid.driver.DriverCapability.START;
import static org.hashgrid.driver.DriverCapability.STOP;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.hashgrid.driver.DriverCapability;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The firmware families that speak the CGMiner API, as far as this driver tells them apart, with
 * what each lets the driver do over that API and the commands a read of each needs: {@link #live()}
 * answers change every poll, {@link #identity()} answers (version, devdetails, config) only when
 * the firmware restarts or is replaced, so they are asked on a cold read and cached.
 */
enum FirmwareFamily {
    CGMINER("cgminer", EnumSet.of(READ, PROBE, STOP, START, RESTART), "",
            List.of("summary", "devs", "pools", "stats"), List.of("version", "devdetails")),
    /** Canaan: devs is one placeholder ASC; everything is in the stats MM ID strings. */
    AVALON("Avalon", EnumSet.of(READ, PROBE, STOP, START, RESTART), "", List.of("summary", "pools", "stats"),
            List.of("version")),
    /**
     * bmminer: stats[1] carries hashrate, uptime and every board; pools carries the share counts
     * (cgminer counts each share in its pool and in the totals together), so a warm read needs
     * no summary. stats[0] repeats version's Type and CompileTime.
     */
    BITMAIN("Bitmain stock", EnumSet.of(READ, PROBE),
            "Bitmain bmminer stops, starts and restarts only through its web interface",
            List.of("stats", "pools"), List.of("summary")),
    /** VNish keeps bmminer's CGMiner API (its Type carries a "(vnish x.y.z)" suffix). */
    VNISH("VNish", EnumSet.of(READ, PROBE), "VNish takes commands only through its own web API",
            List.of("stats", "pools"), List.of("summary")),
    WHATSMINER("Whatsminer", EnumSet.of(READ, PROBE),
            "Whatsminer btminer takes commands only through its encrypted API, which needs the admin password",
            List.of("summary", "devs", "pools"), List.of("devdetails")),
    BRAIINS("Braiins OS", EnumSet.of(READ, PROBE),
            "Braiins OS pause and resume are the Braiins driver's (hashgrid.driver=braiins)",
            List.of("summary", "devs", "pools", "temps", "fans", "tunerstatus"), List.of("version", "devdetails")),
    LUXOS("LuxOS", EnumSet.of(READ, PROBE),
            "LuxOS takes commands only within a logon session, which is the LuxOS driver's (hashgrid.driver=luxos)",
            List.of("summary", "stats", "pools", "power", "fans"), List.of("version", "config")),
    UNKNOWN(null, EnumSet.of(READ, PROBE), "the firmware is not recognised, so the driver sends it no command",
            List.of("summary", "devs", "pools", "stats"), List.of("version", "devdetails"));

    /** What a cold read asks first, before the family is known. */
    static final List<String> FIRST_READ = List.of("summary", "devs", "pools", "stats", "version", "devdetails");

    private final Optional<String> displayName;
    private final Set<DriverCapability> capabilities;
    private final String whyNoControl;
    private final List<String> live;
    private final List<String> identity;

    FirmwareFamily(String displayName, Set<DriverCapability> capabilities, String whyNoControl, List<String> live,
            List<String> identity) {
        this.displayName = Optional.ofNullable(displayName);
        this.capabilities = Collections.unmodifiableSet(capabilities);
        this.whyNoControl = whyNoControl;
        this.live = live;
        this.identity = identity;
    }

    /** @return the firmware's name for {@code MinerReading.firmwareName}, absent when unknown */
    Optional<String> displayName() {
        return displayName;
    }

    Set<DriverCapability> capabilities() {
        return capabilities;
    }

    /** @return why commands beyond reading are not available, for an UNSUPPORTED message */
    String whyNoControl() {
        return whyNoControl;
    }

    /** @return the commands a warm read asks: the answers that change every poll */
    List<String> live() {
        return live;
    }

    /** @return the commands whose answers are cached between cold reads */
    List<String> identity() {
        return identity;
    }

    /** @return every command a cold read of this family asks, live first */
    List<String> cold() {
        Set<String> all = new LinkedHashSet<>(live);
        all.addAll(identity);
        return List.copyOf(all);
    }

    /** Recognises the family from STATUS descriptions and the identity keys of version and stats records. */
    static FirmwareFamily detect(Collection<CommandReply> replies) {
        StringBuilder identity = new StringBuilder();
        boolean avalonStats = false;
        for (CommandReply reply : replies) {
            identity.append(reply.status().description()).append(' ');
            for (String section : new String[] { "VERSION", "STATS", "DEVDETAILS" }) {
                for (JsonNode record : reply.records(section)) {
                    for (Iterator<String> names = record.fieldNames(); names.hasNext();) {
                        String name = names.next();
                        avalonStats |= name.startsWith("MM ID");
                        identity.append(name).append(' ');
                    }
                    for (String key : new String[] { "Type", "PROD", "Driver" }) {
                        Numbers.text(record, key).ifPresent(value -> identity.append(value).append(' '));
                    }
                }
            }
        }
        String text = identity.toString().toLowerCase(Locale.ROOT);
        // custom firmwares keep Bitmain's Type ("Antminer S19 Pro (vnish 3.8.6)"): look for them first
        if (text.contains("vnish")) {
            return VNISH;
        }
        if (text.contains("luxminer")) {
            return LUXOS;
        }
        if (text.contains("bosminer") || text.contains("boser") || text.contains("braiins")) {
            return BRAIINS;
        }
        if (text.contains("btminer") || text.contains("whatsminer") || text.contains("bitmicro")) {
            return WHATSMINER;
        }
        if (text.contains("bmminer") || text.contains("antminer")) {
            return BITMAIN;
        }
        if (avalonStats || text.contains("avalon")) {
            return AVALON;
        }
        return text.contains("cgminer") ? CGMINER : UNKNOWN;
    }
}
