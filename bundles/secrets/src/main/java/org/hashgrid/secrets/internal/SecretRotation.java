package org.hashgrid.secrets.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.hashgrid.core.secrets.SecretHolder;
import org.hashgrid.model.persistence.Transactions;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rotates the key of the stored secrets: a new key becomes current (written to the key file
 * first), then every {@link SecretHolder} re-seals its values in one transaction of the unit, all
 * or none. A failed re-seal leaves every value as it was, still readable: the old keys stay in
 * the file. Retiring the old keys is a separate decision (backups of the database still need
 * them), taken only after a second pass found nothing left to re-seal.
 */
@Component(service = SecretRotation.class)
public class SecretRotation {
    private static final Logger LOG = LoggerFactory.getLogger(SecretRotation.class);

    /** What a rotation did: the new key, the values re-sealed per holder, the keys retired. */
    public record Report(String keyId, Map<String, Integer> resealed, List<String> retired) {
    }

    private final AesGcmSecretBox box;
    private final Transactions tx;
    private final List<SecretHolder> holders = new CopyOnWriteArrayList<>();

    @Activate
    public SecretRotation(@Reference AesGcmSecretBox box, @Reference Transactions tx) {
        this.box = box;
        this.tx = tx;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    public void addHolder(SecretHolder holder) {
        holders.add(holder);
    }

    public void removeHolder(SecretHolder holder) {
        holders.remove(holder);
    }

    /**
     * A new current key and every value re-sealed with it; with {@code retire}, then the other keys
     * removed from the key file, once a second pass re-sealed nothing more (a value sealed just
     * before the new key and committed after the first pass).
     */
    public synchronized Report rotate(boolean retire) {
        String keyId = box.addKey();
        Map<String, Integer> resealed = resealAll();
        List<String> retired = List.of();
        if (retire) {
            Map<String, Integer> late = resealAll();
            late.forEach((holder, count) -> resealed.merge(holder, count, Integer::sum));
            retired = box.retireOldKeys();
        }
        LOG.info("Secrets rotated to key {}: re-sealed {}; retired {}", keyId, resealed, retired);
        return new Report(keyId, resealed, retired);
    }

    private Map<String, Integer> resealAll() {
        return tx.call(em -> {
            Map<String, Integer> counts = new LinkedHashMap<>();
            for (SecretHolder holder : List.copyOf(holders)) {
                counts.merge(holder.name(), holder.reseal(box), Integer::sum);
            }
            return counts;
        });
    }
}
