/**
 * Hashgrid's shared persistence unit {@code hashgrid}: one JPA entity per table, the enumerated
 * column values as Java enums, and the attribute converters the unit needs.
 *
 * <p>Foreign keys are plain id attributes, not associations: list queries never load related rows
 * behind the caller's back, and a caller that needs a related name joins explicitly in JPQL
 * ({@code select m, s.name from HostingMiner m join HostingSite s on s.id = m.siteId}).
 * Enumerated columns are {@code String} attributes holding the database spelling; the table's
 * CHECK constraint is the guard, the enums ({@link org.hashgrid.model.DbEnum}) let services validate
 * input before it gets there. Timestamps are {@link java.time.Instant} (UTC); units are named in
 * each entity's documentation.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.3.0")
package org.hashgrid.model;
