package org.hashgrid.model.persistence;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import javax.sql.DataSource;

import org.postgresql.PGConnection;

/**
 * Verified archives of table rows, for retention: rows leave the database only in the
 * transaction that wrote them to an archive and read that archive back.
 * <p>
 * An archive is {@code <root>/<table>/<table>_yYYYYmMM.<created>.pgcopy.gz}: the rows of one
 * {@link ArchiveSlice} as PostgreSQL's binary {@code COPY} stream, gzip-compressed, beside a
 * {@code .manifest} in {@link Properties} format (table, source, columns, row count, SHA-256 of
 * the compressed file, creation time, time range). Properties rather than JSON: the model bundle
 * carries no JSON library, and the format escapes every value by itself. Both files are written
 * to a temporary name, forced to disk and moved into place atomically, so a file under its final
 * name is complete. Creation times in the name keep an archive from ever being replaced.
 * <p>
 * {@link #archiveAndDelete} and {@link #archiveAndDrop} run in one {@code REPEATABLE READ}
 * transaction: {@code COPY} the slice out, {@link #verify} the file (checksum, gzip, every tuple
 * framed, tuple count equal to the count PostgreSQL reported), then delete the slice's rows
 * (which must be exactly as many, seen in the same snapshot) or drop the detached partition.
 * Any failure rolls back and deletes the attempt's files: every archive left in the folder
 * passed verification and its rows are gone from the database, or the other way round.
 * {@link #restore} streams an archive back with {@code COPY … FROM STDIN (FORMAT binary)}.
 */
