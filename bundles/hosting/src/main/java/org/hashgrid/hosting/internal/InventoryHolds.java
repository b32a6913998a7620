package org.hashgrid.hosting.internal;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import org.hashgrid.core.ProblemException;
import org.hashgrid.hosting.InventoryHold;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** The {@link InventoryHold}s other modules registered, asked before a delete. */
@Component(service = InventoryHolds.class)
public class InventoryHolds {
    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    final List<InventoryHold> holds = new CopyOnWriteArrayList<>();

    void requireNoHoldOnSite(long siteId) {
        require(hold -> hold.holdsSite(siteId));
    }

    void requireNoHoldOnMiner(long minerId) {
        require(hold -> hold.holdsMiner(minerId));
    }

    private void require(Function<InventoryHold, Optional<String>> question) {
        for (InventoryHold hold : holds) {
            Optional<String> reason = question.apply(hold);
            if (reason.isPresent()) {
                throw ProblemException.conflict(reason.get());
            }
        }
    }
}
