package org.hashgrid.secrets.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

import org.hashgrid.core.secrets.Sealed;
import org.hashgrid.core.secrets.SecretBox;
import org.hashgrid.core.secrets.SecretException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link SecretBox}: AES-256-GCM (the JCE's), a random 96-bit nonce per value, a 128-bit tag,
 * the caller's context as associated data. A sealed value is {@code nonce ‖ ciphertext ‖ tag} with
 * the id of its key beside it. Keys come from the key file ({@link KeyRing}), by default
 * {@code ${karaf.etc}/hashgrid-secrets.key}, created with a fresh random key on the first start;
 * the distribution ships no key.
 */
@Component(service = { SecretBox.class, AesGcmSecretBox.class }, configurationPid = AesGcmSecretBox.PID)
@Designate(ocd = AesGcmSecretBox.Config.class)
public class AesGcmSecretBox implements SecretBox {
    static final String PID = "org.hashgrid.secrets";
    static final String DEFAULT_FILE = "hashgrid-secrets.key";
    private static final Logger LOG = LoggerFactory.getLogger(AesGcmSecretBox.class);
    private static final String CIPHER = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    @ObjectClassDefinition(name = "Hashgrid secrets", description = "Where the keys of secrets stored at rest are")
    public @interface Config {
        @AttributeDefinition(name = "Key file", description = "Path of the key file; empty: ${karaf.etc}/"
                + DEFAULT_FILE + ". Created owner-only with a fresh key when absent", required = false)
        String key_file() default "";
    }

    /** The key file and what it held when last read; replaced whole. */
    private record State(Path file, KeyRing ring) {
    }

    private final SecureRandom random = new SecureRandom();
    private volatile State state;

    @Activate
    public AesGcmSecretBox(Config config) {
        this(file(config.key_file()));
    }

    AesGcmSecretBox(Path file) {
        state = load(file);
    }

    /** Another key file is read at once; when it cannot be, the keys held stay and one line says why. */
    @Modified
    synchronized void modified(Config config) {
        Path file = file(config.key_file());
        if (!file.equals(state.file())) {
            try {
                state = load(file);
            } catch (IllegalStateException e) {
                LOG.warn("Configuration {} refused: {}; the keys of {} stay", PID, e.getMessage(), state.file());
            }
        }
    }

    static Path file(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.strip()).toAbsolutePath();
        }
        String etc = System.getProperty("karaf.etc");
        if (etc == null) {
            throw new IllegalStateException("No key file: set key.file in " + PID + " (karaf.etc is not set)");
        }
        return Path.of(etc, DEFAULT_FILE).toAbsolutePath();
    }

    private State load(Path file) {
        try {
            KeyRing ring = KeyRing.readOrCreate(file, random, () -> LOG.info(
                    "Created the secrets key file {} (owner-only) with a new key; back it up with the database: "
                            + "without it, stored secrets cannot be opened",
                    file));
            KeyRing.exposure(file).ifPresent(LOG::warn);
            LOG.info("Secrets: {} key(s) from {}, sealing with {}", ring.keys().size(), file, ring.current().id());
            return new State(file, ring);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the secrets key file: " + e.getMessage(), e);
        }
    }

    @Override
    public Sealed seal(String secret, String context) {
        Objects.requireNonNull(secret, "secret");
        KeyRing.Key key = state.ring().current();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.ENCRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(context(context));
            byte[] plain = secret.getBytes(StandardCharsets.UTF_8);
            ByteBuffer out = ByteBuffer.allocate(NONCE_BYTES + cipher.getOutputSize(plain.length)).put(nonce);
            cipher.doFinal(ByteBuffer.wrap(plain), out);
            return new Sealed(key.id(), out.array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is part of every Java runtime", e);
        }
    }

    @Override
    public String open(Sealed sealed, String context) {
        KeyRing.Key key = state.ring().key(sealed.keyId()).orElseThrow(() -> new SecretException("Key "
                + sealed.keyId() + " is not in the key file " + state.file() + " (another installation's file, or "
                + "the key was retired)"));
        byte[] bytes = sealed.bytes();
        if (bytes.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new SecretException("A value sealed with key " + key.id() + " is truncated");
        }
        try {
            Cipher cipher = Cipher.getInstance(CIPHER);
            cipher.init(Cipher.DECRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, bytes, 0, NONCE_BYTES));
            cipher.updateAAD(context(context));
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new SecretException("A value sealed with key " + key.id() + " does not open: it was changed, or "
                    + "it belongs to another row than " + context);
        } catch (GeneralSecurityException e) {
            throw new SecretException("A value sealed with key " + key.id() + " does not open", e);
        }
    }

    private static byte[] context(String context) {
        return Objects.requireNonNull(context, "context").getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String currentKeyId() {
        return state.ring().current().id();
    }

    /** The ids of the keys held, oldest first. */
    public List<String> keyIds() {
        return state.ring().keys().stream().map(KeyRing.Key::id).toList();
    }

    /**
     * Adds a fresh key to the key file and seals with it from now on; the file is written before
     * the key is used, so no value is ever sealed with a key the file does not hold.
     *
     * @return the new key's id
     */
    public synchronized String addKey() {
        State now = state;
        KeyRing next = now.ring().withNewKey(random);
        write(now.file(), next);
        state = new State(now.file(), next);
        LOG.info("Secrets: new key {} added to {}; it seals new values", next.current().id(), now.file());
        return next.current().id();
    }

    /**
     * Removes every key but the current one from the key file: values still sealed with them can
     * no longer be opened, so call it only once every holder re-sealed its values.
     *
     * @return the ids removed
     */
    public synchronized List<String> retireOldKeys() {
        State now = state;
        List<String> retired = now.ring().keys().stream().map(KeyRing.Key::id)
                .filter(id -> !id.equals(now.ring().current().id())).toList();
        if (!retired.isEmpty()) {
            KeyRing next = now.ring().currentOnly();
            write(now.file(), next);
            state = new State(now.file(), next);
            LOG.info("Secrets: keys {} retired from {}", retired, now.file());
        }
        return retired;
    }

    private static void write(Path file, KeyRing ring) {
        try {
            ring.write(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the secrets key file " + file, e);
        }
    }
}