public final class TableArchives {
    static final String DATA_SUFFIX = ".pgcopy.gz";
    static final String MANIFEST_SUFFIX = ".manifest";
    private static final String FORMAT = "postgresql-binary-copy+gzip";
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)?");
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);
    private static final int BUFFER = 1 << 16;

    private final Path root;
    /** Called with each archive once written, before it is verified: where tests corrupt one. */
    private final Consumer<Archive> written;

    /** Archives under {@code root} (see {@link #directory}). */
    public TableArchives(Path root) {
        this(root, archive -> {
        });
    }

    TableArchives(Path root, Consumer<Archive> written) {
        this.root = root;
        this.written = written;
    }

    /**
     * The archive folder for a configured value: blank means {@code ${karaf.data}/archives};
     * a relative path is taken from {@code ${karaf.data}}. Outside Karaf (no {@code karaf.data})
     * {@code ./data} stands for it: never the temporary directory, whose cleaners would delete
     * the only copy of archived rows.
     */
    public static Path directory(String configured) {
        String data = System.getProperty("karaf.data");
        Path base = data == null || data.isBlank() ? Path.of("data").toAbsolutePath() : Path.of(data);
        return configured == null || configured.isBlank() ? base.resolve("archives") : base.resolve(configured.strip());
    }

    public Path root() {
        return root;
    }

    /**
     * Archives and deletes, month by month (UTC), the rows of {@code table} whose
     * {@code timeColumn} lies in a month that ends at or before {@code cutoff}: each month is
     * one archive and one transaction. Stops at the first month that fails (an exception); the
     * months before it stay archived and deleted.
     *
     * @return the archives written, oldest first
     */
    public List<Archive> archiveAndDeleteMonthsBefore(DataSource dataSource, String table, String timeColumn,
            Instant cutoff) throws SQLException, IOException {
        List<Archive> archives = new ArrayList<>();
        for (YearMonth month : monthsBefore(dataSource, table, timeColumn, cutoff)) {
            archives.add(archiveAndDelete(dataSource, ArchiveSlice.month(table, timeColumn, month)));
        }
        return archives;
    }

    /** Archives the rows of {@code slice}, verifies the archive, then deletes exactly those rows. */
    public Archive archiveAndDelete(DataSource dataSource, ArchiveSlice slice) throws SQLException, IOException {
        return archiveThen(dataSource, slice, (connection, archive) -> {
            try (Statement delete = connection.createStatement()) {
                long deleted = delete.executeLargeUpdate("DELETE FROM " + quote(slice.source()) + slice.where());
                if (deleted != archive.rows()) {
                    throw new SQLException("Deleting " + slice.name() + " would remove " + deleted
                            + " rows, the archive holds " + archive.rows() + "; nothing deleted");
                }
            }
        });
    }

    /**
     * Archives a whole table (a detached partition), locked against writes meanwhile, verifies
     * the archive, then drops the table.
     */
    public Archive archiveAndDrop(DataSource dataSource, ArchiveSlice slice) throws SQLException, IOException {
        if (slice.timeColumn() != null) {
            throw new IllegalArgumentException("Only a whole table is dropped, not " + slice.where());
        }
        return archiveThen(dataSource, slice, (connection, archive) -> execute(connection,
                "DROP TABLE " + quote(slice.source())));
    }

    private interface Removal {
        void remove(Connection connection, Archive archive) throws SQLException;
    }

    private Archive archiveThen(DataSource dataSource, ArchiveSlice slice, Removal removal)
            throws SQLException, IOException {
        try (Connection connection = dataSource.getConnection()) {
            int isolation = connection.getTransactionIsolation();
            boolean autoCommit = connection.getAutoCommit();
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setAutoCommit(false);
            try {
                Archive archive = null;
                try {
                    if (slice.timeColumn() == null) {
                        execute(connection, "LOCK TABLE " + quote(slice.source()) + " IN SHARE MODE");
                    }
                    archive = write(connection, slice);
                    written.accept(archive);
                    verify(archive);
                    removal.remove(connection, archive);
                } catch (SQLException | IOException | RuntimeException e) {
                    connection.rollback();
                    if (archive != null) {
                        delete(e, archive.manifest(), archive.file());
                    }
                    throw e;
                }
                // a commit that fails may still have committed: its archive stays
                connection.commit();
                return archive;
            } finally {
                connection.setAutoCommit(autoCommit);
                connection.setTransactionIsolation(isolation);
            }
        }
    }

    /** Writes the rows of {@code slice} to a new archive, in the transaction of {@code connection}. */
    public Archive write(Connection connection, ArchiveSlice slice) throws SQLException, IOException {
        List<String> columns = columns(connection, slice.source());
        Instant createdAt = Instant.now();
        Path folder = Files.createDirectories(root.resolve(slice.table()));
        Path file = folder.resolve(slice.name() + "." + STAMP.format(createdAt) + DATA_SUFFIX);
        Path temp = temporary(file);
        String copy = "COPY (SELECT " + columns.stream().map(TableArchives::quote).collect(Collectors.joining(", "))
                + " FROM " + quote(slice.source()) + slice.where() + ") TO STDOUT (FORMAT binary)";
        MessageDigest sha256 = sha256();
        try {
            long rows;
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    DigestOutputStream digested = new DigestOutputStream(
                            new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER), sha256);
                    GZIPOutputStream gzip = new GZIPOutputStream(digested, BUFFER)) {
                rows = connection.unwrap(PGConnection.class).getCopyAPI().copyOut(copy, gzip);
                gzip.finish();
                digested.flush();
                channel.force(true);
            }
            moveDurably(temp, file);
            Archive archive = new Archive(file, slice.table(), slice.source(), columns, rows,
                    HexFormat.of().formatHex(sha256.digest()), createdAt, slice.from(), slice.to());
            writeDurably(archive.manifest(), manifest(archive));
            return archive;
        } catch (SQLException | IOException | RuntimeException e) {
            delete(e, temp, file);
            throw e;
        }
    }

    /**
     * Reads {@code archive}'s file back: its SHA-256 must be the manifest's, it must be one
     * complete gzip stream holding one complete binary COPY stream of tuples as wide as the
     * manifest's columns, and exactly as many tuples as the manifest's row count.
     *
     * @throws IOException naming the first thing that does not hold
     */
    public static void verify(Archive archive) throws IOException {
        MessageDigest sha256 = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(archive.file()), sha256)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        String actual = HexFormat.of().formatHex(sha256.digest());
        if (!actual.equals(archive.sha256())) {
            throw new IOException("Archive " + archive.file() + " is corrupt: SHA-256 " + actual
                    + " differs from the manifest's " + archive.sha256());
        }
        long tuples;
        try (InputStream in = new GZIPInputStream(
                new BufferedInputStream(Files.newInputStream(archive.file()), BUFFER), BUFFER)) {
            tuples = BinaryCopy.countTuples(in, archive.columns().size());
        } catch (IOException e) {
            throw new IOException("Archive " + archive.file() + " is unreadable: " + e.getMessage(), e);
        }
        if (tuples != archive.rows()) {
            throw new IOException("Archive " + archive.file() + " holds " + tuples + " rows, the manifest "
                    + archive.rows());
        }
    }

    /** The archive of a {@code .manifest} or {@code .pgcopy.gz} file, from its manifest. */
    public static Archive open(Path path) throws IOException {
        String name = path.getFileName().toString();
        String base;
        if (name.endsWith(MANIFEST_SUFFIX)) {
            base = name.substring(0, name.length() - MANIFEST_SUFFIX.length());
        } else if (name.endsWith(DATA_SUFFIX)) {
            base = name.substring(0, name.length() - DATA_SUFFIX.length());
        } else {
            throw new IOException(path + " is not an archive: give its " + MANIFEST_SUFFIX + " or " + DATA_SUFFIX
                    + " file");
        }
        Path manifest = path.resolveSibling(base + MANIFEST_SUFFIX);
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(manifest)) {
            p.load(in);
        }
        try {
            if (!FORMAT.equals(p.getProperty("format"))) {
                throw new IllegalArgumentException("format is not " + FORMAT);
            }
            List<String> columns = List.of(required(p, "columns").split(","));
            columns.forEach(TableArchives::identifier);
            return new Archive(path.resolveSibling(base + DATA_SUFFIX), identifier(required(p, "table")),
                    identifier(required(p, "source")), columns, Long.parseLong(required(p, "rows")),
                    required(p, "sha256"), Instant.parse(required(p, "created_at")),
                    Instant.parse(required(p, "from")), Instant.parse(required(p, "to")));
        } catch (RuntimeException e) {
            throw new IOException("Manifest " + manifest + " is invalid: " + e.getMessage(), e);
        }
    }

    /**
     * Verifies {@code archive}, then copies its rows into {@code into} in one transaction,
     * first creating {@code into} like the archive's table when {@code create} is set. A table
     * with a unique key that already holds one of the rows refuses all of them.
     *
     * @return rows restored
     */
    public static long restore(Connection connection, Archive archive, String into, boolean create)
            throws SQLException, IOException {
        verify(archive);
        String target = quote(identifier(into));
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            if (create) {
                execute(connection, "CREATE TABLE " + target + " (LIKE " + quote(archive.table())
                        + " INCLUDING DEFAULTS)");
            }
            long rows;
            try (InputStream in = new GZIPInputStream(
                    new BufferedInputStream(Files.newInputStream(archive.file()), BUFFER), BUFFER)) {
                rows = connection.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY " + target + " ("
                        + archive.columns().stream().map(TableArchives::quote).collect(Collectors.joining(", "))
                        + ") FROM STDIN (FORMAT binary)", in, BUFFER);
            }
            connection.commit();
            return rows;
        } catch (SQLException | IOException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** The months (UTC) holding rows of {@code table} that end at or before {@code cutoff}. */
    private static List<YearMonth> monthsBefore(DataSource dataSource, String table, String timeColumn,
            Instant cutoff) throws SQLException {
        Instant end = ArchiveSlice.start(YearMonth.from(cutoff.atOffset(ZoneOffset.UTC)));
        List<YearMonth> months = new ArrayList<>();
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("SELECT DISTINCT date_trunc('month', "
                        + quote(identifier(timeColumn)) + ", 'UTC') FROM " + quote(identifier(table)) + " WHERE "
                        + quote(timeColumn) + " < ? ORDER BY 1")) {
            select.setTimestamp(1, Timestamp.from(end));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    months.add(YearMonth.from(rs.getTimestamp(1).toInstant().atOffset(ZoneOffset.UTC)));
                }
            }
        }
        return months;
    }

    private static List<String> columns(Connection connection, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT attname FROM pg_attribute "
                + "WHERE attrelid = ?::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum")) {
            select.setString(1, quote(table));
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    columns.add(identifier(rs.getString(1)));
                }
            }
        }
        return columns;
    }

    private static byte[] manifest(Archive archive) throws IOException {
        Properties p = new Properties();
        p.setProperty("format", FORMAT);
        p.setProperty("table", archive.table());
        p.setProperty("source", archive.source());
        p.setProperty("columns", String.join(",", archive.columns()));
        p.setProperty("rows", Long.toString(archive.rows()));
        p.setProperty("sha256", archive.sha256());
        p.setProperty("created_at", archive.createdAt().toString());
        p.setProperty("from", archive.from().toString());
        p.setProperty("to", archive.to().toString());
        p.setProperty("file", archive.file().getFileName().toString());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        p.store(bytes, "Hashgrid archive; restore: hashgrid:archive-restore " + archive.manifest().getFileName());
        return bytes.toByteArray();
    }

    private static void writeDurably(Path target, byte[] bytes) throws IOException {
        Path temp = temporary(target);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(true);
            moveDurably(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** An atomic rename, then the folder forced to disk so the rename survives a crash. */
    private static void moveDurably(Path temp, Path target) throws IOException {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel folder = FileChannel.open(target.getParent(), StandardOpenOption.READ)) {
            folder.force(true);
        } catch (IOException notSupported) {
            // some platforms cannot open a folder as a channel; the rename is atomic all the same
        }
    }

    /** Deletes the files of a failed attempt; what cannot be deleted is added to {@code failure}, which goes on. */
    private static void delete(Exception failure, Path... files) {
        for (Path file : files) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                failure.addSuppressed(e);
            }
        }
    }

    private static Path temporary(Path file) {
        return file.resolveSibling(file.getFileName() + ".tmp");
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static String required(Properties p, String key) {
        String value = p.getProperty(key);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + " is missing");
        }
        return value.strip();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    /** {@code name} when it is a lower-case SQL name, optionally schema-qualified. */
    static String identifier(String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a lower-case table or column name");
        }
        return name;
    }

    /** {@code name} quoted (each part of a qualified one): {@code timestamp} is a column of the operation log. */
    static String quote(String name) {
        return "\"" + identifier(name).replace(".", "\".\"") + "\"";
    }
}
