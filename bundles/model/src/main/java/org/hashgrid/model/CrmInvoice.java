package org.hashgrid.model;

import java.math.BigDecimal;
import java.time.LocalDate;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Table;

/**
 * An invoice for a deal, table {@code crm_invoices}; the invoice number is unique and fixed.
 * Amount in USD. {@code status} holds an {@link InvoiceStatus} database value; a paid invoice has
 * a {@code paidDate}, and an issued invoice is voided, never deleted. {@code pdfPath} locates the
 * rendered PDF once generated.
 */
@Entity
@Table(name = "crm_invoices")
public class CrmInvoice extends GeneratedIdEntity {

    @Column(name = "deal_id", nullable = false, updatable = false)
    private Long dealId;

    @Column(name = "invoice_number", nullable = false, updatable = false)
    private String invoiceNumber;

    @Column(name = "amount", nullable = false, precision = 14, scale = 2)
    private BigDecimal amount;

    @Column(name = "status", nullable = false)
    private String status;

    @Column(name = "issue_date", nullable = false)
    private LocalDate issueDate;

    @Column(name = "due_date", nullable = false)
    private LocalDate dueDate;

    @Column(name = "paid_date")
    private LocalDate paidDate;

    @Column(name = "pdf_path")
    private String pdfPath;

    protected CrmInvoice() {
    }

    /** A draft invoice over {@code amount} USD. */
    public CrmInvoice(Long dealId, String invoiceNumber, BigDecimal amount, LocalDate issueDate, LocalDate dueDate) {
        this.dealId = dealId;
        this.invoiceNumber = invoiceNumber;
        this.amount = amount;
        this.issueDate = issueDate;
        this.dueDate = dueDate;
        this.status = InvoiceStatus.DRAFT.dbValue();
    }

    public Long getDealId() {
        return dealId;
    }

    public String getInvoiceNumber() {
        return invoiceNumber;
    }

    /** Amount in USD. */
    public BigDecimal getAmount() {
        return amount;
    }

    public void setAmount(BigDecimal amount) {
        this.amount = amount;
    }

    public String getStatus() {
        return status;
    }

    public void setStatus(String status) {
        this.status = status;
    }

    public LocalDate getIssueDate() {
        return issueDate;
    }

    public void setIssueDate(LocalDate issueDate) {
        this.issueDate = issueDate;
    }

    public LocalDate getDueDate() {
        return dueDate;
    }

    public void setDueDate(LocalDate dueDate) {
        this.dueDate = dueDate;
    }

    public LocalDate getPaidDate() {
        return paidDate;
    }

    public void setPaidDate(LocalDate paidDate) {
        this.paidDate = paidDate;
    }

    public String getPdfPath() {
        return pdfPath;
    }

    public void setPdfPath(String pdfPath) {
        this.pdfPath = pdfPath;
    }
}
