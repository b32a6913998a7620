package org.hashgrid.db.embedded.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.Hashtable;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.ops4j.pax.jdbc.pool.common.PooledDataSourceFactory;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;
import org.osgi.service.cm.ConfigurationListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.jdbc.DataSourceFactory;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default database: unless an external "hashgrid" DataSource is configured, runs a
 * PostgreSQL in {@code ${karaf.data}/postgresql} and registers a pooled DataSource for it with the
 * same service properties pax-jdbc-config would give an external one, so consumers cannot tell.
 * Extraction, initdb and start take seconds, so they run on a thread of their own; start,
 * switch-off and stop all run on that one thread, in order, which also guards the mutable state.
 */
@Component(configurationPid = EmbeddedPostgres.PID, service = ConfigurationListener.class, immediate = true)
@Designate(ocd = EmbeddedPostgres.Config.class)
public class EmbeddedPostgres implements ConfigurationListener {

    static final String PID = "org.hashgrid.db.embedded";
    static final String DATABASE = "hashgrid";

    @ObjectClassDefinition(name = "Hashgrid embedded PostgreSQL",
            description = "A PostgreSQL that Hashgrid runs in its data folder when no external database is configured"
                    + " (etc/org.ops4j.datasource-hashgrid.cfg).")
    public @interface Config {
        @AttributeDefinition(description = "Run the embedded PostgreSQL when no external database is configured.")
        boolean enabled() default true;

        @AttributeDefinition(description = "TCP port on 127.0.0.1; 0 picks a free port at each start.", min = "0",
                max = "65535")
        int port() default 0;

        @AttributeDefinition(description = "Most connections in the pool.", min = "1")
        int pool_max_size() default 30;

        @AttributeDefinition(description = "Idle connections the pool keeps open.", min = "0")
        int pool_min_idle() default 10;

