package org.hashgrid.tools.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What one simulated Whatsminer remembers of its API conversations: the tokens API v2 issued, its
 * salt, its power mode and limit. Tests steer it through {@link MinerSimulator#whatsminer}.
 */
public final class WhatsminerState {

    /** API v2 issues at most this many live tokens per client address (all clients are loopback here). */
    static final int TOKEN_LIMIT = 32;
    private static final String SALT_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private record Token(String sign, long expiresAtNanos) {
    }

    /**
     * What API v2 derives from a password, kept for the password it was made from: the md5-crypt
     * key (which each token's sign starts from) and its SHA-256, the AES key.
     */
    private record Key(String password, String md5Key, byte[] aesKey) {
    }

    private final String salt;
    private final List<Token> tokens = new ArrayList<>();
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final AtomicInteger saltRequests = new AtomicInteger();
    private volatile Duration tokenLifetime = Duration.ofMinutes(30);
    private volatile boolean actsBeforeReplying;
    private volatile String powerMode = "normal";
    private volatile int powerLimitW;
    private volatile Key key;

    WhatsminerState(SimulatedMiner miner) {
        this.salt = randomSalt();
        this.powerLimitW = miner.model().nominalWatts();
    }

    /** @return how many {@code get_token} requests (API v2) the miner received */
    public int tokenRequests() {
        return tokenRequests.get();
    }

    /** @return how many times API v3 was asked for the salt ({@code get.device.info salt} or whole) */
    public int saltRequests() {
        return saltRequests.get();
    }

    /** Sets how long an API v2 token stays valid; 30 minutes by default. */
    public void setTokenLifetime(Duration lifetime) {
        if (lifetime.isNegative() || lifetime.isZero()) {
            throw new IllegalArgumentException("lifetime must be positive: " + lifetime);
        }
        tokenLifetime = lifetime;
    }

    /**
     * Makes API v2 {@code power_off} act and close the connection without a reply whatever its
     * {@code respbefore} says, as builds that power off first do.
     */
    public void setActsBeforeReplying(boolean acts) {
        actsBeforeReplying = acts;
    }

    /** @return {@code low}, {@code normal} or {@code high} */
    public String powerMode() {
        return powerMode;
    }

    /** @return the power limit in W */
    public int powerLimitW() {
        return powerLimitW;
    }

    String salt() {
        return salt;
    }

    boolean actsBeforeReplying() {
        return actsBeforeReplying;
    }

    void setPowerMode(String mode) {
        powerMode = mode;
    }

    void setPowerLimitW(int watts) {
        powerLimitW = watts;
    }

    void countSaltRequest() {
        saltRequests.incrementAndGet();
    }

    /** @return a fresh token's {@code time} and {@code newsalt}, or {@code null} when the limit is reached */
    synchronized String[] issueToken(String password) {
        tokenRequests.incrementAndGet();
        long now = System.nanoTime();
        tokens.removeIf(token -> token.expiresAtNanos() - now <= 0);
        if (tokens.size() >= TOKEN_LIMIT) {
            return null;
        }
        String time = Long.toString(System.currentTimeMillis() / 1000 % 10_000);
        String newSalt = randomSalt();
        String sign = WhatsminerCrypto.md5CryptHash(key(password).md5Key() + time, newSalt);
        tokens.add(new Token(sign, now + tokenLifetime.toNanos()));
        return new String[] { time, newSalt };
    }

    /** @return whether the sign belongs to a token issued and not expired */
    synchronized boolean validToken(String sign) {
        long now = System.nanoTime();
        tokens.removeIf(token -> token.expiresAtNanos() - now <= 0);
        return tokens.stream().anyMatch(token -> token.sign().equals(sign));
    }

    /** @return the AES-256 key API v2 derives from the password */
    byte[] aesKey(String password) {
        return key(password).aesKey();
    }

    private Key key(String password) {
        Key current = key;
        if (current == null || !current.password().equals(password)) {
            String md5Key = WhatsminerCrypto.md5CryptHash(password, salt);
            current = new Key(password, md5Key, WhatsminerCrypto.sha256(md5Key));
            key = current;
        }
        return current;
    }

    private static String randomSalt() {
        StringBuilder salt = new StringBuilder(8);
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 8; i++) {
            salt.append(SALT_CHARS.charAt(random.nextInt(SALT_CHARS.length())));
        }
        return salt.toString();
    }

    @Override
    public String toString() {
        return "Whatsminer state: " + tokenRequests() + " token requests, mode " + powerMode + ", limit "
                + powerLimitW + " W";
    }
}
