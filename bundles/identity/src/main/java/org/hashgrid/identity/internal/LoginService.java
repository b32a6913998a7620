package org.hashgrid.identity.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.persistence.EntityManager;

import org.hashgrid.core.Caller;
import org.hashgrid.core.ConfigCheck;
import org.hashgrid.core.ProblemException;
import org.hashgrid.core.Roles;
import org.hashgrid.core.Validation;
import org.hashgrid.identity.LocationLookup;
import org.hashgrid.model.LoginRecord;
import org.hashgrid.model.User;
import org.hashgrid.model.UserStatus;
import org.hashgrid.model.persistence.Transactions;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Password login. Every attempt is recorded ({@code login_records}) with the client address and
 * its location. Failures are throttled per account-and-address and per address, with delays
 * that double while the failures go on; an attacker's address is slowed down without locking
 * the real user, who logs in from elsewhere, out. Unknown e-mail and wrong password answer the
 * same, after the same bcrypt work.
 */
@Component(service = LoginService.class, configurationPid = IdentityConfig.PID)
public class LoginService {
    private static final Logger LOG = LoggerFactory.getLogger(LoginService.class);
    static final String UNKNOWN_LOCATION = "unknown";
    private static final String REFUSED = "Invalid e-mail or password";
    private static final int MAX_DOUBLINGS = 10;

    private final Transactions tx;
    private final TokenService tokens;
    private final PasswordService passwords;
    private volatile Settings settings;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile LocationLookup locations;

    /** A successful login: the session token (shown once) and what the client must know. */
    public record Session(String token, Instant expiresAt, boolean passwordChangeRequired) {
    }

    /** Whose {@code X-Forwarded-For} is believed, and when failed logins are throttled. */
    record Settings(ClientAddresses addresses, int maxFailures, int maxFailuresPerIp, Duration window,
            Duration baseDelay) {
        static Settings read(ConfigCheck check, IdentityConfig config) {
            return new Settings(new ClientAddresses(check.cidrs("trusted.proxies", config::trusted_proxies)),
                    check.atLeast("max.failures", config::max_failures, 1),
                    check.atLeast("max.failures.per.ip", config::max_failures_per_ip, 1),
                    Duration.ofMinutes(check.atLeast("failure.window.minutes", config::failure_window_minutes, 1)),
                    Duration.ofSeconds(check.atLeast("base.delay.seconds", config::base_delay_seconds, 1)));
        }
    }

    @Activate
    public LoginService(IdentityConfig config, @Reference Transactions tx,
            @Reference TokenService tokens, @Reference PasswordService passwords) {
        this.tx = tx;
        this.tokens = tokens;
        this.passwords = passwords;
        modified(config);
    }

    /** Takes a changed configuration in place; the next attempt is throttled by the new rules. */
    @Modified
    void modified(IdentityConfig config) {
        settings = ConfigCheck.apply(IdentityConfig.PID, IdentityConfig.class, config, settings, Settings::read,
                LOG::warn);
    }

    Settings settings() {
        return settings;
    }

    /** The address to record and throttle for a request from {@code peer}. */
    public String clientAddress(String peer, String forwardedFor) {
        return settings.addresses().resolve(peer, forwardedFor);
    }

    public Session login(String emailInput, String password, String clientIp) {
        Verified verified = verify(emailInput, password, clientIp);
        return tx.call(em -> {
            markSucceeded(em, verified.attempt());
            TokenService.Issued issued = tokens.issueSession(em, verified.user().getId());
            return new Session(issued.token(), issued.expiresAt(), verified.user().isMustChangePassword());
        });
    }

    /**
     * A Karaf console login (SSH, Web Console): the checks, records and throttling of
     * {@link #login}, then only owners and admins pass, and only with a password of their own
     * (a one-time password was seen by whoever reset it). No token: the console keeps its own
     * session.
     */
    public Caller consoleLogin(String emailInput, String password, String clientIp) {
        Verified verified = verify(emailInput, password, clientIp);
        User user = verified.user();
        Caller caller = new Caller(user.getId(), user.getEmail(), user.getRole(), user.isMustChangePassword());
        if (!caller.isAdmin()) {
            throw ProblemException.forbidden("Only owners and admins may use the console");
        }
        if (caller.passwordChangeRequired()) {
            throw ProblemException.forbidden("Change the one-time password first (POST /api/v1/auth/password)");
        }
        tx.run(em -> markSucceeded(em, verified.attempt()));
        return caller;
    }

    /** A user whose password matched and who may log in now; the success is not recorded yet. */
    private record Verified(User user, String email, String location, long attempt) {
    }

