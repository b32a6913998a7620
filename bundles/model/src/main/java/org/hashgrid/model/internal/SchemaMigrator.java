package org.hashgrid.model.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.hashgrid.core.HealthCheck;
import org.hashgrid.core.HealthContributor;
import org.hashgrid.core.Workers;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.RanChangeSet;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.resource.ClassLoaderResourceAccessor;
import liquibase.ui.LoggerUIService;

/**
 * Brings the database schema to the version this bundle knows, then publishes the DataSource
 * to the persistence unit: {@code persistence.xml} binds only a DataSource carrying
 * {@value #SCHEMA_PROPERTY}, so the unit never serves an unmigrated database. A database
 * whose schema is newer than this code is left untouched and the unit stays down.
 */
@Component(service = HealthContributor.class, immediate = true)
public class SchemaMigrator implements HealthContributor {
    static final String CHANGELOG = "db/changelog/master.xml";
    static final String SCHEMA_PROPERTY = "hashgrid.schema";
    private static final int RETRY_SECONDS = 10;
    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrator.class);

    private final BundleContext context;
    private final DataSource dataSource;
    private final ScheduledExecutorService worker;
    private volatile String schemaVersion;
    private volatile String failure;
    private ServiceRegistration<DataSource> published;
    private boolean closed;

    /**
     * Migrates on a thread of its own, so the rest of the platform keeps starting meanwhile; the
     * persistence unit appears when the DataSource is published at the end.
     */
    @Activate
    public SchemaMigrator(BundleContext context,
            @Reference(target = "(&(osgi.jndi.service.name=hashgrid)(!(" + SCHEMA_PROPERTY
                    + "=*)))") DataSource dataSource) {
        this.context = context;
        this.dataSource = dataSource;
        this.worker = Workers.singleThread("hashgrid-schema-migration");
        worker.execute(this::migrateAndPublish);
    }

    private void migrateAndPublish() {
        try {
            String version = migrate(dataSource);
            synchronized (this) {
                if (!closed) {
                    failure = null;
                    schemaVersion = version;
                    published = publish(context, dataSource, version);
                }
            }
        } catch (SchemaTooNewException e) {
            failure = "The database schema is newer than this Hashgrid; see the log";
            LOG.error("{} The persistence unit 'hashgrid' stays stopped and nothing was changed. Upgrade Hashgrid "
                    + "or point etc/org.ops4j.datasource-hashgrid.cfg at a database of this version.", e.getMessage());
        } catch (Exception e) {
            // e.g. the database restarting while the platform boots: try again rather than stay down
            failure = "Schema migration failed; retrying every " + RETRY_SECONDS + " s, see the log";
            LOG.error("Schema migration failed; retrying in {} s", RETRY_SECONDS, e);
            if (!worker.isShutdown()) {
                worker.schedule(this::migrateAndPublish, RETRY_SECONDS, TimeUnit.SECONDS);
            }
        }
    }

    @Deactivate
    void close() {
        worker.shutdownNow();
        synchronized (this) {
            closed = true;
            if (published != null) {
                published.unregister();
                published = null;
            }
        }
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public HealthCheck check() {
        if (failure != null) {
            return HealthCheck.down(failure);
        }
        if (schemaVersion == null) {
            return HealthCheck.down("migrating the schema");
        }
        long start = System.nanoTime();
        try (Connection connection = dataSource.getConnection()) {
            if (!connection.isValid(2)) {
                return HealthCheck.down("database does not answer");
            }
        } catch (SQLException e) {
            return HealthCheck.down("database unreachable (SQLState " + e.getSQLState() + ")");
        }
        long micros = (System.nanoTime() - start) / 1_000;
        return HealthCheck.up(Map.of("schema_version", schemaVersion, "latency_ms", micros / 1000.0));
    }

    private static ServiceRegistration<DataSource> publish(BundleContext context, DataSource dataSource,
            String version) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("osgi.jndi.service.name", "hashgrid");
        properties.put(SCHEMA_PROPERTY, "migrated");
        properties.put(SCHEMA_PROPERTY + ".version", version);
        return context.registerService(DataSource.class, dataSource, properties);
    }

    /** Applies pending changesets and returns the id of the newest one. */
    public static String migrate(DataSource dataSource) throws Exception {
        ClassLoader bundleLoader = SchemaMigrator.class.getClassLoader();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // Liquibase finds its extensions through the context class loader and Scope.
        thread.setContextClassLoader(bundleLoader);
        try (Connection connection = dataSource.getConnection()) {
            // Liquibase reports through the log, not on the operator's console (stdout).
            return Scope.child(Map.of(Scope.Attr.classLoader.name(), bundleLoader,
                    Scope.Attr.ui.name(), new LoggerUIService(),
                    "liquibase.command.showSummaryOutput", "LOG"), () -> update(connection, bundleLoader));
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static String update(Connection connection, ClassLoader loader) throws Exception {
        Database database = DatabaseFactory.getInstance()
                .findCorrectDatabaseImplementation(new JdbcConnection(connection));
        try (Liquibase liquibase = new Liquibase(CHANGELOG, new ClassLoaderResourceAccessor(loader), database)) {
            Contexts contexts = new Contexts();
            LabelExpression labels = new LabelExpression();
            List<RanChangeSet> unknown = List.copyOf(liquibase.listUnexpectedChangeSets(contexts, labels));
            if (!unknown.isEmpty()) {
                throw new SchemaTooNewException(unknown.stream().map(RanChangeSet::getId)
                        .collect(Collectors.joining(", ")));
            }
            int pending = liquibase.listUnrunChangeSets(contexts, labels).size();
            long start = System.nanoTime();
            liquibase.update(contexts, labels);
            List<ChangeSet> known = liquibase.getDatabaseChangeLog().getChangeSets();
            String version = known.get(known.size() - 1).getId();
            if (pending > 0) {
                LOG.info("Applied {} schema changesets in {} ms; schema is at {}", pending,
                        (System.nanoTime() - start) / 1_000_000, version);
            } else {
                LOG.info("Schema is up to date at {}", version);
            }
            return version;
        }
    }

    static final class SchemaTooNewException extends Exception {
        private static final long serialVersionUID = 1L;

        SchemaTooNewException(String unknownIds) {
            super("The database schema is newer than this Hashgrid: it holds changesets this version does not "
                    + "know (" + unknownIds + ").");
        }
    }
}
