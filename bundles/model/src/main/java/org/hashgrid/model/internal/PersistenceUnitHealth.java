package org.hashgrid.model.internal;

import java.util.Map;

import javax.persistence.EntityManagerFactory;

import org.hashgrid.core.HealthCheck;
import org.hashgrid.core.HealthContributor;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Reports the persistence unit {@code hashgrid} as up while Aries JPA serves it; the component
 * exists only then, so health says "not available" whenever the unit is down.
 */
@Component(service = HealthContributor.class)
public class PersistenceUnitHealth implements HealthContributor {
    private final EntityManagerFactory unit;

    @Activate
    public PersistenceUnitHealth(@Reference(target = "(osgi.unit.name=hashgrid)") EntityManagerFactory unit) {
        this.unit = unit;
    }

    @Override
    public String name() {
        return "persistence_unit";
    }

    @Override
    public HealthCheck check() {
        return unit.isOpen() ? HealthCheck.up(Map.of("name", "hashgrid")) : HealthCheck.down("closed");
    }
}
