package org.hashgrid.model.persistence;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * An archive of table rows written by {@link TableArchives}: {@code file} holds them as a
 * gzip-compressed PostgreSQL binary {@code COPY} stream of {@code columns} ({@code .pgcopy.gz}),
 * and the manifest beside it ({@code .manifest}, {@link java.util.Properties} text) holds the
 * other components. {@code rows} is the count PostgreSQL reported for the {@code COPY},
 * {@code sha256} the digest of the compressed file, {@code from}/{@code to} the slice's time
 * range.
 */
public record Archive(Path file, String table, String source, List<String> columns, long rows, String sha256,
        Instant createdAt, Instant from, Instant to) {

    public Archive {
        columns = List.copyOf(columns);
    }

    /** The manifest file beside {@link #file}. */
    public Path manifest() {
        String name = file.getFileName().toString();
        return file.resolveSibling(
                name.substring(0, name.length() - TableArchives.DATA_SUFFIX.length()) + TableArchives.MANIFEST_SUFFIX);
    }
}
