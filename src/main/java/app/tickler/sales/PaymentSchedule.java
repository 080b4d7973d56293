package app.tickler.sales;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The payment schedule offered when a deal is won (seed 003 element 7): the amount in equal
 * installments — the cents that do not divide go to the first ones, so the sum is exact — the first
 * due after the deal's payment terms, each further one a month later.
 */
final class PaymentSchedule {

    record Installment(long amountMinor, LocalDate dueOn, String reference) {
    }

    private PaymentSchedule() {
    }

    static List<Installment> defaults(long amountMinor, LocalDate wonOn, int paymentTermsDays, int installments) {
        if (amountMinor < 0) {
            throw new IllegalArgumentException("a negative amount has no schedule");
        }
        if (amountMinor == 0) {
            return List.of();
        }
        int count = (int) Math.max(1, Math.min(installments, amountMinor));
        long base = amountMinor / count;
        long remainder = amountMinor % count;
        LocalDate first = wonOn.plusDays(paymentTermsDays);
        List<Installment> schedule = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            schedule.add(new Installment(base + (i < remainder ? 1 : 0), first.plusMonths(i), null));
        }
        return schedule;
    }
}
