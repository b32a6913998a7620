package org.hashgrid.driver;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a miner told about itself when probed.
 *
 * @param driverId     the id of the driver that recognised it
 * @param model        the model, e.g. {@code Antminer S19 Pro}, when the firmware names it
 * @param firmware     the firmware or mining software and its version, when told
 * @param serialNumber the miner's serial number, when the firmware reports one
 * @param capabilities what this miner supports through this driver (a subset of the driver's)
 */
public record ProbeResult(String driverId, Optional<String> model, Optional<String> firmware,
        Optional<String> serialNumber, Set<DriverCapability> capabilities) {

    public ProbeResult {
        Objects.requireNonNull(driverId, "driverId");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(firmware, "firmware");
        Objects.requireNonNull(serialNumber, "serialNumber");
        capabilities = capabilities.isEmpty() ? Set.of() : Collections.unmodifiableSet(EnumSet.copyOf(capabilities));
    }
}
