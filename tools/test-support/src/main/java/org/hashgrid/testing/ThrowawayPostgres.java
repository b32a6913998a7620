package org.hashgrid.testing;

/** TEMPORARY until the embedded manager lands. */
record ThrowawayPostgres(int port, String user, String password) {
    static ThrowawayPostgres start() {
        throw new IllegalStateException("No PostgreSQL at HASHGRID_TEST_DB_URL or 127.0.0.1:5432");
    }
}
