package org.hashgrid.hosting.internal;

import java.math.BigDecimal;
import java.util.Set;

import org.hashgrid.core.FieldChanges;
import org.hashgrid.core.Page;
import org.hashgrid.core.PageRequest;
import org.hashgrid.core.ProblemException;
import org.hashgrid.core.Validation;
import org.hashgrid.hosting.NewSite;
import org.hashgrid.hosting.Site;
import org.hashgrid.model.HostingSite;
import org.hashgrid.model.persistence.Entities;
import org.hashgrid.model.persistence.Filter;
import org.hashgrid.model.persistence.Keyset;
import org.hashgrid.model.persistence.Transactions;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Hosting sites: CRUD with validation. */
@Component(service = SiteService.class)
public class SiteService {
    static final int NAME_MAX = 200;
    private static final Set<String> PATCHABLE = Set.of("name", "location", "capacity_mw");
    private static final Keyset<HostingSite> BY_ID = Keyset.of(HostingSite.class).ascending("id", HostingSite::getId);

    private final Transactions tx;
    private final InventoryHolds holds;

    @Activate
    public SiteService(@Reference Transactions tx, @Reference InventoryHolds holds) {
        this.tx = tx;
        this.holds = holds;
    }

    public Page<Site> list(PageRequest page) {
        return tx.call(em -> BY_ID.page(em, Filter.all(), page, Records::site));
    }

    public Site get(long id) {
        return tx.call(em -> Records.site(Entities.require(em, HostingSite.class, id, "Site")));
    }

    public Site create(NewSite in) {
        validate(new Validation().required("name", in.name()).required("capacity_mw", in.capacityMw()),
                in.name(), in.location(), in.capacityMw());
        return tx.call(em -> {
            HostingSite site = new HostingSite(in.name().strip(), in.location(), in.capacityMw());
            em.persist(site);
            em.flush();
            return Records.site(site);
        });
    }

    public Site update(long id, FieldChanges changes) {
        return tx.call(em -> {
            HostingSite site = Entities.require(em, HostingSite.class, id, "Site");
            changes.allowOnly(PATCHABLE)
                    .apply("name", String.class, site::setName)
                    .apply("location", String.class, site::setLocation)
                    .apply("capacity_mw", BigDecimal.class, site::setCapacityMw);
            validate(changes.validation().required("name", site.getName())
                    .required("capacity_mw", site.getCapacityMw()),
                    site.getName(), site.getLocation(), site.getCapacityMw());
            em.flush();
            return Records.site(site);
        });
    }

    /** 409 while miners are at the site or another module holds it; the database's keys are the last guard. */
    public void delete(long id) {
        tx.run(em -> {
            HostingSite site = Entities.requireForUpdate(em, HostingSite.class, id, "Site");
            if (site.getTotalMiners() > 0) {
                throw ProblemException.conflict("Site " + id + " still has miners; move or delete them first");
            }
            holds.requireNoHoldOnSite(id);
            em.remove(site);
        });
    }

    private static void validate(Validation validation, String name, String location, BigDecimal capacityMw) {
        validation.maxLength("name", name, NAME_MAX)
                .maxLength("location", location, NAME_MAX)
                .positive("capacity_mw", capacityMw)
                .validate();
    }
}
