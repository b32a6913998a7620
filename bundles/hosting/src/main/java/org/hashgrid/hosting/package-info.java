/**
 * The hosting inventory as other modules see it: sites, miner models, miners and their operation
 * log as domain records, the {@link org.hashgrid.hosting.MinerInventory} service through which
 * telemetry and curtailment read miners and change their status, and the
 * {@link org.hashgrid.hosting.InventoryHold} SPI through which a module keeps inventory it
 * refers to from being deleted. Hosting owns the tables {@code hosting_sites},
 * {@code miner_models}, {@code hosting_miners}, {@code miner_operation_log},
 * {@code miner_action_requests}, {@code idempotency_keys} and {@code miner_credentials}; no other
 * module writes them.
 */
@Export
@Version("1.5.0")
package org.hashgrid.hosting;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
