package org.hashgrid.model;

import java.util.Optional;

/**
 * Values of {@code crm_invoices.status}: an invoice's state; an issued invoice is voided, never
 * deleted.
 */
public enum InvoiceStatus implements DbEnum {

    DRAFT, SENT, PAID, OVERDUE, VOID;

    /** The constant spelled {@code value} in the database, if any. */
    public static Optional<InvoiceStatus> fromDbValue(String value) {
        return DbEnums.parse(InvoiceStatus.class, value);
    }
}
