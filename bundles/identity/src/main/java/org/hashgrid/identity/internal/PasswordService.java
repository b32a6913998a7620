package org.hashgrid.identity.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.hashgrid.core.ConfigCheck;
import org.hashgrid.core.ProblemException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import at.favre.lib.crypto.bcrypt.BCrypt;
import at.favre.lib.crypto.bcrypt.LongPasswordStrategies;

/**
 * Password hashing (bcrypt) and the password policy: at least 12 characters, at most 72 bytes
 * (bcrypt ignores anything longer, so longer ones are refused rather than silently cut), not the
 * e-mail, not a commonly used password.
 */
@Component(service = PasswordService.class, configurationPid = IdentityConfig.PID)
@Designate(ocd = IdentityConfig.class)
public class PasswordService {
    private static final Logger LOG = LoggerFactory.getLogger(PasswordService.class);
    static final int MIN_LENGTH = 12;
    static final int MIN_COST = 12;
    static final int MAX_COST = 20;
    static final int MAX_BYTES = 72;
    private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    private final Set<String> common;
    private final SecureRandom random = new SecureRandom();
    private final BCrypt.Hasher hasher;
    private final BCrypt.Verifyer verifier;
    private volatile Settings settings;

    /**
     * The work factor of new hashes, and a hash of that cost checked when the e-mail is unknown,
     * so that case costs the same time as a wrong password.
     */
    private record Settings(int cost, String dummyHash) {
    }

    @Activate
    public PasswordService(IdentityConfig config) {
        this();
        modified(config);
    }

    /** With a fixed cost, for tests and benchmarks (which may go below the configurable minimum). */
    PasswordService(int cost) {
        this();
        settings = settings(cost);
    }

    private PasswordService() {
        this.common = loadCommon();
        this.hasher = BCrypt.with(BCrypt.Version.VERSION_2Y, random,
                LongPasswordStrategies.strict(BCrypt.Version.VERSION_2Y));
        this.verifier =
                BCrypt.verifyer(BCrypt.Version.VERSION_2Y, LongPasswordStrategies.strict(BCrypt.Version.VERSION_2Y));
    }

    /** A new {@code bcrypt.cost} applies to the hashes made from now on; existing ones keep theirs. */
    @Modified
    void modified(IdentityConfig config) {
        Settings current = settings;
        int cost = ConfigCheck.apply(IdentityConfig.PID, IdentityConfig.class, config,
                current == null ? null : current.cost(),
                (check, c) -> check.between("bcrypt.cost", c::bcrypt_cost, MIN_COST, MAX_COST), LOG::warn);
        if (current == null || current.cost() != cost) {
            settings = settings(cost);
        }
    }

    private Settings settings(int cost) {
        return new Settings(cost, hasher.hashToString(cost, generate().toCharArray()));
    }

    String hash(String password) {
        return hasher.hashToString(settings.cost(), password.toCharArray());
    }

    boolean verify(String password, String hash) {
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            verifier.verify(generate().toCharArray(), settings.dummyHash().toCharArray());
            return false;
        }
        return verifier.verify(password.toCharArray(), hash.toCharArray()).verified;
    }

    /** Spends the time of one verification without a user, see {@link Settings#dummyHash}. */
    void verifyNobody(String password) {
        verifier.verify(generate().toCharArray(), settings.dummyHash().toCharArray());
    }

    /** Throws a 400 naming {@code field} when {@code password} breaks the policy. */
    void requireAcceptable(String field, String password, String email) {
        if (password == null || password.isEmpty()) {
            throw ProblemException.invalidField(field, "is required");
        }
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw ProblemException.invalidField(field, "must be at least " + MIN_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw ProblemException.invalidField(field, "must be at most " + MAX_BYTES + " bytes");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (email != null && (lower.equals(email.toLowerCase(Locale.ROOT))
                || lower.contains(email.toLowerCase(Locale.ROOT).split("@")[0]) && email.split("@")[0].length() >= 4)) {
            throw ProblemException.invalidField(field, "must not be or contain the e-mail address");
        }
        if (common.contains(lower) || lower.chars().distinct().count() <= 2) {
            throw ProblemException.invalidField(field, "is too common; choose another one");
        }
    }

    /** A random password that satisfies the policy, for one-time passwords and setup secrets. */
    String generate() {
        StringBuilder password = new StringBuilder(20);
        for (int i = 0; i < 20; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    int cost() {
        return settings.cost();
    }

    private static Set<String> loadCommon() {
        Set<String> words = new HashSet<>();
        try (InputStream in = PasswordService.class.getResourceAsStream("common-passwords.txt");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            reader.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.toLowerCase(Locale.ROOT)).forEach(words::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return words;
    }
}