        @AttributeDefinition(description = "Seconds allowed for the server to start, and to stop.", min = "1")
        int startup_timeout_s() default 60;
    }

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgres.class);

    private final BundleContext context;
    private final Config config;
    private final DataSourceFactory driver;
    private final PooledDataSourceFactory pooling;
    private final ConfigurationAdmin configAdmin;
    private final ExecutorService lifecycle = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "hashgrid-embedded-postgres");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean closing;

    // Owned by the lifecycle thread.
    private PostgresServer server;
    private DataSource pool;
    private ServiceRegistration<DataSource> registration;

    @Activate
    public EmbeddedPostgres(BundleContext context, Config config,
            @Reference(target = "(osgi.jdbc.driver.name=PostgreSQL JDBC Driver)") DataSourceFactory driver,
            @Reference(target = "(&(pool=hikari)(xa=false))") PooledDataSourceFactory pooling,
            @Reference ConfigurationAdmin configAdmin) {
        this.context = context;
        this.config = config;
        this.driver = driver;
        this.pooling = pooling;
        this.configAdmin = configAdmin;
    }

    @Activate
    void activate() {
        if (config.enabled()) {
            lifecycle.execute(this::followExternalConfiguration);
        } else {
            LOG.info("Embedded PostgreSQL disabled by configuration ({}: enabled=false)", PID);
        }
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        closing = true;
        lifecycle.execute(this::shutDown);
        lifecycle.shutdown();
        // A start in progress (first extraction, initdb) finishes first; then the server stops.
        if (!lifecycle.awaitTermination(config.startup_timeout_s() * 5L + 30, TimeUnit.SECONDS)) {
            LOG.warn("Embedded PostgreSQL did not stop in time");
        }
    }

    @Override
    public void configurationEvent(ConfigurationEvent event) {
        if (closing || !config.enabled() || !ExternalDataSource.mayConfigure(event)) {
            return;
        }
        try {
            lifecycle.execute(this::followExternalConfiguration);
        } catch (RejectedExecutionException e) {
            // deactivated meanwhile: the server is stopping anyway
        }
    }

    /** Runs the embedded server exactly while no external database is configured. */
    private void followExternalConfiguration() {
        try {
            Optional<String> external = externalDataSource().find();
            if (external.isPresent() && server != null) {
                LOG.info(
                        "External database configured ({}): withdrawing the embedded DataSource and stopping the embedded"
                                + " PostgreSQL",
                        external.get());
                shutDown();
            } else if (external.isPresent()) {
                LOG.info("External database configured ({}): the embedded PostgreSQL stays off", external.get());
            } else if (server == null) {
                start();
            }
        } catch (Exception e) {
            LOG.error("Embedded PostgreSQL failed to start: {}", e.toString(), e);
            shutDown();
        }
    }

    private void start() throws Exception {
        long began = System.nanoTime();
        if (!PostgresBinaries.runOn(System.getProperty("os.name"), System.getProperty("os.arch"))) {
            LOG.warn("The embedded PostgreSQL is built for Linux x86-64 only, not {} {}: configure an external database"
                    + " in etc/{}", System.getProperty("os.name"), System.getProperty("os.arch"),
                    ExternalDataSource.FILE_NAME);
            return;
        }
        PostgresBinaries binaries = PostgresBinaries.bundled();
        Path data = Path.of(context.getProperty("karaf.data"));
        server = new PostgresServer(binaries, ServerAccount.forThisProcess(), data.resolve("postgresql"),
                data.resolve("log").resolve("postgresql.log"), Path.of("/var/tmp"),
                Duration.ofSeconds(config.startup_timeout_s()));
        server.start(config.port());
        if (closing) {
            return; // the queued shutDown stops it
        }
        try (Connection admin = driver.createDataSource(connectionProperties("postgres")).getConnection()) {
            if (PostgresServer.createDatabaseIfAbsent(admin, DATABASE)) {
                LOG.info("Created database {}", DATABASE);
            }
        }
        Properties poolConfig = connectionProperties(DATABASE);
        // pax-jdbc-pool-hikaricp hands "hikari."-prefixed keys to HikariConfig and the rest to the driver.
        poolConfig.setProperty("hikari.maximumPoolSize", Integer.toString(config.pool_max_size()));
        poolConfig.setProperty("hikari.minimumIdle", Integer.toString(config.pool_min_idle()));
        poolConfig.setProperty("hikari.poolName", DATABASE);
        pool = pooling.create(driver, poolConfig);
        // Logged before registering: consumers (the schema migrator) run inside registerService.
        LOG.info("Embedded PostgreSQL {} ready in {} ms: {} (user {}, password in {})", binaries.version(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began), server.jdbcUrl(DATABASE),
                PostgresServer.SUPERUSER,
                data.resolve("postgresql").resolve("password"));

        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("osgi.jndi.service.name", DATABASE);
        properties.put("dataSourceName", DATABASE);
        properties.put("hashgrid.embedded", Boolean.TRUE);
        registration = context.registerService(DataSource.class, pool, properties);
    }

    private void shutDown() {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
        if (pool instanceof AutoCloseable) {
            try {
                ((AutoCloseable) pool).close();
            } catch (Exception e) {
                LOG.warn("Closing the embedded PostgreSQL pool failed: {}", e.toString());
            }
        }
        pool = null;
        if (server != null) {
            try {
                server.stop();
            } catch (Exception e) {
                LOG.error("Stopping the embedded PostgreSQL failed: {}", e.toString(), e);
            }
            server = null;
        }
    }

    private ExternalDataSource externalDataSource() {
        return new ExternalDataSource(Path.of(context.getProperty("karaf.etc")), configAdmin);
    }

    private Properties connectionProperties(String database) {
        Properties properties = new Properties();
        properties.setProperty(DataSourceFactory.JDBC_URL, server.jdbcUrl(database));
        properties.setProperty(DataSourceFactory.JDBC_USER, PostgresServer.SUPERUSER);
        properties.setProperty(DataSourceFactory.JDBC_PASSWORD, server.password());
        return properties;
    }
}
