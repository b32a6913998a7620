package org.hashgrid.db.embedded.internal;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/** The PostgreSQL server shipped inside this bundle as an xz-compressed tar (bin/, lib/, share/). */
final class PostgresBinaries {

    /** Written last, so a folder without it is a partial extraction (e.g. Karaf was killed). */
    private static final String COMPLETE_MARKER = ".complete";

    private final String version;
    private final String archive;

    PostgresBinaries(String version, String archive) {
        this.version = version;
        this.archive = archive;
    }

    /** The binaries this bundle was built with (see postgresql.properties, filled in by Maven). */
    static PostgresBinaries bundled() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = PostgresBinaries.class.getResourceAsStream("postgresql.properties")) {
            if (in == null) {
                throw new IOException("postgresql.properties is missing from the bundle");
            }
            properties.load(in);
        }
        return new PostgresBinaries(properties.getProperty("version"), properties.getProperty("archive"));
    }

    String version() {
        return version;
    }

    /** The shipped archive holds Linux x86-64 executables only. */
    static boolean runOn(String osName, String osArch) {
        return osName.toLowerCase(Locale.ROOT).startsWith("linux")
                && (osArch.equals("amd64") || osArch.equals("x86_64"));
    }

    /**
     * Extracts the archive into {@code base/<version>} unless a complete extraction is there, and
     * returns that folder. Files keep the archive's modes, so they are readable and executable by
     * everyone and the server account can use them without owning them.
     */
    Path installIn(Path base) throws IOException {
        Path dir = base.resolve(version);
        if (Files.exists(dir.resolve(COMPLETE_MARKER))) {
            return dir;
        }
        deleteTree(dir);
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, modeBits(0755));
        try (InputStream raw = PostgresBinaries.class.getResourceAsStream("/" + archive)) {
            if (raw == null) {
                throw new IOException(archive + " is missing from the bundle");
            }
            extract(new TarArchiveInputStream(new XZInputStream(new BufferedInputStream(raw, 1 << 16))), dir);
        }
        Files.writeString(dir.resolve(COMPLETE_MARKER), version);
        return dir;
    }

    private static void extract(TarArchiveInputStream tar, Path dir) throws IOException {
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            Path target = inside(dir, dir.resolve(entry.getName()));
            if (entry.isSymbolicLink()) {
                Path link = Path.of(entry.getLinkName());
                inside(dir, target.getParent().resolve(link));
                Files.createDirectories(target.getParent());
                Files.createSymbolicLink(target, link);
                continue; // a symbolic link has no mode of its own
            }
            if (entry.isDirectory()) {
                Files.createDirectories(target);
            } else {
                Files.createDirectories(target.getParent());
                if (entry.isLink()) {
                    Files.createLink(target, inside(dir, dir.resolve(entry.getLinkName())));
                } else {
                    Files.copy(tar, target);
                }
            }
            Files.setPosixFilePermissions(target, modeBits(entry.getMode()));
        }
    }

    /** Refuses archive entries that would land outside the extraction folder. */
    private static Path inside(Path dir, Path path) throws IOException {
        Path normal = path.normalize();
        if (!normal.startsWith(dir)) {
            throw new IOException("archive entry points outside " + dir + ": " + path);
        }
        return normal;
    }

    static Set<PosixFilePermission> modeBits(int mode) {
        Set<PosixFilePermission> bits = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ };
        for (int i = 0; i < order.length; i++) {
            if ((mode & (1 << i)) != 0) {
                bits.add(order[i]);
            }
        }
        return bits;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(root)) {
            for (Path p : (Iterable<Path>) tree.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
