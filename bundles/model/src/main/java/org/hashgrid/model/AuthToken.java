package org.hashgrid.model;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Table;

/**
 * A bearer token, table {@code auth_tokens}: a login session or a named personal API token.
 * Only the SHA-256 hash of the token is kept. {@code kind} is {@code session} or {@code api}.
 */
@Entity
@Table(name = "auth_tokens")
public class AuthToken extends GeneratedIdEntity {
    public static final String SESSION = "session";
    public static final String API = "api";

    @Column(name = "user_id", nullable = false, updatable = false)
    private String userId;

    @Column(name = "token_hash", nullable = false, updatable = false)
    private String tokenHash;

    @Column(name = "kind", nullable = false, updatable = false)
    private String kind;

    @Column(name = "name", updatable = false)
    private String name;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "expires_at", updatable = false)
    private Instant expiresAt;

    @Column(name = "last_used_at")
    private Instant lastUsedAt;

    @Column(name = "revoked_at")
    private Instant revokedAt;

    protected AuthToken() {
    }

    public AuthToken(String userId, String tokenHash, String kind, String name, Instant expiresAt) {
        this.userId = userId;
        this.tokenHash = tokenHash;
        this.kind = kind;
        this.name = name;
        this.createdAt = DbTime.now();
        this.expiresAt = expiresAt;
    }

    public String getUserId() {
        return userId;
    }

    public String getTokenHash() {
        return tokenHash;
    }

    public String getKind() {
        return kind;
    }

    public String getName() {
        return name;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    /** {@code null} for API tokens that do not expire. */
    public Instant getExpiresAt() {
        return expiresAt;
    }

    public Instant getLastUsedAt() {
        return lastUsedAt;
    }

    public void setLastUsedAt(Instant lastUsedAt) {
        this.lastUsedAt = lastUsedAt;
    }

    public Instant getRevokedAt() {
        return revokedAt;
    }

    public void setRevokedAt(Instant revokedAt) {
        this.revokedAt = revokedAt;
    }
}
