package org.hashgrid.hosting.internal;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.hashgrid.driver.MinerDriver;
import org.hashgrid.hosting.MinerDrivers;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The miner drivers present now, by id. Drivers come and go with their bundles; callers look a
 * driver up at the moment they need it, and a miner whose driver is absent is reported, not
 * crashed on.
 */
@Component(service = { DriverRegistry.class, MinerDrivers.class })
public class DriverRegistry implements MinerDrivers {
    private final Map<String, MinerDriver> drivers = new ConcurrentHashMap<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addDriver(MinerDriver driver, Map<String, Object> properties) {
        drivers.put(idOf(driver, properties), driver);
    }

    void removeDriver(MinerDriver driver, Map<String, Object> properties) {
        drivers.remove(idOf(driver, properties), driver);
    }

    @Override
    public Optional<MinerDriver> driver(String id) {
        return Optional.ofNullable(drivers.get(id));
    }

    @Override
    public Collection<MinerDriver> all() {
        return new TreeMap<>(drivers).values();
    }

    private static String idOf(MinerDriver driver, Map<String, Object> properties) {
        Object id = properties.get(MinerDriver.DRIVER_ID_PROPERTY);
        return id instanceof String text && !text.isBlank() ? text : driver.id();
    }
}
