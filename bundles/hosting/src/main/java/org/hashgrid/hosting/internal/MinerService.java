package org.hashgrid.hosting.internal;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import javax.persistence.EntityManager;

import org.apache.aries.jpa.template.JpaTemplate;
import org.apache.aries.jpa.template.TransactionType;
import org.hashgrid.api.Caller;
import org.hashgrid.api.FieldError;
import org.hashgrid.api.IpRange;
import org.hashgrid.api.MergePatch;
import org.hashgrid.api.Page;
import org.hashgrid.api.PageRequest;
import org.hashgrid.api.ProblemException;
import org.hashgrid.api.Validation;
import org.hashgrid.hosting.rest.MinerDto;
import org.hashgrid.hosting.rest.MinerInput;
import org.hashgrid.model.HostingMiner;
import org.hashgrid.model.HostingSite;
import org.hashgrid.model.MinerModel;
import org.hashgrid.model.MinerStatus;
import org.hashgrid.model.OperationType;
import org.hashgrid.model.User;
import org.hashgrid.model.UserStatus;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Miners: CRUD with the checks that keep the inventory consistent (unique serials, existing
 * model, site and client), and the site counters kept in step in the same transaction.
 */
@Component(service = MinerService.class)
public class MinerService {
    private static final int SERIAL_MAX = 100;
    private static final Pattern DRIVER_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Set<String> PATCHABLE = Set.of("serial_number", "miner_model_id", "site_id", "status",
            "cgminer_ip", "cgminer_port", "cgminer_enabled", "driver", "client_id", "purchase_date",
            "warranty_expiry");

    private final JpaTemplate jpa;
    private final MinerAddressPolicy addresses;

    @Activate
    public MinerService(@Reference(target = "(osgi.unit.name=hashgrid)") JpaTemplate jpa,
            @Reference MinerAddressPolicy addresses) {
        this.jpa = jpa;
        this.addresses = addresses;
    }

    /**
     * Filters are optional; one query per page whatever the page size. A client caller only
     * ever gets its own miners, whatever {@code clientId} says.
     */
    public Page<MinerDto> list(Caller caller, PageRequest page, Long siteId, String status, String clientId) {
        String scope = caller.ownerScope();
        if (scope != null && clientId != null && !scope.equals(clientId)) {
            return new Page<>(java.util.List.of(), null);
        }
        String owner = scope != null ? scope : clientId;
        new Validation().check(status == null || MinerStatus.fromDbValue(status).isPresent(), "status",
                "must be one of active, offline, maintenance, curtailed").validate();
        StringBuilder where = new StringBuilder();
        Map<String, Object> parameters = new HashMap<>();
        if (siteId != null) {
            where.append("e.siteId = :siteId");
            parameters.put("siteId", siteId);
        }
        if (status != null) {
            where.append(where.length() > 0 ? " and " : "").append("e.status = :status");
            parameters.put("status", status);
        }
        if (owner != null) {
            where.append(where.length() > 0 ? " and " : "").append("e.clientId = :clientId");
            parameters.put("clientId", owner);
        }
        return jpa.txExpr(TransactionType.Required, em -> Page.of(
                Jpa.page(em, HostingMiner.class, where.toString(), parameters, page), page, HostingMiner::getId,
                MinerDto::of));
    }

    /** Another client's miner answers 404, exactly like a missing one. */
    public MinerDto get(Caller caller, long id) {
        return jpa.txExpr(TransactionType.Required, em -> MinerDto.of(visible(em, caller, id)));
    }

    private static HostingMiner visible(EntityManager em, Caller caller, long id) {
        HostingMiner miner = Jpa.find(em, HostingMiner.class, id, "Miner");
        caller.requireAccess(miner.getClientId(), "Miner", id);
        return miner;
    }

    public MinerDto create(Caller caller, MinerInput in) {
        if (in == null) {
            throw ProblemException.badRequest("A JSON request body is required");
        }
        return jpa.txExpr(TransactionType.Required, em -> create(em, caller, in, "registered"));
    }

