/**
 * The persistence toolkit every module uses on the shared unit {@code hashgrid}: one transaction
 * facade ({@link org.hashgrid.model.persistence.Transactions}), keyset pages on any ascending,
 * descending or composite order ({@link org.hashgrid.model.persistence.Keyset}), typed filters
 * including the caller's owner scope ({@link org.hashgrid.model.persistence.Filter}), and
 * find-or-404 ({@link org.hashgrid.model.persistence.Entities}). Queries are built with the
 * Criteria API, never by concatenating JPQL. Retention archives rows it removes with
 * {@link org.hashgrid.model.persistence.TableArchives}: verified, compressed binary COPY files
 * that restore with one command (since 1.1).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package org.hashgrid.model.persistence;
