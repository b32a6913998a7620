package org.hashgrid.hosting.internal;

import java.util.Optional;

import org.hashgrid.core.Caller;
import org.hashgrid.core.ProblemException;
import org.hashgrid.hosting.Miner;
import org.hashgrid.hosting.MinerInventory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The {@link MinerInventory} other modules use, on the same rules as the REST API. */
@Component(service = MinerInventory.class)
public class Inventory implements MinerInventory {
    private final MinerService miners;

    @Activate
    public Inventory(@Reference MinerService miners) {
        this.miners = miners;
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
        return miners.changeStatus(caller, id, status, reason);
    }
}