    /**
     * Registers every row in one transaction, or none: each row is checked like a single
     * {@link #create}, and all rows' errors come back together, field names prefixed with the row.
     */
    public int createAll(Caller caller, List<MinerInput> rows, int firstRowNumber) {
        return jpa.txExpr(TransactionType.Required, em -> {
            List<FieldError> errors = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                String row = "row " + (firstRowNumber + i);
                try {
                    create(em, caller, rows.get(i), "imported");
                } catch (ProblemException e) {
                    if (e.errors().isEmpty()) {
                        errors.add(new FieldError(row, e.getMessage()));
                    }
                    e.errors().forEach(error -> errors.add(new FieldError(row + ": " + error.field(), error.message())));
                }
            }
            if (!errors.isEmpty()) {
                throw ProblemException.validation(errors);
            }
            return rows.size();
        });
    }

    /** {@code POST /miners/import}: a CSV body, all rows registered or none. */
    public int importCsv(Caller caller, java.io.InputStream csv) {
        return createAll(caller, MinerCsv.read(csv), 2);
    }

    private MinerDto create(EntityManager em, Caller caller, MinerInput in, String how) {
        HostingMiner miner = new HostingMiner(in.serialNumber() == null ? null : in.serialNumber().strip(),
                in.minerModelId(), in.siteId());
        if (in.status() != null) {
            miner.setStatus(in.status());
        }
        miner.setCgminerIp(in.cgminerIp());
        if (in.cgminerPort() != null) {
            miner.setCgminerPort(in.cgminerPort());
        }
        if (in.cgminerEnabled() != null) {
            miner.setCgminerEnabled(in.cgminerEnabled());
        }
        if (in.driver() != null) {
            miner.setDriver(in.driver());
        }
        miner.setClientId(in.clientId());
        miner.setPurchaseDate(in.purchaseDate());
        miner.setWarrantyExpiry(in.warrantyExpiry());
        Validation validation = new Validation()
                .required("serial_number", in.serialNumber())
                .required("miner_model_id", in.minerModelId())
                .required("site_id", in.siteId());
        check(em, miner, validation, null, addresses);
        em.persist(miner);
        em.flush();
        refreshSiteCounters(em, miner.getSiteId(), miner.getSiteId());
        OperationLog.record(em, miner.getId(), OperationType.CREATE, caller,
                how + " " + miner.getSerialNumber() + " at site " + miner.getSiteId());
        return MinerDto.of(miner);
    }

    public MinerDto update(Caller caller, long id, MergePatch patch) {
        return jpa.txExpr(TransactionType.Required, em -> {
            HostingMiner miner = Jpa.find(em, HostingMiner.class, id, "Miner");
            long previousSite = miner.getSiteId();
            patch.allowOnly(PATCHABLE)
                    .apply("serial_number", String.class, serial -> miner.setSerialNumber(serial == null ? null : serial.strip()))
                    .apply("miner_model_id", Long.class, miner::setMinerModelId)
                    .apply("site_id", Long.class, miner::setSiteId)
                    .apply("status", String.class, miner::setStatus)
                    .apply("cgminer_ip", String.class, miner::setCgminerIp)
                    .apply("cgminer_port", Integer.class, port -> miner.setCgminerPort(port == null ? -1 : port))
                    .apply("cgminer_enabled", Boolean.class, on -> miner.setCgminerEnabled(on == null || on))
                    .apply("driver", String.class, miner::setDriver)
                    .apply("client_id", String.class, miner::setClientId)
                    .apply("purchase_date", LocalDate.class, miner::setPurchaseDate)
                    .apply("warranty_expiry", LocalDate.class, miner::setWarrantyExpiry);
            Validation validation = patch.validation()
                    .required("serial_number", miner.getSerialNumber())
                    .required("miner_model_id", miner.getMinerModelId())
                    .required("site_id", miner.getSiteId())
                    .required("status", miner.getStatus())
                    .required("driver", miner.getDriver());
            check(em, miner, validation, id, addresses);
            em.flush();
            if (patch.has("site_id") || patch.has("status")) {
                refreshSiteCounters(em, previousSite, miner.getSiteId());
            }
            OperationLog.record(em, id, OperationType.UPDATE, caller, "changed " + String.join(", ", patch.fields()));
            return MinerDto.of(miner);
        });
    }

    public void delete(Caller caller, long id) {
        jpa.tx(TransactionType.Required, em -> {
            HostingMiner miner = Jpa.find(em, HostingMiner.class, id, "Miner");
            if (Jpa.exists(em, "select p.id from CurtailmentPlanMiner p where p.minerId = ?1", id)) {
                throw ProblemException.conflict("Miner " + id + " is part of curtailment plans and is kept for "
                        + "their history; set its status instead");
            }
            OperationLog.record(em, id, OperationType.DELETE, caller,
                    "deleted miner " + id + " (" + miner.getSerialNumber() + ")");
            em.remove(miner);
            em.flush();
            refreshSiteCounters(em, miner.getSiteId(), miner.getSiteId());
        });
    }

    /** Field checks first, then references, so one answer lists every field problem. */
    private static void check(EntityManager em, HostingMiner miner, Validation validation, Long self,
            MinerAddressPolicy addresses) {
        validation.maxLength("serial_number", miner.getSerialNumber(), SERIAL_MAX)
                .check(miner.getStatus() == null || MinerStatus.fromDbValue(miner.getStatus()).isPresent(), "status",
                        "must be one of active, offline, maintenance, curtailed")
                .check(miner.getCgminerIp() == null || IpRange.isLiteral(miner.getCgminerIp()), "cgminer_ip",
                        "must be an IPv4 or IPv6 address")
                .check(miner.getCgminerPort() >= 1 && miner.getCgminerPort() <= 65535, "cgminer_port",
                        "must be between 1 and 65535")
                .check(miner.getDriver() == null || DRIVER_ID.matcher(miner.getDriver()).matches(), "driver",
                        "must be a driver id such as cgminer")
                .check(miner.getPurchaseDate() == null || miner.getWarrantyExpiry() == null
                        || !miner.getWarrantyExpiry().isBefore(miner.getPurchaseDate()), "warranty_expiry",
                        "must not be before purchase_date");
        if (!validation.hasErrors() && miner.getCgminerIp() != null) {
            String refusal = addresses.refusal(IpRange.literal(miner.getCgminerIp()), miner.getCgminerPort());
            validation.check(refusal == null, "cgminer_ip", refusal);
        }
        if (!validation.hasErrors()) {
            validation.check(em.find(MinerModel.class, miner.getMinerModelId()) != null, "miner_model_id",
                    "does not exist")
                    .check(em.find(HostingSite.class, miner.getSiteId()) != null, "site_id", "does not exist")
                    .check(miner.getClientId() == null || isLiveUser(em, miner.getClientId()), "client_id",
                            "does not exist");
        }
        validation.validate();
        boolean serialTaken = !em.createQuery(
                "select m.id from HostingMiner m where m.serialNumber = ?1 and m.id <> ?2")
                .setParameter(1, miner.getSerialNumber())
                .setParameter(2, self == null ? -1L : self)
                .setMaxResults(1).getResultList().isEmpty();
        if (serialTaken) {
            throw ProblemException.conflict("A miner with serial number '" + miner.getSerialNumber()
                    + "' already exists");
        }
    }

    private static boolean isLiveUser(EntityManager em, String userId) {
        User user = em.find(User.class, userId);
        return user != null && !UserStatus.DELETED.dbValue().equals(user.getStatus());
    }

    /** Keeps hosting_sites.total_miners / active_miners equal to what the miners table says. */
    private static void refreshSiteCounters(EntityManager em, long siteId, long otherSiteId) {
        em.createNativeQuery("update hosting_sites s set "
                + "total_miners = (select count(*) from hosting_miners m where m.site_id = s.id), "
                + "active_miners = (select count(*) from hosting_miners m where m.site_id = s.id "
                + "and m.status = 'active') where s.id in (?1, ?2)")
                .setParameter(1, siteId)
                .setParameter(2, otherSiteId)
                .executeUpdate();
    }
}
