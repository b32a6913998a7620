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
import java.util.Locale;
import java.util.Set;

import org.hashgrid.driver.DriverCapability;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The firmware families that speak the CGMiner API, as far as this driver tells them apart, with
 * what each lets the driver do over that API.
 */
enum FirmwareFamily {
    CGMINER(EnumSet.of(READ, PROBE, STOP, START, RESTART), ""),
    AVALON(EnumSet.of(READ, PROBE, STOP, START, RESTART), ""),
    BITMAIN(EnumSet.of(READ, PROBE), "Bitmain bmminer stops, starts and restarts only through its web interface"),
    WHATSMINER(EnumSet.of(READ, PROBE),
            "Whatsminer btminer takes commands only through its encrypted API, which needs the admin password"),
    BRAIINS(EnumSet.of(READ, PROBE), "Braiins OS pause and resume are not implemented by this driver"),
    LUXOS(EnumSet.of(READ, PROBE), "LuxOS takes commands only within a logon session, which this driver does not open"),
    UNKNOWN(EnumSet.of(READ, PROBE), "the firmware is not recognised, so the driver sends it no command");

    private final Set<DriverCapability> capabilities;
    private final String whyNoControl;

    FirmwareFamily(Set<DriverCapability> capabilities, String whyNoControl) {
        this.capabilities = Collections.unmodifiableSet(capabilities);
        this.whyNoControl = whyNoControl;
    }

    Set<DriverCapability> capabilities() {
        return capabilities;
    }

    /** @return why commands beyond reading are not available, for an UNSUPPORTED message */
    String whyNoControl() {
        return whyNoControl;
    }

    /**
     * @return whether a conversation held one command at a time needs this command: bmminer keeps
     *         nothing useful in devs and devdetails, and its stats already carry what version tells
     */
    boolean needs(String command) {
        return this != BITMAIN
                || !(command.equals("devs") || command.equals("devdetails") || command.equals("version"));
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
        if (text.contains("bmminer") || text.contains("antminer")) {
            return BITMAIN;
        }
        if (text.contains("btminer") || text.contains("whatsminer") || text.contains("bitmicro")) {
            return WHATSMINER;
        }
        if (text.contains("bosminer") || text.contains("boser") || text.contains("braiins")) {
            return BRAIINS;
        }
        if (text.contains("luxminer")) {
            return LUXOS;
        }
        if (avalonStats || text.contains("avalon")) {
            return AVALON;
        }
        return text.contains("cgminer") ? CGMINER : UNKNOWN;
    }
}
