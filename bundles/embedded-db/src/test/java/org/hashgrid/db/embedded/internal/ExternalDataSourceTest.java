package org.hashgrid.db.embedded.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationEvent;

class ExternalDataSourceTest {

    @TempDir
    Path etc;

    private final List<String> filtersAsked = new ArrayList<>();

    /** A Config Admin that answers listConfigurations with the given pids (null when none, as the spec says). */
    private ConfigurationAdmin configAdmin(String... pids) {
        return proxy(ConfigurationAdmin.class, (method, args) -> {
            assertEquals("listConfigurations", method);
            filtersAsked.add((String) args[0]);
            if (pids.length == 0) {
                return null;
            }
            Configuration[] found = new Configuration[pids.length];
            for (int i = 0; i < pids.length; i++) {
                String pid = pids[i];
                found[i] = proxy(Configuration.class, (m, a) -> pid);
            }
            return found;
        });
    }

    interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T proxy(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] { type },
                (p, method, args) -> answer.answer(method.getName(), args)));
    }

    @Test
    void nothingConfiguredMeansEmbedded() throws Exception {
        assertEquals(Optional.empty(), new ExternalDataSource(etc, configAdmin()).find());
        assertEquals(List.of("(&(service.factoryPid=org.ops4j.datasource)(dataSourceName=hashgrid))"), filtersAsked);
    }

    @Test
    void theFileInEtcCountsBeforeFileInstallReadsIt() throws Exception {
        Files.writeString(etc.resolve("org.ops4j.datasource-hashgrid.cfg"), "url=jdbc:postgresql://db:5432/hashgrid\n");
        Optional<String> found = new ExternalDataSource(etc, configAdmin()).find();
        assertEquals(Optional.of(etc.resolve("org.ops4j.datasource-hashgrid.cfg").toString()), found);
    }

    @Test
    void aConfigAdminConfigurationCounts() throws Exception {
        Optional<String> found = new ExternalDataSource(etc, configAdmin("org.ops4j.datasource.4f2a")).find();
        assertEquals(Optional.of("configuration org.ops4j.datasource.4f2a"), found);
    }

    @Test
    void otherDataSourceFilesDoNotCount() throws Exception {
        Files.writeString(etc.resolve("org.ops4j.datasource-reporting.cfg"), "dataSourceName=reporting\n");
        assertEquals(Optional.empty(), new ExternalDataSource(etc, configAdmin()).find());
    }

    @Test
    void onlyChangesOfDataSourceConfigurationsAreWorthACheck() {
        ServiceReference<ConfigurationAdmin> ref = proxy(ServiceReference.class, (m, a) -> null);
        assertTrue(ExternalDataSource.mayConfigure(
                new ConfigurationEvent(ref, ConfigurationEvent.CM_UPDATED, "org.ops4j.datasource",
                        "org.ops4j.datasource.1")));
        assertTrue(ExternalDataSource.mayConfigure(
                new ConfigurationEvent(ref, ConfigurationEvent.CM_DELETED, "org.ops4j.datasource",
                        "org.ops4j.datasource.1")));
        assertFalse(ExternalDataSource.mayConfigure(
                new ConfigurationEvent(ref, ConfigurationEvent.CM_LOCATION_CHANGED, "org.ops4j.datasource",
                        "org.ops4j.datasource.1")));
        assertFalse(ExternalDataSource.mayConfigure(
                new ConfigurationEvent(ref, ConfigurationEvent.CM_UPDATED, null, "org.hashgrid.db.embedded")));
    }
}