    /** Every check of a password login; a refused attempt is recorded before it throws. */
    private Verified verify(String emailInput, String password, String clientIp) {
        new Validation().required("email", emailInput).required("password", password)
                .maxLength("email", emailInput, 320).maxLength("password", password, 1024).validate();
        String email = emailInput.strip().toLowerCase(Locale.ROOT);
        String location = locate(clientIp);
        Instant now = Instant.now();
        // The attempt is written as a failure before the expensive check, under a lock per address
        // and per account-and-address: concurrent guesses see each other at once. Success flips it.
        long[] attempt = begin(email, clientIp, location, now);
        long wait = attempt[1];
        if (wait > 0) {
            LOG.info("Login throttled for {} from {} ({} s)", email, clientIp, wait);
            throw ProblemException.tooManyRequests("Too many failed logins; retry later", wait);
        }
        Optional<User> found = tx.call(em -> liveUser(em, email));
        if (found.isEmpty()) {
            passwords.verifyNobody(password);
            throw ProblemException.unauthorized(REFUSED);
        }
        User user = found.get();
        if (!passwords.verify(password, user.getPasswordHash())) {
            throw ProblemException.unauthorized(REFUSED);
        }
        if (!UserStatus.ACTIVE.dbValue().equals(user.getStatus())) {
            throw ProblemException.forbidden("The account is suspended");
        }
        List<AccessWindows.Window> windows = tx.call(em -> AccessWindows.of(em, user.getId()));
        if (!Roles.OWNER.equals(user.getRole()) && !AccessWindows.allows(windows, now)) {
            Instant next = AccessWindows.nextStart(windows, now);
            throw new ProblemException(403, "Forbidden", "Login refused: outside every access window"
                    + (next == null ? "; no window is ahead" : "; the next opens at " + next),
                    "urn:hashgrid:problem:access-window", List.of(), Map.of());
        }
        return new Verified(user, email, location, attempt[0]);
    }

    /**
     * Seconds to wait before another attempt for this account from this address, or for this
     * address at all; 0 when an attempt may go ahead.
     */
    private long throttle(EntityManager em, String email, String clientIp, Instant now) {
        Settings rules = settings;
        int maxFailures = rules.maxFailures();
        int maxFailuresPerIp = rules.maxFailuresPerIp();
        java.sql.Timestamp since = java.sql.Timestamp.from(now.minus(rules.window()));
        // Only the newest failures matter (the delay stops growing after MAX_DOUBLINGS), so the
        // scans are bounded however long an attack goes on.
        Object[] pair = (Object[]) em.createNativeQuery("select count(*), max(login_time) from ("
                + "select login_time from login_records where email = ?1 and ip_address = ?2 and not success "
                + "and login_time > greatest(?3, coalesce((select max(login_time) from login_records "
                + "where email = ?1 and ip_address = ?2 and success), ?3)) "
                + "order by login_time desc limit ?4) recent")
                .setParameter(1, email).setParameter(2, clientIp == null ? "" : clientIp).setParameter(3, since)
                .setParameter(4, maxFailures + MAX_DOUBLINGS)
                .getSingleResult();
        Object[] ip = (Object[]) em.createNativeQuery("select count(*), max(login_time) from ("
                + "select login_time from login_records where ip_address = ?1 and not success "
                + "and login_time > ?2 order by login_time desc limit ?3) recent")
                .setParameter(1, clientIp == null ? "" : clientIp).setParameter(2, since)
                .setParameter(3, maxFailuresPerIp + MAX_DOUBLINGS)
                .getSingleResult();
        return Math.max(delay(pair, maxFailures, rules, now), delay(ip, maxFailuresPerIp, rules, now));
    }

    /** Records the attempt as a failure and returns its id and the throttle's wait in seconds. */
    private long[] begin(String email, String clientIp, String location, Instant now) {
        return tx.call(em -> {
            em.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(hashtext(?1)), "
                    + "pg_advisory_xact_lock(hashtext(?2))) locked")
                    .setParameter(1, "login-ip:" + clientIp).setParameter(2, "login:" + email + "|" + clientIp)
                    .getSingleResult();
            long wait = throttle(em, email, clientIp, now);
            LoginRecord attempt = new LoginRecord(email, false, clientIp, location);
            em.persist(attempt);
            em.flush();
            return new long[] { attempt.getId(), wait };
        });
    }

    private static void markSucceeded(EntityManager em, long attempt) {
        em.createNativeQuery("update login_records set success = true where id = ?1").setParameter(1, attempt)
                .executeUpdate();
    }

    private static long delay(Object[] failures, int threshold, Settings rules, Instant now) {
        long count = ((Number) failures[0]).longValue();
        if (count < threshold || failures[1] == null) {
            return 0;
        }
        Instant last = ((java.sql.Timestamp) failures[1]).toInstant();
        long shift = Math.min(count - threshold, MAX_DOUBLINGS);
        Duration delay = rules.baseDelay().multipliedBy(1L << shift);
        if (delay.compareTo(rules.window()) > 0) {
            delay = rules.window();
        }
        Duration left = Duration.between(now, last.plus(delay));
        return left.isNegative() || left.isZero() ? 0 : Math.max(1, left.toSeconds());
    }

    /** Ends the session of {@code token}. */
    public void logout(String token) {
        tx.run(em -> tokens.revokeToken(em, token));
    }

    /** The account an e-mail (lower case) names: the one that is not deleted. */
    static Optional<User> liveUser(EntityManager em, String email) {
        return em.createQuery("select u from User u where lower(u.email) = ?1 and u.status <> ?2", User.class)
                .setParameter(1, email).setParameter(2, UserStatus.DELETED.dbValue())
                .setMaxResults(1).getResultList().stream().findFirst();
    }

    private String locate(String clientIp) {
        LocationLookup lookup = locations;
        if (lookup == null || clientIp == null) {
            return UNKNOWN_LOCATION;
        }
        try {
            return lookup.locate(clientIp).filter(place -> !place.isBlank()).orElse(UNKNOWN_LOCATION);
        } catch (RuntimeException e) {
            LOG.debug("Location lookup failed for {}", clientIp, e);
            return UNKNOWN_LOCATION;
        }
    }
}
