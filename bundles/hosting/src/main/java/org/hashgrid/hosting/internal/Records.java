package org.hashgrid.hosting.internal;

import org.hashgrid.hosting.Miner;
import org.hashgrid.hosting.MinerModelSpec;
import org.hashgrid.hosting.Operation;
import org.hashgrid.hosting.Site;
import org.hashgrid.model.HostingMiner;
import org.hashgrid.model.HostingSite;
import org.hashgrid.model.MinerModel;
import org.hashgrid.model.MinerOperationLog;

/** Entities of hosting's tables as the domain records services hand out; entities never leave a transaction. */
final class Records {
    private Records() {
    }

    static Site site(HostingSite site) {
        return new Site(site.getId(), site.getName(), site.getLocation(), site.getCapacityMw(),
                site.getTotalMiners(), site.getActiveMiners(), site.getCreatedAt());
    }

    static MinerModelSpec model(MinerModel model) {
        return new MinerModelSpec(model.getId(), model.getName(), model.getManufacturer(), model.getHashrate(),
                model.getPowerConsumption(), model.getEfficiency(), model.getReleaseDate(), model.getMsrp());
    }

    static Miner miner(HostingMiner miner) {
        return new Miner(miner.getId(), miner.getSerialNumber(), miner.getMinerModelId(), miner.getSiteId(),
                miner.getStatus(), miner.getCgminerIp(), miner.getCgminerPort(), miner.isCgminerEnabled(),
                miner.getDriver(), miner.getClientId(), miner.getPurchaseDate(), miner.getWarrantyExpiry(),
                miner.getCreatedAt(), miner.getUpdatedAt(), miner.getControlPort());
    }

    static Operation operation(MinerOperationLog entry) {
        return new Operation(entry.getId(), entry.getMinerId(), entry.getOperation(), entry.getPerformedBy(),
                entry.getDetails(), entry.getTimestamp());
    }
}
