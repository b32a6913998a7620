package org.hashgrid.hosting.internal;

import java.io.InputStream;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import javax.persistence.EntityManager;

import org.hashgrid.core.Caller;
import org.hashgrid.core.FieldChanges;
import org.hashgrid.core.FieldError;
import org.hashgrid.core.IpRange;
import org.hashgrid.core.Page;
import org.hashgrid.core.PageRequest;
import org.hashgrid.core.ProblemException;
import org.hashgrid.core.Roles;
import org.hashgrid.core.Validation;
import org.hashgrid.driver.MinerEndpoint;
import org.hashgrid.hosting.Miner;
import org.hashgrid.hosting.NewMiner;
import org.hashgrid.hosting.PollTarget;
import org.hashgrid.identity.AccountDirectory;
import org.hashgrid.model.HostingMiner;
import org.hashgrid.model.HostingSite;
import org.hashgrid.model.MinerModel;
import org.hashgrid.model.MinerStatus;
import org.hashgrid.model.OperationType;
import org.hashgrid.model.persistence.Entities;
import org.hashgrid.model.persistence.Filter;
import org.hashgrid.model.persistence.Keyset;
import org.hashgrid.model.persistence.Transactions;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Miners: CRUD with the checks that keep the inventory consistent (unique serials, existing
 * model, site and client), every change in the operation log, and the site counters kept in
 * step in the same transaction.
 */
@Component(service = MinerService.class)
public class MinerService {
    private static final int SERIAL_MAX = 100;
    static final Pattern DRIVER_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final String STATUSES = "must be one of active, offline, maintenance, curtailed";
    private static final Set<String> PATCHABLE = Set.of("serial_number", "miner_model_id", "site_id", "status",
            "cgminer_ip", "cgminer_port", "cgminer_enabled", "driver", "client_id", "purchase_date",
            "warranty_expiry", "control_port");
    private static final Keyset<HostingMiner> BY_ID = Keyset.of(HostingMiner.class)
            .ascending("id", HostingMiner::getId);

    private final Transactions tx;
    private final MinerAddressPolicy addresses;
    private final AccountDirectory accounts;
    private final InventoryHolds holds;

    @Activate
    public MinerService(@Reference Transactions tx, @Reference MinerAddressPolicy addresses,
            @Reference AccountDirectory accounts, @Reference InventoryHolds holds) {
        this.tx = tx;
        this.addresses = addresses;
        this.accounts = accounts;
        this.holds = holds;
    }

    /**
     * Filters are optional; one query per page whatever the page size. A client caller only
     * ever gets its own miners, whatever {@code clientId} says.
     */
    public Page<Miner> list(Caller caller, PageRequest page, Long siteId, String status, String clientId) {
        Filter<HostingMiner> filter = filter(caller, siteId, status, clientId);
        return tx.call(em -> BY_ID.page(em, filter, page, Records::miner));
    }

    /** How many miners {@link #list} would give over all its pages. */
    public long count(Caller caller, Long siteId, String status, String clientId) {
        Filter<HostingMiner> filter = filter(caller, siteId, status, clientId);
        return tx.call(em -> Entities.count(em, HostingMiner.class, filter));
    }

    private static Filter<HostingMiner> filter(Caller caller, Long siteId, String status, String clientId) {
        new Validation().check(status == null || MinerStatus.fromDbValue(status).isPresent(), "status", STATUSES)
                .validate();
        return Filter.<HostingMiner>all()
                .equal("siteId", siteId)
                .equal("status", status)
                .equal("clientId", clientId)
                .ownedBy("clientId", caller);
    }

    /**
     * Miners with the API enabled and an address, in id order (no caller: the platform's own reads),
     * with their control port; credentials are {@link CredentialService#withCredentials}'s.
     */
    public List<PollTarget> enabledWithAddress() {
        return tx.call(em -> em.createQuery(
                "SELECT m.id, m.siteId, m.status, m.driver, m.cgminerIp, m.cgminerPort, m.clientId, m.minerModelId, "
                        + "m.controlPort FROM HostingMiner m WHERE m.cgminerEnabled = TRUE AND m.cgminerIp IS NOT NULL "
                        + "ORDER BY m.id",
                Object[].class).getResultList().stream()
                .map(row -> {
                    MinerEndpoint endpoint = new MinerEndpoint((String) row[4], (Integer) row[5]);
                    return new PollTarget((Long) row[0], (Long) row[1], (String) row[2], (String) row[3], endpoint,
                            (String) row[6], (Long) row[7], CredentialService.baseAccess(endpoint, (Integer) row[8]));
                })
                .toList());
    }

    /** Another client's miner answers 404, exactly like a missing one. */

