package app.tickler.sales;

import java.util.List;

/**
 * A deal was removed for good (an import undone, its installed product removed, its account purged), with
 * its stage history and invoices: other modules drop what they planned for it and what they counted of
 * it — the {@code moves} it made and the {@code paid} invoices it had.
 */
public record DealRemoved(DealId deal, List<StageMove> moves, List<PaidInvoice> paid) {

    public DealRemoved {
        moves = List.copyOf(moves);
        paid = List.copyOf(paid);
    }
}
