package org.hashgrid.hosting.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

import javax.persistence.EntityManager;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.hashgrid.api.MergePatch;
import org.hashgrid.api.Page;
import org.hashgrid.api.PageRequest;
import org.hashgrid.api.ProblemException;
import org.hashgrid.api.Validation;
import org.hashgrid.hosting.rest.MinerModelDto;
import org.hashgrid.hosting.rest.MinerModelInput;
import org.hashgrid.model.MinerModel;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Miner models: CRUD, unique names, efficiency derived from power and hashrate. */
@Component(service = MinerModelService.class)
public class MinerModelService {
    private static final int NAME_MAX = 200;
    private static final Set<String> PATCHABLE = Set.of("name", "manufacturer", "hashrate", "power_consumption",
            "efficiency", "release_date", "msrp");

    private final JpaTemplate jpa;

    @Activate
    public MinerModelService(@Reference(target = "(osgi.unit.name=hashgrid)") JpaTemplate jpa) {
        this.jpa = jpa;
    }

    public Page<MinerModelDto> list(PageRequest page) {
        return jpa.txExpr(TransactionType.Required, em -> Page.of(
                Jpa.page(em, MinerModel.class, "", Map.of(), page), page, MinerModel::getId, MinerModelDto::of));
    }

    public MinerModelDto get(long id) {
        return jpa.txExpr(TransactionType.Required,
                em -> MinerModelDto.of(Jpa.find(em, MinerModel.class, id, "Miner model")));
    }

    public MinerModelDto create(MinerModelInput in) {
        if (in == null) {
            throw ProblemException.badRequest("A JSON request body is required");
        }
        validate(new Validation().required("name", in.name()).required("manufacturer", in.manufacturer())
                .required("hashrate", in.hashrate()).required("power_consumption", in.powerConsumption()),
                in.name(), in.manufacturer(), in.hashrate(), in.powerConsumption(), in.efficiency(), in.msrp());
        return jpa.txExpr(TransactionType.Required, em -> {
            requireUniqueName(em, in.name().strip(), null);
            MinerModel model = new MinerModel(in.name().strip(), in.manufacturer(), in.hashrate(),
                    in.powerConsumption());
            model.setEfficiency(in.efficiency() != null ? in.efficiency()
                    : efficiency(in.powerConsumption(), in.hashrate()));
            model.setReleaseDate(in.releaseDate());
            model.setMsrp(in.msrp());
            em.persist(model);
            em.flush();
            return MinerModelDto.of(model);
        });
    }

    public MinerModelDto update(long id, MergePatch patch) {
        return jpa.txExpr(TransactionType.Required, em -> {
            MinerModel model = Jpa.find(em, MinerModel.class, id, "Miner model");
            patch.allowOnly(PATCHABLE)
                    .apply("name", String.class, model::setName)
                    .apply("manufacturer", String.class, model::setManufacturer)
                    .apply("hashrate", BigDecimal.class, model::setHashrate)
                    .apply("power_consumption", BigDecimal.class, model::setPowerConsumption)
                    .apply("efficiency", BigDecimal.class, model::setEfficiency)
                    .apply("release_date", LocalDate.class, model::setReleaseDate)
                    .apply("msrp", BigDecimal.class, model::setMsrp);
            validate(patch.validation().required("name", model.getName())
                    .required("manufacturer", model.getManufacturer())
                    .required("hashrate", model.getHashrate())
                    .required("power_consumption", model.getPowerConsumption()),
                    model.getName(), model.getManufacturer(), model.getHashrate(), model.getPowerConsumption(),
                    model.getEfficiency(), model.getMsrp());
            boolean ratingChanged = patch.has("hashrate") || patch.has("power_consumption");
            if (model.getEfficiency() == null || (ratingChanged && !patch.has("efficiency"))) {
                model.setEfficiency(efficiency(model.getPowerConsumption(), model.getHashrate()));
            }
            requireUniqueName(em, model.getName(), id);
            em.flush();
            return MinerModelDto.of(model);
        });
    }

    public void delete(long id) {
        jpa.tx(TransactionType.Required, em -> {
            MinerModel model = Jpa.find(em, MinerModel.class, id, "Miner model");
            if (Jpa.exists(em, "select m.id from HostingMiner m where m.minerModelId = ?1", id)) {
                throw ProblemException.conflict("Miner model " + id + " is used by miners");
            }
            em.remove(model);
        });
    }

    /** Efficiency in J/TH is power in W over hashrate in TH/s. */
    static BigDecimal efficiency(BigDecimal powerW, BigDecimal hashrateThs) {
        return powerW.divide(hashrateThs, 2, RoundingMode.HALF_UP);
    }

    private static void requireUniqueName(EntityManager em, String name, Long self) {
        boolean taken = !em.createQuery("select m.id from MinerModel m where lower(m.name) = lower(?1) and m.id <> ?2")
                .setParameter(1, name)
                .setParameter(2, self == null ? -1L : self)
                .setMaxResults(1).getResultList().isEmpty();
        if (taken) {
            throw ProblemException.conflict("A miner model named '" + name + "' already exists");
        }
    }

    private static void validate(Validation validation, String name, String manufacturer, BigDecimal hashrate,
            BigDecimal power, BigDecimal efficiency, BigDecimal msrp) {
        validation.maxLength("name", name, NAME_MAX)
                .maxLength("manufacturer", manufacturer, NAME_MAX)
                .positive("hashrate", hashrate)
                .positive("power_consumption", power)
                .positive("efficiency", efficiency)
                .notNegative("msrp", msrp)
                .validate();
    }
}
