package org.hashgrid.identity.internal.jaas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;

import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.modules.properties.PropertiesLoginModule;
import org.apache.karaf.jaas.modules.publickey.PublickeyLoginModule;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** The realm's entries as Karaf's proxy module needs them; the login itself is tested with the module. */
class ConsoleRealmTest {

    @Test
    void hashgridFirstThenKarafsFilesEachSufficientAndLoadedFromThisBundle() {
        BundleContext context = context(42);
        ConsoleRealm realm = new ConsoleRealm(context, null, Map.of("encryption.enabled", "true",
                "encryption.algorithm", "SHA-256", "component.name", "x", "detailed.login.exception", "false"));
        assertEquals("karaf", realm.getName());
        assertTrue(realm.getRank() > 0, "Karaf's own realm has rank 0");
        AppConfigurationEntry[] entries = realm.getEntries();
        assertEquals(List.of(HashgridLoginModule.class.getName(), PropertiesLoginModule.class.getName(),
                PublickeyLoginModule.class.getName()),
                Arrays.stream(entries).map(e -> e.getOptions().get(ProxyLoginModule.PROPERTY_MODULE)).toList());
        for (AppConfigurationEntry entry : entries) {
            assertEquals(ProxyLoginModule.class.getName(), entry.getLoginModuleName());
            assertEquals(LoginModuleControlFlag.SUFFICIENT, entry.getControlFlag());
            assertEquals("42", entry.getOptions().get(ProxyLoginModule.PROPERTY_BUNDLE));
            assertSame(context, entry.getOptions().get(BundleContext.class.getName()));
            assertFalse(entry.getOptions().containsKey("component.name"));
        }
        Map<String, ?> users = entries[1].getOptions();
        assertEquals("true", users.get("encryption.enabled"));
        assertEquals("SHA-256", users.get("encryption.algorithm"));
        assertTrue(((String) users.get("users")).endsWith("users.properties"));
        assertTrue(((String) entries[2].getOptions().get("users")).endsWith("keys.properties"));
        assertTrue(entries[0].getOptions().containsKey(HashgridLoginModule.LOGINS));
    }

    private static BundleContext context(long bundleId) {
        Bundle bundle = (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] { Bundle.class },
                (proxy, method, args) -> method.getName().equals("getBundleId") ? bundleId : null);
        return (BundleContext) Proxy.newProxyInstance(BundleContext.class.getClassLoader(),
                new Class<?>[] { BundleContext.class },
                (proxy, method, args) -> method.getName().equals("getBundle") ? bundle : null);
    }
}
