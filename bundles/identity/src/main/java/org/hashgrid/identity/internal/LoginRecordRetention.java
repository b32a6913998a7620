package org.hashgrid.identity.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import org.hashgrid.core.ConfigCheck;
import org.hashgrid.core.PeriodicJob;
import org.hashgrid.model.persistence.Transactions;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes login records older than the retention (one year by default), a minute after start
 * and then daily. A changed retention reschedules the purge on the same thread: it runs a minute
 * later with the new retention, then daily again.
 */
@Component(service = {}, immediate = true, configurationPid = IdentityConfig.PID)
public class LoginRecordRetention {
    private static final Logger LOG = LoggerFactory.getLogger(LoginRecordRetention.class);
    private static final long FIRST_RUN_MINUTES = 1;
    private static final long PERIOD_MINUTES = TimeUnit.DAYS.toMinutes(1);

    private final Transactions tx;
    private final PeriodicJob job = new PeriodicJob("hashgrid-login-record-retention", this::purge);
    private volatile Duration retention;

    @Activate
    public LoginRecordRetention(IdentityConfig config,
            @Reference Transactions tx) {
        this.tx = tx;
        modified(config);
    }

    @Modified
    synchronized void modified(IdentityConfig config) {
        retention = ConfigCheck.apply(IdentityConfig.PID, IdentityConfig.class, config, retention,
                (check, c) -> Duration.ofDays(check.atLeast("login.record.retention.days",
                        c::login_record_retention_days, 1)),
                LOG::warn);
        job.schedule(retention, Duration.ofMinutes(FIRST_RUN_MINUTES), Duration.ofMinutes(PERIOD_MINUTES));
    }

    @Deactivate
    void close() {
        job.stop();
    }

    Duration retention() {
        return retention;
    }

    /** Deletes what is older than the retention; returns how many rows went. */
    int purge() {
        Duration keep = retention;
        try {
            int deleted = tx.call(em -> em
                    .createQuery("delete from LoginRecord r where r.loginTime < ?1")
                    .setParameter(1, Instant.now().minus(keep)).executeUpdate());
            if (deleted > 0) {
                LOG.info("Deleted {} login records older than {} days", deleted, keep.toDays());
            }
            return deleted;
        } catch (RuntimeException e) {
            LOG.warn("Login record retention failed; retried tomorrow", e);
            return 0;
        }
    }
}
