package org.hashgrid.hosting.rest;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.hashgrid.api.Doc;
import org.hashgrid.model.MinerModel;

/** A miner model as the API shows it. */
public record MinerModelDto(
        long id,
        String name,
        String manufacturer,
        @Doc("Nominal hashrate in TH/s") BigDecimal hashrate,
        @Doc("Nominal power in W") BigDecimal powerConsumption,
        @Doc("Efficiency in J/TH") BigDecimal efficiency,
        LocalDate releaseDate,
        @Doc("List price in USD") BigDecimal msrp) {

    public static MinerModelDto of(MinerModel model) {
        return new MinerModelDto(model.getId(), model.getName(), model.getManufacturer(), model.getHashrate(),
                model.getPowerConsumption(), model.getEfficiency(), model.getReleaseDate(), model.getMsrp());
    }
}
