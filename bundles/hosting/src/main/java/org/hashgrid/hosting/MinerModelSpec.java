package org.hashgrid.hosting;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.hashgrid.core.Doc;

/** A miner model and its nominal ratings. */
public record MinerModelSpec(
        long id,
        String name,
        String manufacturer,
        @Doc("Nominal hashrate in TH/s") BigDecimal hashrate,
        @Doc("Nominal power in W") BigDecimal powerConsumption,
        @Doc("Efficiency in J/TH") BigDecimal efficiency,
        LocalDate releaseDate,
        @Doc("List price in USD") BigDecimal msrp) {
}
