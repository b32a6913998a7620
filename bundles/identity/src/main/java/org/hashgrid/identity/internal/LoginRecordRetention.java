package org.hashgrid.identity.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.hashgrid.core.Workers;
import org.hashgrid.model.persistence.Transactions;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Deletes login records older than the retention (one year by default), at start and daily. */
@Component(service = {}, immediate = true, configurationPid = IdentityConfig.PID)
public class LoginRecordRetention {
    private static final Logger LOG = LoggerFactory.getLogger(LoginRecordRetention.class);

    private final Transactions tx;
    private final Duration retention;
    private final ScheduledExecutorService scheduler;

    @Activate
    public LoginRecordRetention(IdentityConfig config,
            @Reference Transactions tx) {
        this.tx = tx;
        this.retention = Duration.ofDays(config.login_record_retention_days());
        this.scheduler = Workers.singleThread("hashgrid-login-record-retention");
        scheduler.scheduleWithFixedDelay(this::purge, 1, TimeUnit.DAYS.toMinutes(1), TimeUnit.MINUTES);
    }

    @Deactivate
    void close() {
        scheduler.shutdownNow();
    }

    /** Deletes what is older than the retention; returns how many rows went. */
    int purge() {
        try {
            int deleted = tx.call(em -> em
                    .createQuery("delete from LoginRecord r where r.loginTime < ?1")
                    .setParameter(1, Instant.now().minus(retention)).executeUpdate());
            if (deleted > 0) {
                LOG.info("Deleted {} login records older than {} days", deleted, retention.toDays());
            }
            return deleted;
        } catch (RuntimeException e) {
            LOG.warn("Login record retention failed; retried tomorrow", e);
            return 0;
        }
    }
}
