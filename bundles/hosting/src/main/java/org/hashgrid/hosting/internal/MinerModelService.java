package org.hashgrid.hosting.internal;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Set;

import javax.persistence.EntityManager;

import org.hashgrid.core.FieldChanges;
import org.hashgrid.core.Page;
import org.hashgrid.core.PageRequest;
import org.hashgrid.core.ProblemException;
import org.hashgrid.core.Texts;
import org.hashgrid.core.Validation;
import org.hashgrid.hosting.MinerModelSpec;
import org.hashgrid.hosting.NewMinerModel;
import org.hashgrid.model.HostingMiner;
import org.hashgrid.model.MinerModel;
import org.hashgrid.model.persistence.Entities;
import org.hashgrid.model.persistence.Filter;
import org.hashgrid.model.persistence.Keyset;
import org.hashgrid.model.persistence.Transactions;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Miner models: CRUD, unique names, efficiency derived from power and hashrate. */
@Component(service = MinerModelService.class)
public class MinerModelService {
    private static final int NAME_MAX = 200;
    private static final Set<String> PATCHABLE = Set.of("name", "manufacturer", "hashrate", "power_consumption",
            "efficiency", "release_date", "msrp");

    private static final Keyset<MinerModel> BY_ID = Keyset.of(MinerModel.class).ascending("id", MinerModel::getId);

    private final Transactions tx;

    @Activate
    public MinerModelService(@Reference Transactions tx) {
        this.tx = tx;
    }

    public Page<MinerModelSpec> list(PageRequest page) {
        return tx.call(em -> BY_ID.page(em, Filter.all(), page, Records::model));
    }

    public MinerModelSpec get(long id) {
        return tx.call(em -> Records.model(Entities.require(em, MinerModel.class, id, "Miner model")));
    }

    public MinerModelSpec create(NewMinerModel in) {
        validate(new Validation().required("name", in.name()).required("manufacturer", in.manufacturer())
                .required("hashrate", in.hashrate()).required("power_consumption", in.powerConsumption()),
                in.name(), in.manufacturer(), in.hashrate(), in.powerConsumption(), in.efficiency(), in.msrp());
        return tx.call(em -> {
            requireUniqueName(em, in.name().strip(), null);
            MinerModel model = new MinerModel(in.name().strip(), in.manufacturer(), in.hashrate(),
                    in.powerConsumption());
            model.setEfficiency(in.efficiency() != null ? in.efficiency()
                    : efficiency(in.powerConsumption(), in.hashrate()));
            model.setReleaseDate(in.releaseDate());
            model.setMsrp(in.msrp());
            em.persist(model);
            em.flush();
            return Records.model(model);
        });
    }

    public MinerModelSpec update(long id, FieldChanges patch) {
        return tx.call(em -> {
            MinerModel model = Entities.require(em, MinerModel.class, id, "Miner model");
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
            return Records.model(model);
        });
    }

    public void delete(long id) {
        tx.run(em -> {
            MinerModel model = Entities.require(em, MinerModel.class, id, "Miner model");
            if (Entities.exists(em, HostingMiner.class, Filter.<HostingMiner>all().equal("minerModelId", id))) {
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
        boolean taken = Entities.exists(em, MinerModel.class, Filter.<MinerModel>all()
                .and((cb, root) -> cb.equal(cb.lower(root.get("name")), cb.lower(cb.literal(name))))
                .and((cb, root) -> cb.notEqual(root.get("id"), self == null ? -1L : self)));
        if (taken) {
            throw ProblemException.conflict("A miner model named " + Texts.quote(name) + " already exists");
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
