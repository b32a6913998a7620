package org.hashgrid.identity.internal.jaas;

import java.io.File;
import java.util.HashMap;
import java.util.Map;

import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.AppConfigurationEntry.LoginModuleControlFlag;
import javax.security.auth.spi.LoginModule;

import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.config.JaasRealm;
import org.apache.karaf.jaas.modules.properties.PropertiesLoginModule;
import org.apache.karaf.jaas.modules.publickey.PublickeyLoginModule;
import org.hashgrid.identity.internal.LoginService;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

/**
 * The JAAS realm {@code karaf}, which the SSH console ({@code sshRealm}) and the Web Console
 * log in against, ranked above Karaf's own realm so that it wins while this bundle runs. Each
 * entry is sufficient on its own: first a Hashgrid owner's or admin's e-mail and password, then,
 * as a break-glass, the accounts of {@code etc/users.properties} and the SSH keys of
 * {@code etc/keys.properties}, as Karaf's own realm has them. When this bundle stops, the service
 * goes away and Karaf's realm (those two files) answers again.
 */
@Component(service = JaasRealm.class, configurationPid = ConsoleRealm.KARAF_JAAS_PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class ConsoleRealm implements JaasRealm {
    static final String NAME = "karaf";
    /** Karaf's own realm of the same name has rank 0; the highest rank wins. */
    static final int RANK = 1;
    /** Karaf's JAAS settings, e.g. whether users.properties passwords are digested; read as Karaf's realm reads them. */
    static final String KARAF_JAAS_PID = "org.apache.karaf.jaas";

    private final AppConfigurationEntry[] entries;

    @Activate
    public ConsoleRealm(BundleContext context, @Reference LoginService logins, Map<String, Object> karafJaas) {
        String etc = System.getProperty("karaf.etc");
        Map<String, Object> hashgrid = new HashMap<>();
        hashgrid.put(HashgridLoginModule.LOGINS, logins);
        Map<String, Object> users = passedOn(karafJaas);
        users.put("users", etc + File.separator + "users.properties");
        Map<String, Object> keys = passedOn(karafJaas);
        keys.put("users", etc + File.separator + "keys.properties");
        entries = new AppConfigurationEntry[] {
            entry(context, HashgridLoginModule.class, hashgrid),
            entry(context, PropertiesLoginModule.class, users),
            entry(context, PublickeyLoginModule.class, keys),
        };
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public int getRank() {
        return RANK;
    }

    @Override
    public AppConfigurationEntry[] getEntries() {
        return entries.clone();
    }

    /** The Karaf settings the file-based modules understand: password digests and error detail. */
    private static Map<String, Object> passedOn(Map<String, Object> karafJaas) {
        Map<String, Object> options = new HashMap<>();
        karafJaas.forEach((key, value) -> {
            if (key.startsWith("encryption.") || key.equals("detailed.login.exception")) {
                options.put(key, value);
            }
        });
        return options;
    }

    /**
     * An entry through Karaf's proxy module, which loads {@code module} from this bundle (it
     * imports the Karaf ones). Karaf's modules find their digest service through the bundle
     * context option.
     */
    private static AppConfigurationEntry entry(BundleContext context, Class<? extends LoginModule> module,
            Map<String, Object> options) {
        options.put(BundleContext.class.getName(), context);
        options.put(ProxyLoginModule.PROPERTY_MODULE, module.getName());
        options.put(ProxyLoginModule.PROPERTY_BUNDLE, Long.toString(context.getBundle().getBundleId()));
        return new AppConfigurationEntry(ProxyLoginModule.class.getName(), LoginModuleControlFlag.SUFFICIENT,
                options);
    }
}
