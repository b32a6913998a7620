package org.hashgrid.db.embedded.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.osgi.framework.InvalidSyntaxException;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;

/**
 * Tells whether the operator configured the "hashgrid" DataSource for pax-jdbc-config, i.e. an
 * external PostgreSQL, in which case the embedded one must stay off. The file is checked as well
 * as Config Admin because Felix FileInstall may not have read etc/ yet when this bundle starts.
 */
final class ExternalDataSource {

    static final String FACTORY_PID = "org.ops4j.datasource";
    static final String NAME = "hashgrid";
    static final String FILE_NAME = FACTORY_PID + "-" + NAME + ".cfg";
    static final String FILTER = "(&(service.factoryPid=" + FACTORY_PID + ")(dataSourceName=" + NAME + "))";

    private final Path etc;
    private final ConfigurationAdmin configAdmin;

    ExternalDataSource(Path etc, ConfigurationAdmin configAdmin) {
        this.etc = etc;
        this.configAdmin = configAdmin;
    }

    /** Where the external DataSource is configured, or empty when it is not. */
    Optional<String> find() throws IOException {
        Path file = etc.resolve(FILE_NAME);
        if (Files.exists(file)) {
            return Optional.of(file.toString());
        }
        try {
            Configuration[] found = configAdmin.listConfigurations(FILTER);
            return found == null || found.length == 0 ? Optional.empty()
                    : Optional.of("configuration " + found[0].getPid());
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException("constant filter " + FILTER, e);
        }
    }

    /** Events worth a new {@link #find()}: a pax-jdbc-config DataSource created, changed or deleted. */
    static boolean mayConfigure(ConfigurationEvent event) {
        return event.getType() != ConfigurationEvent.CM_LOCATION_CHANGED && FACTORY_PID.equals(event.getFactoryPid());
    }
}
