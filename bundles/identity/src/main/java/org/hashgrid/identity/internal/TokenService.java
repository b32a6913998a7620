package org.hashgrid.identity.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.persistence.EntityManager;

import org.hashgrid.core.Caller;
import org.hashgrid.core.ConfigCheck;
import org.hashgrid.core.ProblemException;
import org.hashgrid.core.Roles;
import org.hashgrid.model.AuthToken;
import org.hashgrid.model.User;
import org.hashgrid.model.UserStatus;
import org.hashgrid.model.persistence.Transactions;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issues and checks bearer tokens. A token is 256 random bits, shown once; only its SHA-256
 * hash is stored. A checked token is remembered for a few seconds so that a request does not
 * cost a database round trip, and forgotten at once when it or its user changes.
 */
@Component(service = TokenService.class, configurationPid = IdentityConfig.PID)
public class TokenService {
    private static final Logger LOG = LoggerFactory.getLogger(TokenService.class);
    static final String PREFIX = "hg_";
    private static final int MAX_CACHED = 50_000;

    private final Transactions tx;
    private volatile Settings settings;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Checked> cache = new ConcurrentHashMap<>();

    /** What a token check found, valid for the caller until {@code until}. */
    private record Checked(Caller caller, Instant expiresAt, List<AccessWindows.Window> windows, Instant loadedAt) {
    }

    /** A token as issued: the secret (shown once) and its row. */
    public record Issued(String token, long id, Instant expiresAt) {
    }

    /** How long a checked token is trusted without the database, and how long a new session lasts. */
    record Settings(Duration cacheFor, Duration sessionTtl) {
        static Settings read(ConfigCheck check, IdentityConfig config) {
            return new Settings(
                    Duration.ofSeconds(check.atLeast("token.cache.seconds", config::token_cache_seconds, 0)),
                    Duration.ofMinutes(check.atLeast("session.ttl.minutes", config::session_ttl_minutes, 1)));
        }
    }

    @Activate
    public TokenService(IdentityConfig config, @Reference Transactions tx) {
        this.tx = tx;
        modified(config);
    }

    /**
     * Takes a changed configuration in place: sessions issued from now on get the new lifetime,
     * and a shorter token cache applies to the entries already cached.
     */
    @Modified
    void modified(IdentityConfig config) {
        settings = ConfigCheck.apply(IdentityConfig.PID, IdentityConfig.class, config, settings, Settings::read,
                LOG::warn);
    }

    Settings settings() {
        return settings;
    }

    /** A login session for {@code userId}, inside the caller's transaction. */
    Issued issueSession(EntityManager em, String userId) {
        return issue(em, userId, AuthToken.SESSION, null, Instant.now().plus(settings.sessionTtl()));
    }

    Issued issue(EntityManager em, String userId, String kind, String name, Instant expiresAt) {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        AuthToken row = new AuthToken(userId, hash(token), kind, name, expiresAt);
        em.persist(row);
        em.flush();
        return new Issued(token, row.getId(), expiresAt);
    }

    /** The caller a bearer token stands for; 401 when it is malformed, unknown, expired or revoked. */
    public Caller authenticate(String token) {
        if (token == null || !token.startsWith(PREFIX) || token.length() != PREFIX.length() + 43) {
            throw ProblemException.unauthorized("Malformed bearer token");
        }
        String hash = hash(token);
        Instant now = Instant.now();
        Checked checked = cache.get(hash);
        if (checked == null || checked.loadedAt().plus(settings.cacheFor()).isBefore(now)) {
            checked = load(hash, now);
            if (cache.size() >= MAX_CACHED) {
                cache.clear();
            }
            cache.put(hash, checked);
        }
        if (checked.expiresAt() != null && !checked.expiresAt().isAfter(now)) {
            cache.remove(hash);
            throw ProblemException.unauthorized("The token has expired");
        }
        if (!Roles.OWNER.equals(checked.caller().role()) && !AccessWindows.allows(checked.windows(), now)) {
            throw ProblemException.unauthorized("Access is outside the granted access windows");
        }
        return checked.caller();
    }

    private Checked load(String hash, Instant now) {
        return tx.call(em -> {
            List<AuthToken> rows = em.createQuery("select t from AuthToken t where t.tokenHash = ?1", AuthToken.class)
                    .setParameter(1, hash).getResultList();
            if (rows.isEmpty() || rows.get(0).getRevokedAt() != null) {
                throw ProblemException.unauthorized("Unknown or revoked token");
            }
            AuthToken token = rows.get(0);
            User user = em.find(User.class, token.getUserId());
            if (user == null || !UserStatus.ACTIVE.dbValue().equals(user.getStatus())) {
                throw ProblemException.unauthorized("The account is not active");
            }
            if (token.getLastUsedAt() == null || token.getLastUsedAt().isBefore(now.minusSeconds(60))) {
                token.setLastUsedAt(now);
            }
            return new Checked(new Caller(user.getId(), user.getEmail(), user.getRole(), user.isMustChangePassword()),
                    token.getExpiresAt(), AccessWindows.of(em, user.getId()), now);
        });
    }

    /** Revokes one token of {@code userId} by id; false when there is no such live token. */
    boolean revoke(EntityManager em, String userId, long tokenId) {
        AuthToken token = em.find(AuthToken.class, tokenId);
        if (token == null || !token.getUserId().equals(userId) || token.getRevokedAt() != null) {
            return false;
        }
        token.setRevokedAt(Instant.now());
        cache.remove(token.getTokenHash());
        return true;
    }

    /** Revokes the token itself (logout). */
    void revokeToken(EntityManager em, String token) {
        String hash = hash(token);
        em.createQuery("update AuthToken t set t.revokedAt = ?1 where t.tokenHash = ?2 and t.revokedAt is null")
                .setParameter(1, Instant.now()).setParameter(2, hash).executeUpdate();
        cache.remove(hash);
    }

    /** Revokes every token of a user, e.g. when the account is suspended or its password reset. */
    void revokeAll(EntityManager em, String userId) {
        em.createQuery("update AuthToken t set t.revokedAt = ?1 where t.userId = ?2 and t.revokedAt is null")
                .setParameter(1, Instant.now()).setParameter(2, userId).executeUpdate();
        forgetUser(userId);
    }

    /** Revokes every token of a user but {@code kept} (the session a password was changed with). */
    void revokeAllBut(EntityManager em, String userId, String kept) {
        em.createQuery("update AuthToken t set t.revokedAt = ?1 where t.userId = ?2 and t.revokedAt is null "
                + "and t.tokenHash <> ?3").setParameter(1, Instant.now()).setParameter(2, userId)
                .setParameter(3, kept == null ? "" : hash(kept)).executeUpdate();
        forgetUser(userId);
    }

    /** Drops what is remembered about a user's tokens: role, status or access windows changed. */
    void forgetUser(String userId) {
        cache.values().removeIf(checked -> checked.caller().userId().equals(userId));
    }

    static String hash(String token) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(sha.digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java platform", e);
        }
    }
}
