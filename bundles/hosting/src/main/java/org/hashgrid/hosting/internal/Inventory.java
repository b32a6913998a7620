package org.hashgrid.hosting.internal;

import java.util.List;
import java.util.Optional;

import org.hashgrid.core.Caller;
import org.hashgrid.core.IpRange;
import org.hashgrid.core.ProblemException;
import org.hashgrid.hosting.Miner;
import org.hashgrid.hosting.MinerInventory;
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

    @Activate
    public Inventory(@Reference MinerService miners, @Reference MinerAddressPolicy policy,
            @Reference SiteService sites) {
        this.miners = miners;
        this.policy = policy;
        this.sites = sites;
    }

    @Override
    public Optional<Site> site(long id) {
        try {
            return Optional.of(sites.get(id));
        } catch (ProblemException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    @Override
    public Optional<Miner> miner(Caller caller, long id) {
        try {
            return Optional.of(miners.get(caller, id));
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
        return miners.enabledWithAddress().stream()
                .filter(t -> policy.refusal(IpRange.literal(t.endpoint().host()), t.endpoint().port()) == null)
                .toList();
    }
}