    public Miner get(Caller caller, long id) {
        return tx.call(em -> Records.miner(visible(em, caller, id)));
    }

    private static HostingMiner visible(EntityManager em, Caller caller, long id) {
        return Entities.requireVisible(em, HostingMiner.class, id, "Miner", caller, HostingMiner::getClientId);
    }

    public Miner create(Caller caller, NewMiner in) {
        return tx.call(em -> create(em, caller, in, "registered"));
    }

    /**
     * Registers every row in one transaction, or none: each row is checked like a single
     * {@link #create}, and all rows' errors come back together, field names prefixed with the row.
     */
    public int createAll(Caller caller, List<NewMiner> rows, int firstRowNumber) {
        return tx.call(em -> {
            List<FieldError> errors = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                String row = "row " + (firstRowNumber + i);
                try {
                    create(em, caller, rows.get(i), "imported");
                } catch (ProblemException e) {
                    if (e.errors().isEmpty()) {
                        errors.add(new FieldError(row, e.getMessage()));
                    }
                    e.errors()
                            .forEach(error -> errors.add(new FieldError(row + ": " + error.field(), error.message())));
                }
            }
            if (!errors.isEmpty()) {
                throw ProblemException.validation(errors);
            }
            return rows.size();
        });
    }

    /** {@code POST /miners/import}: a CSV body, all rows registered or none. */
    public int importCsv(Caller caller, InputStream csv) {
        return createAll(caller, MinerCsv.read(csv), 2);
    }

    private Miner create(EntityManager em, Caller caller, NewMiner in, String how) {
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
        miner.setControlPort(in.controlPort());
        miner.setClientId(in.clientId());
        miner.setPurchaseDate(in.purchaseDate());
        miner.setWarrantyExpiry(in.warrantyExpiry());
        Validation validation = new Validation()
                .required("serial_number", in.serialNumber())
                .required("miner_model_id", in.minerModelId())
                .required("site_id", in.siteId());
        check(em, miner, validation, null);
        SiteCounters.lock(em, miner.getSiteId(), miner.getSiteId());
        em.persist(miner);
        em.flush();
        SiteCounters.add(em, miner.getSiteId(), 1, isActive(miner.getStatus()) ? 1 : 0);
        OperationLog.record(em, miner.getId(), OperationType.CREATE, caller,
                how + " " + miner.getSerialNumber() + " at site " + miner.getSiteId());
        MinerEvents.created(em, miner);
        return Records.miner(miner);
    }

    public Miner update(Caller caller, long id, FieldChanges patch) {
        return tx.call(em -> {
            HostingMiner miner = Entities.requireForUpdate(em, HostingMiner.class, id, "Miner");
            long previousSite = miner.getSiteId();
            String previousStatus = miner.getStatus();
            Miner before = Records.miner(miner);
            boolean wasActive = isActive(previousStatus);
            patch.allowOnly(PATCHABLE)
                    .apply("serial_number", String.class,
                            serial -> miner.setSerialNumber(serial == null ? null : serial.strip()))
                    .apply("miner_model_id", Long.class, miner::setMinerModelId)
                    .apply("site_id", Long.class, miner::setSiteId)
                    .apply("status", String.class, miner::setStatus)
                    .apply("cgminer_ip", String.class, miner::setCgminerIp)
                    .apply("cgminer_port", Integer.class, port -> miner.setCgminerPort(port == null ? -1 : port))
                    .apply("cgminer_enabled", Boolean.class, on -> miner.setCgminerEnabled(on == null || on))
                    .apply("driver", String.class, miner::setDriver)
                    .apply("client_id", String.class, miner::setClientId)
                    .apply("purchase_date", LocalDate.class, miner::setPurchaseDate)
                    .apply("warranty_expiry", LocalDate.class, miner::setWarrantyExpiry)
                    .apply("control_port", Integer.class, miner::setControlPort);
            Validation validation = patch.validation()
                    .required("serial_number", miner.getSerialNumber())
                    .required("miner_model_id", miner.getMinerModelId())
                    .required("site_id", miner.getSiteId())
                    .required("status", miner.getStatus())
                    .required("driver", miner.getDriver());
            check(em, miner, validation, id);
            SiteCounters.moved(em, previousSite, wasActive, miner.getSiteId(), isActive(miner.getStatus()));
            em.flush();
            OperationLog.record(em, id, OperationType.UPDATE, caller, "changed " + String.join(", ", patch.fields()));
            if (!before.equals(Records.miner(miner))) {
                MinerEvents.updated(em, miner, patch.fields());
            }
            if (!previousStatus.equals(miner.getStatus())) {
                MinerEvents.statusChanged(em, miner, previousStatus, caller, null);
            }
            return Records.miner(miner);
        });
    }

    /**
     * {@link org.hashgrid.hosting.MinerInventory#changeStatus}: logged only when the status changes;
     * with {@code expected}, only a miner whose status is {@code expected} under the row lock changes.
     */
    Miner changeStatus(Caller caller, long id, String expected, String status, String reason) {
        new Validation().check(status != null && MinerStatus.fromDbValue(status).isPresent(), "status", STATUSES)
                .validate();
        return tx.call(em -> {
            HostingMiner miner = Entities.requireForUpdate(em, HostingMiner.class, id, "Miner");
            caller.requireAccess(miner.getClientId(), "Miner", id);
            String previous = miner.getStatus();
            if (!previous.equals(status) && (expected == null || previous.equals(expected))) {
                miner.setStatus(status);
                SiteCounters.moved(em, miner.getSiteId(), isActive(previous), miner.getSiteId(), isActive(status));
                em.flush();
                OperationLog.record(em, id, OperationType.UPDATE, caller,
                        "status " + previous + " → " + status + (reason == null ? "" : ": " + reason));
                MinerEvents.statusChanged(em, miner, previous, caller, reason);
            }
            return Records.miner(miner);
        });
    }

    public void delete(Caller caller, long id) {
        tx.run(em -> {
            HostingMiner miner = Entities.requireForUpdate(em, HostingMiner.class, id, "Miner");
            holds.requireNoHoldOnMiner(id);
            OperationLog.record(em, id, OperationType.DELETE, caller,
                    "deleted miner " + id + " (" + miner.getSerialNumber() + ")");
            SiteCounters.lock(em, miner.getSiteId(), miner.getSiteId());
            em.remove(miner);
            em.flush();
            SiteCounters.add(em, miner.getSiteId(), -1, isActive(miner.getStatus()) ? -1 : 0);
            MinerEvents.deleted(em, miner);
        });
    }

    private boolean isLiveClient(String userId) {
        return accounts.account(userId).filter(account -> account.isLive() && Roles.CLIENT.equals(account.role()))
                .isPresent();
    }

    private static boolean isActive(String status) {
        return MinerStatus.ACTIVE.dbValue().equals(status);
    }

    /** Field checks first, then references, so one answer lists every field problem. */
    private void check(EntityManager em, HostingMiner miner, Validation validation, Long self) {
        validation.maxLength("serial_number", miner.getSerialNumber(), SERIAL_MAX)
                .check(miner.getStatus() == null || MinerStatus.fromDbValue(miner.getStatus()).isPresent(), "status",
                        STATUSES)
                .check(miner.getCgminerIp() == null || IpRange.isLiteral(miner.getCgminerIp()), "cgminer_ip",
                        "must be an IPv4 or IPv6 address")
                .check(miner.getCgminerPort() >= 1 && miner.getCgminerPort() <= 65535, "cgminer_port",
                        "must be between 1 and 65535")
                .range("control_port", miner.getControlPort(), 1, 65535)
                .check(miner.getDriver() == null || DRIVER_ID.matcher(miner.getDriver()).matches(), "driver",
                        "must be a driver id such as cgminer")
                .check(miner.getPurchaseDate() == null || miner.getWarrantyExpiry() == null
                        || !miner.getWarrantyExpiry().isBefore(miner.getPurchaseDate()), "warranty_expiry",
                        "must not be before purchase_date");
        if (!validation.hasErrors() && miner.getCgminerIp() != null) {
            // each refusal on the field that causes it
            String port = addresses.portRefusal(miner.getCgminerPort());
            String control = miner.getControlPort() == null ? null : addresses.portRefusal(miner.getControlPort());
            String address = addresses.addressRefusal(IpRange.literal(miner.getCgminerIp()));
            validation.check(port == null, "cgminer_port", port).check(control == null, "control_port", control)
                    .check(address == null, "cgminer_ip", address);
        }
        if (!validation.hasErrors()) {
            validation.check(em.find(MinerModel.class, miner.getMinerModelId()) != null, "miner_model_id",
                    "does not exist")
                    .check(em.find(HostingSite.class, miner.getSiteId()) != null, "site_id", "does not exist")
                    .check(miner.getClientId() == null || isLiveClient(miner.getClientId()), "client_id",
                            "must be the id of a client account (role client, not deleted)");
        }
        validation.validate();
        boolean serialTaken = Entities.exists(em, HostingMiner.class, Filter.<HostingMiner>all()
                .equal("serialNumber", miner.getSerialNumber())
                .and((cb, root) -> cb.notEqual(root.get("id"), self == null ? -1L : self)));
        if (serialTaken) {
            throw ProblemException.conflict("A miner with serial number '" + miner.getSerialNumber()
                    + "' already exists");
        }
    }
}
