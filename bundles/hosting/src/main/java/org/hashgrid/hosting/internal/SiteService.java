package org.hashgrid.hosting.internal;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.hashgrid.api.MergePatch;
import org.hashgrid.api.Page;
import org.hashgrid.api.PageRequest;
import org.hashgrid.api.ProblemException;
import org.hashgrid.api.Validation;
import org.hashgrid.hosting.rest.SiteDto;
import org.hashgrid.hosting.rest.SiteInput;
import org.hashgrid.model.HostingSite;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Hosting sites: CRUD with validation. */
@Component(service = SiteService.class)
public class SiteService {
    static final int NAME_MAX = 200;
    private static final Set<String> PATCHABLE = Set.of("name", "location", "capacity_mw");

    private final JpaTemplate jpa;

    @Activate
    public SiteService(@Reference(target = "(osgi.unit.name=hashgrid)") JpaTemplate jpa) {
        this.jpa = jpa;
    }

    public Page<SiteDto> list(PageRequest page) {
        return jpa.txExpr(TransactionType.Required, em -> Page.of(
                Jpa.page(em, HostingSite.class, "", Map.of(), page), page, HostingSite::getId, SiteDto::of));
    }

    public SiteDto get(long id) {
        return jpa.txExpr(TransactionType.Required, em -> SiteDto.of(Jpa.find(em, HostingSite.class, id, "Site")));
    }

    public SiteDto create(SiteInput in) {
        if (in == null) {
            throw ProblemException.badRequest("A JSON request body is required");
        }
        validate(new Validation().required("name", in.name()).required("capacity_mw", in.capacityMw()),
                in.name(), in.location(), in.capacityMw());
        return jpa.txExpr(TransactionType.Required, em -> {
            HostingSite site = new HostingSite(in.name().strip(), in.location(), in.capacityMw());
            em.persist(site);
            em.flush();
            return SiteDto.of(site);
        });
    }

    public SiteDto update(long id, MergePatch patch) {
        return jpa.txExpr(TransactionType.Required, em -> {
            HostingSite site = Jpa.find(em, HostingSite.class, id, "Site");
            patch.allowOnly(PATCHABLE)
                    .apply("name", String.class, site::setName)
                    .apply("location", String.class, site::setLocation)
                    .apply("capacity_mw", BigDecimal.class, site::setCapacityMw);
            validate(patch.validation().required("name", site.getName()).required("capacity_mw", site.getCapacityMw()),
                    site.getName(), site.getLocation(), site.getCapacityMw());
            em.flush();
            return SiteDto.of(site);
        });
    }

    public void delete(long id) {
        jpa.tx(TransactionType.Required, em -> {
            HostingSite site = Jpa.find(em, HostingSite.class, id, "Site");
            if (Jpa.exists(em, "select m.id from HostingMiner m where m.siteId = ?1", id)) {
                throw ProblemException.conflict("Site " + id + " still has miners; move or delete them first");
            }
            if (Jpa.exists(em, "select p.id from CurtailmentPlan p where p.siteId = ?1", id)) {
                throw ProblemException.conflict("Site " + id + " has curtailment plans and is kept for their history");
            }
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
