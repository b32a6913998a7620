package org.hashgrid.hosting;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.hashgrid.core.Doc;

/** What a new miner model is made of ({@code POST /miner-models}). */
public record NewMinerModel(
        @Doc("Model name, unique, e.g. Antminer S19 Pro") String name,
        @Doc("Manufacturer, e.g. Bitmain") String manufacturer,
        @Doc("Nominal hashrate in TH/s, greater than 0") BigDecimal hashrate,
        @Doc("Nominal power in W, greater than 0") BigDecimal powerConsumption,
        @Doc("Efficiency in J/TH; derived as power / hashrate when absent") BigDecimal efficiency,
        LocalDate releaseDate,
        @Doc("List price in USD") BigDecimal msrp) {
}
