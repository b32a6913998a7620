package org.hashgrid.hosting.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.persistence.EntityManager;
import javax.persistence.LockModeType;

import org.hashgrid.core.Caller;
import org.hashgrid.core.ProblemException;
import org.hashgrid.core.Validation;
import org.hashgrid.core.secrets.Sealed;
import org.hashgrid.core.secrets.SecretBox;
import org.hashgrid.core.secrets.SecretException;
import org.hashgrid.core.secrets.SecretHolder;
import org.hashgrid.driver.MinerAccess;
import org.hashgrid.driver.MinerCredentials;
import org.hashgrid.driver.MinerEndpoint;
import org.hashgrid.hosting.CredentialsInfo;
import org.hashgrid.hosting.Miner;
import org.hashgrid.hosting.NewCredentials;
import org.hashgrid.hosting.PollTarget;
import org.hashgrid.model.HostingMiner;
import org.hashgrid.model.HostingSite;
import org.hashgrid.model.MinerCredential;
import org.hashgrid.model.OperationType;
import org.hashgrid.model.persistence.Entities;
import org.hashgrid.model.persistence.Transactions;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Credentials of the miners' control APIs: a miner's own, or a site's for the miners of one driver
 * (a miner's own win). Passwords are sealed by the {@link SecretBox} bound to the row's scope,
 * opened only to hand them to a driver, and never returned, logged or announced: the API shows
 * where credentials come from, the user name and who set them when. Owners and admins set and
 * remove them, the operator's users see that metadata, clients and guests nothing. Every change is
 * in the operation log and the outbox. Without the secrets service (its bundle stopped) nothing
 * can be set or opened (503), the rest works.
 */
@Component(service = { CredentialService.class, SecretHolder.class })
public class CredentialService implements SecretHolder {
    static final int USERNAME_MAX = 64;
    static final int PASSWORD_MAX = 256;
    private static final Logger LOG = LoggerFactory.getLogger(CredentialService.class);
    private static final String APPLICABLE = "SELECT c FROM MinerCredential c WHERE c.minerId = :miner "
            + "OR (c.siteId = :site AND c.driver = :driver)";

    private final Transactions tx;
    private final DriverRegistry drivers;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile SecretBox box;

    @Activate
    public CredentialService(@Reference Transactions tx, @Reference DriverRegistry drivers) {
        this.tx = tx;
        this.drivers = drivers;
    }

    CredentialService(Transactions tx, DriverRegistry drivers, SecretBox box) {
        this(tx, drivers);
        this.box = box;
    }

    /** Sets a miner's own credentials; 404 for an unknown miner. */
    public void setForMiner(Caller caller, long minerId, NewCredentials input) {
        requireAdmin(caller);
        Valid valid = valid(input);
        SecretBox secrets = box();
        tx.run(em -> {
            HostingMiner miner = Entities.requireForUpdate(em, HostingMiner.class, minerId, "Miner");
            MinerCredential row = own(em, minerId).orElseGet(() -> MinerCredential.ofMiner(minerId));
            store(em, row, valid, secrets, caller);
            OperationLog.record(em, minerId, OperationType.CREDENTIALS_SET, caller,
                    "control API credentials set");
            MinerEvents.minerCredentials(em, "miner.credentials_set", miner, caller);
        });
    }

    /** Removes a miner's own credentials (its site's apply again); false when it had none. */
    public boolean removeForMiner(Caller caller, long minerId) {
        requireAdmin(caller);
        return tx.call(em -> {
            HostingMiner miner = Entities.requireForUpdate(em, HostingMiner.class, minerId, "Miner");
            Optional<MinerCredential> row = own(em, minerId);
            row.ifPresent(found -> {
                em.remove(found);
                OperationLog.record(em, minerId, OperationType.CREDENTIALS_REMOVED, caller,
                        "control API credentials removed");
                MinerEvents.minerCredentials(em, "miner.credentials_removed", miner, caller);
            });
            return row.isPresent();
        });
    }

    /** Which credentials apply to a miner: its own, else its site's for its driver, else none. */
    public CredentialsInfo ofMiner(Caller caller, long minerId) {
        requireStaff(caller);
        return tx.call(em -> {
            HostingMiner miner = Entities.requireVisible(em, HostingMiner.class, minerId, "Miner", caller,
                    HostingMiner::getClientId);
            return applicable(em, miner.getId(), miner.getSiteId(), miner.getDriver()).map(CredentialService::info)
                    .orElse(CredentialsInfo.NONE);
        });
    }

    /** Sets a site's credentials for the miners of an installed driver; 404 for an unknown site or driver. */
    public void setForSite(Caller caller, long siteId, String driver, NewCredentials input) {
        requireAdmin(caller);
        if (!isDriverId(driver) || drivers.driver(driver).isEmpty()) {
            throw unknownDriver(driver);
        }
        Valid valid = valid(input);
        SecretBox secrets = box();
        tx.run(em -> {
            Entities.requireForUpdate(em, HostingSite.class, siteId, "Site");
            MinerCredential row = ofSite(em, siteId, driver).orElseGet(() -> MinerCredential.ofSite(siteId, driver));
            store(em, row, valid, secrets, caller);
            OperationLog.record(em, null, OperationType.CREDENTIALS_SET, caller,
                    "site " + siteId + ": control API credentials for driver " + driver + " set");
            MinerEvents.siteCredentials(em, "site.credentials_set", siteId, driver, caller);
        });
    }

    /** Removes a site's credentials for a driver; false when it had none (404 when the driver is unknown too). */
    public boolean removeForSite(Caller caller, long siteId, String driver) {
        requireAdmin(caller);
        return tx.call(em -> {
            Entities.requireForUpdate(em, HostingSite.class, siteId, "Site");
            Optional<MinerCredential> row = storedOrKnown(em, siteId, driver);
            row.ifPresent(found -> {
                em.remove(found);
                OperationLog.record(em, null, OperationType.CREDENTIALS_REMOVED, caller,
                        "site " + siteId + ": control API credentials for driver " + driver + " removed");
                MinerEvents.siteCredentials(em, "site.credentials_removed", siteId, driver, caller);
            });
            return row.isPresent();
        });
    }

    /** A site's credentials for a driver (scope site or none); stored ones show even once the driver is gone. */
    public CredentialsInfo ofSite(Caller caller, long siteId, String driver) {
        requireStaff(caller);
        return tx.call(em -> {
            Entities.require(em, HostingSite.class, siteId, "Site");
            Optional<MinerCredential> row = storedOrKnown(em, siteId, driver);
            return row.map(CredentialService::info).orElse(CredentialsInfo.NONE);
        });
    }

    /**
     * What a driver is called with for {@code miner}: its endpoint, its control port and the
     * credentials that apply, opened now.
     *
     * @throws ProblemException 503 when credentials are stored but the secrets service is absent,
     *                          500 when they do not open (key file, tampering)
     */
    MinerAccess access(Miner miner) {
        MinerAccess access = baseAccess(new MinerEndpoint(miner.cgminerIp(), miner.cgminerPort()),
                miner.controlPort());
        Optional<MinerCredentials> credentials = tx.call(em -> applicable(em, miner.id(), miner.siteId(),
                miner.driver()).map(row -> opened(row, "miner " + miner.id())));
        return credentials.map(access::withCredentials).orElse(access);
    }

    /** A row's credentials opened for {@code whose} (named in the problem when they do not open). */
    private MinerCredentials opened(MinerCredential row, String whose) {
        try {
            return open(box(), row.getMinerId(), row.getSiteId(), row.getDriver(), row.getUsername(),
                    row.getPasswordEncrypted(), row.getKeyId());
        } catch (SecretException e) {
            LOG.warn("Credentials ({}) of {} do not open: {}", row.scope(), whose, e.getMessage());
            throw new ProblemException(500, "Internal Server Error", "The stored credentials of " + whose
                    + " cannot be opened (the key they were sealed with is not in the secrets key file, or they "
                    + "were changed in the database); set them again", "urn:hashgrid:problem:secrets", List.of(),
                    Map.of());
        }
    }

    /**
     * The credentials a site stores, by driver id, opened: a scan of the site's network probes with them.
     *
     * @throws ProblemException 400 for an unknown site, 503/500 as {@link #access}
     */
    Map<String, MinerCredentials> openedForSite(long siteId) {
        return tx.call(em -> {
            new Validation().check(em.find(HostingSite.class, siteId) != null, "site_id", "does not exist").validate();
            Map<String, MinerCredentials> opened = new HashMap<>();
            for (MinerCredential row : em.createQuery("SELECT c FROM MinerCredential c WHERE c.siteId = :site",
                    MinerCredential.class).setParameter("site", siteId).getResultList()) {
                opened.put(row.getDriver(), opened(row, "site " + siteId));
            }
            return opened;
        });
    }

    /** The access to a miner with its control port, before credentials. */
    static MinerAccess baseAccess(MinerEndpoint endpoint, Integer controlPort) {
        MinerAccess access = MinerAccess.of(endpoint);
        return controlPort == null ? access : access.withControlPort(controlPort);
    }

    /**
     * {@code targets} with the credentials that apply to each: one query for every stored row, and
     * each row opened once (a site's row serves all its miners of that driver). Rows that do not
     * open are left out, with one warning for the lot: those miners are read without credentials.
     */
    List<PollTarget> withCredentials(List<PollTarget> targets) {
        List<Object[]> rows = tx.call(em -> em.createQuery("SELECT c.id, c.minerId, c.siteId, c.driver, c.username, "
                + "c.passwordEncrypted, c.keyId FROM MinerCredential c", Object[].class).getResultList());
        if (rows.isEmpty()) {
            return targets;
        }
        Map<Long, Object[]> byMiner = new HashMap<>();
        Map<String, Object[]> bySite = new HashMap<>();
        for (Object[] row : rows) {
            if (row[1] != null) {
                byMiner.put((Long) row[1], row);
            } else {
                bySite.put(row[2] + " " + row[3], row);
            }
        }
        SecretBox secrets = box;
        Map<Long, Optional<MinerCredentials>> opened = new HashMap<>();
        List<String> failures = new ArrayList<>();
        List<PollTarget> result = new ArrayList<>(targets.size());
        for (PollTarget target : targets) {
            Object[] row = byMiner.get(target.minerId());
            if (row == null) {
                row = bySite.get(target.siteId() + " " + target.driver());
            }
            if (row == null) {
                result.add(target);
                continue;
            }
            Object[] found = row;
            Optional<MinerCredentials> credentials = opened.computeIfAbsent((Long) row[0], id -> {
                try {
                    if (secrets == null) {
                        throw new SecretException("the secrets service is not running");
                    }
                    return Optional.of(open(secrets, (Long) found[1], (Long) found[2], (String) found[3],
                            (String) found[4], (byte[]) found[5], (String) found[6]));
                } catch (SecretException e) {
                    failures.add(MinerCredential.scope((Long) found[1], (Long) found[2], (String) found[3]) + ": "
                            + e.getMessage());
                    return Optional.empty();
                }
            });
            result.add(credentials.map(c -> new PollTarget(target.minerId(), target.siteId(), target.status(),
                    target.driver(), target.endpoint(), target.clientId(), target.minerModelId(),
                    target.access().withCredentials(c))).orElse(target));
        }
        if (!failures.isEmpty()) {
            LOG.warn("{} stored credentials do not open; their miners are read without them (first: {})",
                    failures.size(), failures.get(0));
        }
        return result;
    }

    @Override
    public String name() {
        return "miner credentials";
    }

    /** Re-seals every password not sealed with the current key, the rows locked, in the caller's transaction. */
    @Override
    public int reseal(SecretBox secrets) {
        return tx.call(em -> {
            int count = 0;
            for (MinerCredential row : em.createQuery("SELECT c FROM MinerCredential c ORDER BY c.id",
                    MinerCredential.class).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList()) {
                if (!row.getKeyId().equals(secrets.currentKeyId())) {
                    String password = secrets.open(new Sealed(row.getKeyId(), row.getPasswordEncrypted()), row.scope());
                    Sealed again = secrets.seal(password, row.scope());
                    row.reseal(again.bytes(), again.keyId());
                    count++;
                }
            }
            em.flush();
            return count;
        });
    }

    /** A checked input: the user name (empty when none) and the password. */
    private record Valid(String username, String password) {
        @Override
        public String toString() {
            return "Valid[username=" + username + ", password=***]";
        }
    }

    private static Valid valid(NewCredentials input) {
        String username = input.username() == null ? "" : input.username();
        String password = input.password();
        new Validation()
                .maxLength("username", username, USERNAME_MAX)
                .check(!hasControl(username), "username", "must not contain control characters")
                .check(password != null && !password.isEmpty(), "password", "is required")
                .maxLength("password", password, PASSWORD_MAX)
                .check(password == null || !hasControl(password), "password", "must not contain control characters")
                .validate();
        return new Valid(username, password);
    }

    private static boolean hasControl(String text) {
        return text.codePoints().anyMatch(Character::isISOControl);
    }

    private static void store(EntityManager em, MinerCredential row, Valid valid, SecretBox secrets, Caller caller) {
        Sealed sealed = secrets.seal(valid.password(), row.scope());
        row.set(valid.username(), sealed.bytes(), sealed.keyId(), caller.accountId());
        if (row.getId() == null) {
            em.persist(row);
        }
        em.flush();
    }

    private static MinerCredentials open(SecretBox secrets, Long minerId, Long siteId, String driver, String username,
            byte[] password, String keyId) {
        return new MinerCredentials(username,
                secrets.open(new Sealed(keyId, password), MinerCredential.scope(minerId, siteId, driver)));
    }

    private static Optional<MinerCredential> own(EntityManager em, long minerId) {
        return em.createQuery("SELECT c FROM MinerCredential c WHERE c.minerId = :miner", MinerCredential.class)
                .setParameter("miner", minerId).getResultStream().findFirst();
    }

    private static Optional<MinerCredential> ofSite(EntityManager em, long siteId, String driver) {
        return em.createQuery("SELECT c FROM MinerCredential c WHERE c.siteId = :site AND c.driver = :driver",
                MinerCredential.class).setParameter("site", siteId).setParameter("driver", driver).getResultStream()
                .findFirst();
    }

    /** The site's row for {@code driver}; without one, 404 unless the driver is installed. */
    private Optional<MinerCredential> storedOrKnown(EntityManager em, long siteId, String driver) {
        Optional<MinerCredential> row = isDriverId(driver) ? ofSite(em, siteId, driver) : Optional.empty();
        if (row.isEmpty() && (!isDriverId(driver) || drivers.driver(driver).isEmpty())) {
            throw unknownDriver(driver);
        }
        return row;
    }

    /** The miner's own row, else its site's for its driver. */
    private static Optional<MinerCredential> applicable(EntityManager em, long minerId, long siteId, String driver) {
        List<MinerCredential> rows = em.createQuery(APPLICABLE, MinerCredential.class).setParameter("miner", minerId)
                .setParameter("site", siteId).setParameter("driver", driver).getResultList();
        return rows.stream().filter(row -> row.getMinerId() != null).findFirst()
                .or(() -> rows.stream().findFirst());
    }

    private static CredentialsInfo info(MinerCredential row) {
        return new CredentialsInfo(row.getMinerId() != null ? "miner" : "site", row.getUsername(), row.getUpdatedAt(),
                row.getUpdatedBy());
    }

    private SecretBox box() {
        SecretBox secrets = box;
        if (secrets == null) {
            throw new ProblemException(503, "Service Unavailable",
                    "Credentials cannot be stored or opened: the secrets service (feature hashgrid-secrets) is not "
                            + "running");
        }
        return secrets;
    }

    private static boolean isDriverId(String driver) {
        return driver != null && MinerService.DRIVER_ID.matcher(driver).matches();
    }

    private static ProblemException unknownDriver(String driver) {
        return ProblemException.notFound("Driver", driver);
    }

    private static void requireAdmin(Caller caller) {
        if (!caller.isAdmin()) {
            throw ProblemException.forbidden("Only owners and admins change credentials");
        }
    }

    private static void requireStaff(Caller caller) {
        if (!caller.isStaff()) {
            throw ProblemException.forbidden("Clients and guests do not see credentials");
        }
    }
}
