package org.hashgrid.hosting.rest;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.hashgrid.api.Doc;

/** Body of {@code POST /miner-models}. */
public record MinerModelInput(
        @Doc("Model name, unique, e.g. Antminer S19 Pro") String name,
        @Doc("Manufacturer, e.g. Bitmain") String manufacturer,
        @Doc("Nominal hashrate in TH/s, greater than 0") BigDecimal hashrate,
        @Doc("Nominal power in W, greater than 0") BigDecimal powerConsumption,
        @Doc("Efficiency in J/TH; derived as power / hashrate when absent") BigDecimal efficiency,
        LocalDate releaseDate,
        @Doc("List price in USD") BigDecimal msrp) {
}
