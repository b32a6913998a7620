package org.hashgrid.secrets.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The keys of the platform's secrets, as kept in the key file: one {@code <id>=<base64 key>} line
 * per AES-256 key, oldest first; the last one seals new values, the others still open what they
 * sealed. The file is written owner-only ({@code 0600}) and replaced atomically, so a reader never
 * sees half a file. Immutable: a new key or a retirement makes a new ring.
 */
final class KeyRing {
    static final int KEY_BYTES = 32;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);
    private static final String HEADER =
            "# Hashgrid secrets key ring: <id>=<base64 AES-256 key>, oldest first; the last"
                    + " key seals new values.\n# Keep this file owner-only and back it up: without it, stored secrets cannot be"
                    + " opened.\n";

    /** One key; {@link #toString()} shows the id only. */
    record Key(String id, SecretKey key) {
        @Override
        public String toString() {
            return "Key[" + id + "]";
        }
    }

    private final List<Key> keys;

    private KeyRing(List<Key> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a key ring needs a key");
        }
        this.keys = List.copyOf(keys);
    }

    /** A ring of one fresh random key. */
    static KeyRing generate(SecureRandom random) {
        return new KeyRing(List.of(newKey(random)));
    }

    Key current() {
        return keys.get(keys.size() - 1);
    }

    Optional<Key> key(String id) {
        return keys.stream().filter(k -> k.id().equals(id)).findFirst();
    }

    List<Key> keys() {
        return keys;
    }

    /** This ring with a fresh key that becomes the current one. */
    KeyRing withNewKey(SecureRandom random) {
        List<Key> more = new ArrayList<>(keys);
        more.add(newKey(random));
        return new KeyRing(more);
    }

    /** This ring with the current key alone. */
    KeyRing currentOnly() {
        return new KeyRing(List.of(current()));
    }

    private static Key newKey(SecureRandom random) {
        byte[] bytes = new byte[KEY_BYTES];
        random.nextBytes(bytes);
        return key(bytes);
    }

    /** The id is a digest of the key: a key file from another installation names other keys. */
    private static Key key(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return new Key("k" + HexFormat.of().formatHex(digest, 0, 6), new SecretKeySpec(bytes, "AES"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /**
     * The ring in {@code file}; when there is no file, a fresh ring written there first, owner-only
     * ({@code created} is told). Two starts racing create one file: the second reads it.
     */
    static KeyRing readOrCreate(Path file, SecureRandom random, Runnable created) throws IOException {
        try {
            return read(file);
        } catch (NoSuchFileException absent) {
            KeyRing fresh = generate(random);
            Files.createDirectories(file.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(Files.createFile(file, ownerOnly(file)),
                    StandardOpenOption.WRITE)) {
                out.write(fresh.text().getBytes(StandardCharsets.US_ASCII));
            } catch (FileAlreadyExistsException raced) {
                return read(file);
            }
            created.run();
            return fresh;
        }
    }

    static KeyRing read(Path file) throws IOException {
        List<Key> keys = new ArrayList<>();
        int number = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
            number++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            int equals = text.indexOf('=');
            String id = equals < 0 ? "" : text.substring(0, equals).strip();
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(text.substring(equals + 1).strip());
            } catch (IllegalArgumentException e) {
                bytes = new byte[0];
            }
            if (!ID.matcher(id).matches() || bytes.length != KEY_BYTES) {
                // the line itself is never shown: it holds a key
                throw new IOException("Key file " + file + ", line " + number + ": not <id>=<base64 of "
                        + KEY_BYTES + " bytes>");
            }
            Key key = key(bytes);
            if (!key.id().equals(id)) {
                throw new IOException("Key file " + file + ", line " + number + ": the id " + id
                        + " does not belong to its key (ids are digests of the keys; was the line edited?)");
            }
            keys.add(key);
        }
        if (keys.isEmpty()) {
            throw new IOException("Key file " + file + " holds no key");
        }
        return new KeyRing(keys);
    }

    /** Replaces {@code file} with this ring: a temporary owner-only file, forced, then renamed over it. */
    void write(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp", ownerOnly(file));
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(text().getBytes(StandardCharsets.US_ASCII)));
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Why {@code file} is not owner-only, or empty (also where the file system has no POSIX permissions). */
    static Optional<String> exposure(Path file) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
        if (view == null) {
            return Optional.empty();
        }
        Set<PosixFilePermission> permissions = view.readAttributes().permissions();
        return OWNER_ONLY.containsAll(permissions) ? Optional.empty()
                : Optional.of("key file " + file + " has permissions " + PosixFilePermissions.toString(permissions)
                        + "; only its owner should read it (chmod 600)");
    }

    private static FileAttribute<?>[] ownerOnly(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        boolean posix = Files.getFileStore(Files.exists(dir) ? dir : dir.getRoot())
                .supportsFileAttributeView(PosixFileAttributeView.class);
        return posix ? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(OWNER_ONLY) }
                : new FileAttribute<?>[0];
    }

    private String text() {
        StringBuilder text = new StringBuilder(HEADER);
        Base64.Encoder base64 = Base64.getEncoder();
        keys.forEach(k -> text.append(k.id()).append('=').append(base64.encodeToString(k.key().getEncoded()))
                .append('\n'));
        return text.toString();
    }

    @Override
    public String toString() {
        return "KeyRing" + keys;
    }
}
