package org.hashgrid.hosting.internal;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.hashgrid.core.Caller;
import org.hashgrid.core.IpRange;
import org.hashgrid.core.Page;
import org.hashgrid.core.PageRequest;
import org.hashgrid.core.ProblemException;
import org.hashgrid.hosting.Miner;
import org.hashgrid.hosting.MinerInventory;
import org.hashgrid.hosting.MinerModelSpec;
import org.hashgrid.hosting.Operation;
import org.hashgrid.hosting.PollTarget;
import org.hashgrid.hosting.Site;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The {@link MinerInventory} other modules use, on the same rules as the REST API. */
@Component(service = MinerInventory.class)
public class Inventory implements MinerInventory {
    private final MinerService miners;
    private final MinerAddressPolicy policy;
    private final SiteService sites;
    private final MinerModelService models;
    private final OperationLog log;
    private final CredentialService credentials;

    @Activate
    public Inventory(@Reference MinerService miners, @Reference MinerAddressPolicy policy,
            @Reference SiteService sites, @Reference MinerModelService models, @Reference OperationLog log,
            @Reference CredentialService credentials) {
        this.miners = miners;
        this.policy = policy;
        this.sites = sites;
        this.models = models;
        this.log = log;
        this.credentials = credentials;
    }

    @Override
    public Optional<Site> site(long id) {
        return found(() -> sites.get(id));
    }

    @Override
    public Optional<Miner> miner(Caller caller, long id) {
        return found(() -> miners.get(caller, id));
    }

    @Override
    public Page<Miner> miners(Caller caller, Long siteId, String status, PageRequest page) {
        return miners.list(caller, page, siteId, status, null);
    }

    @Override
    public long countMiners(Caller caller, Long siteId, String status) {
        return miners.count(caller, siteId, status, null);
    }

    @Override
    public Page<Operation> operations(Caller caller, long minerId, PageRequest page) {
        return log.of(caller, minerId, page);
    }

    @Override
    public Optional<MinerModelSpec> model(long id) {
        return found(() -> models.get(id));
    }

    /** The services answer an unknown id with a 404; this API with an empty optional. */
    private static <T> Optional<T> found(Supplier<T> lookup) {
        try {
            return Optional.of(lookup.get());
        } catch (ProblemException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Miner changeStatus(Caller caller, long id, String status, String reason) {
        return miners.changeStatus(caller, id, null, status, reason);
    }

    @Override
    public Miner changeStatusFrom(Caller caller, long id, String expected, String status, String reason) {
        return miners.changeStatus(caller, id, expected, status, reason);
    }

    @Override
    public List<PollTarget> pollTargets() {
        return credentials.withCredentials(miners.enabledWithAddress().stream()
                .filter(t -> policy.refusal(IpRange.literal(t.endpoint().host()), t.endpoint().port()) == null)
                .toList());
    }
}
