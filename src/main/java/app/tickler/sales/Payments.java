package app.tickler.sales;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.tickler.party.AccountId;
import app.tickler.platform.Conflict;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.NotFound;
import app.tickler.platform.Page;
import app.tickler.platform.Paging;
import app.tickler.platform.StaleVersion;
import app.tickler.platform.audit.AuditLog;
import app.tickler.platform.audit.Changes;
import app.tickler.platform.database.ListQuery;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.Visibility;
import app.tickler.platform.timeline.Timeline;
import app.tickler.platform.timeline.TimelineEntry.Subject;

/**
 * The payment schedules of won deals: invoices added, changed, marked paid. When the last invoice of
 * a deal is paid, the payment is collected — which completes the seven-element cycle.
 */
@Service
class Payments {

    enum Status {
        OPEN, PAID, OVERDUE
    }

    record Filter(DealId deal, AccountId account, Status status, LocalDate dueFrom, LocalDate dueTo) {
    }

    static final class PaymentNotFound extends NotFound {
        PaymentNotFound(long id) {
            super("Payment", id);
        }
    }

    private final PaymentRepository payments;
    private final Deals deals;
    private final Clock clock;
    private final AuditLog audit;
    private final Timeline timeline;
    private final ApplicationEventPublisher events;

    Payments(PaymentRepository payments, Deals deals, Clock clock, AuditLog audit, Timeline timeline,
            ApplicationEventPublisher events) {
        this.payments = payments;
        this.deals = deals;
        this.clock = clock;
        this.audit = audit;
        this.timeline = timeline;
        this.events = events;
    }

    Page<Payment> list(Filter filter, Paging paging) {
        Actor actor = Actors.current();
        ListQuery query = ListQuery.of(PaymentRepository.SELECT).param("workspace", actor.workspaceId())
                .visibleTo(Visibility.of(actor, "d.owner_id", false));
        if (filter.deal() != null) {
            query.and("p.deal_id = :deal", "deal", filter.deal().value());
        }
        if (filter.account() != null) {
            query.and("p.account_id = :account", "account", filter.account().value());
        }
        if (filter.status() == Status.PAID) {
            query.and("p.paid_on IS NOT NULL");
        } else if (filter.status() == Status.OPEN) {
            query.and("p.paid_on IS NULL");
        } else if (filter.status() == Status.OVERDUE) {
            query.and("p.paid_on IS NULL AND p.due_on < :today", "today", actor.today(clock).toString());
        }
        if (filter.dueFrom() != null) {
            query.and("p.due_on >= :dueFrom", "dueFrom", filter.dueFrom().toString());
        }
        if (filter.dueTo() != null) {
            query.and("p.due_on <= :dueTo", "dueTo", filter.dueTo().toString());
        }
        return payments.list(query, paging);
    }

    /** An invoice the caller may see (they may see its deal). */
    Payment visible(PaymentId id) {
        Payment payment = payments.find(id).orElseThrow(() -> new PaymentNotFound(id.value()));
        try {
            deals.visible(payment.dealId());
        } catch (DealNotFound e) {
            throw new PaymentNotFound(id.value());
        }
        return payment;
    }

    List<Payment> ofDeal(DealId deal) {
        deals.visible(deal);
        return payments.ofDeal(deal);
    }

    /** Adds an invoice to a won deal's schedule. */
    @Transactional
    Payment add(DealId dealId, Long amountMinor, LocalDate dueOn, String reference) {
        Deal deal = deals.writable(dealId);
        if (deal.status() != DealStatus.WON) {
            throw new Conflict("Invoices belong to won deals; «" + deal.name() + "» is " + deal.status().name().toLowerCase());
        }
        InvalidInput.Collector problems = new InvalidInput.Collector();
        check(problems, amountMinor, dueOn, reference);
        problems.throwIfAny();
        Payment created = payments.schedule(deal, new PaymentSchedule.Installment(amountMinor, dueOn, clean(reference)));
        audit.record("payment", created.id().value(), "created", Changes.between(null, created));
        if (deal.paymentCollectedAt() != null) {
            deals.paymentUncollected(dealId);
        }
        return created;
    }

    /** Changes an unpaid invoice's amount, due date or reference. */
    @Transactional
    Payment change(PaymentId id, Long amountMinor, LocalDate dueOn, String reference, long version) {
        Payment before = writable(id);
        if (before.paid()) {
            throw new Conflict("This invoice is paid; mark it unpaid before changing it");
        }
        InvalidInput.Collector problems = new InvalidInput.Collector();
        check(problems, amountMinor, dueOn, reference);
        problems.throwIfAny();
        Payment wanted = new Payment(id, before.dealId(), before.accountId(), amountMinor, before.currency(), dueOn, null,
                clean(reference), version, before.createdAt(), before.updatedAt());
        write(wanted, before, version);
        Payment after = payments.find(id).orElseThrow();
        audit.record("payment", id.value(), "updated", Changes.between(before, after));
        return after;
    }

    /** Marks an invoice paid on a date (today by default); the last one collects the deal's payment. */
    @Transactional
    Payment markPaid(PaymentId id, LocalDate paidOn, long version) {
        Payment before = writable(id);
        if (before.paid()) {
            throw new Conflict("This invoice was already marked paid on " + before.paidOn());
        }
        LocalDate today = Actors.current().today(clock);
        LocalDate on = paidOn == null ? today : paidOn;
        if (on.isAfter(today)) {
            throw new InvalidInput("paidOn", "cannot be in the future");
        }
        Payment wanted = new Payment(id, before.dealId(), before.accountId(), before.amountMinor(), before.currency(),
                before.dueOn(), on, before.reference(), version, before.createdAt(), before.updatedAt());
        write(wanted, before, version);
        Payment after = payments.find(id).orElseThrow();
        audit.record("payment", id.value(), "paid", Changes.between(before, after));
        boolean fullyPaid = payments.ofDeal(before.dealId()).stream().allMatch(Payment::paid);
        Deal deal = deals.get(before.dealId());
        timeline.append(new Timeline.Append(List.of(new Subject("deal", deal.id().value()),
                new Subject("account", deal.accountId().value())), "payment.received", clock.instant(),
                "Payment received for " + deal.name() + (fullyPaid ? " — payment collected" : ""), null, Map.of(),
                Deals.link(deal), new Subject("deal", deal.id().value())));
        if (fullyPaid) {
            deals.paymentCollected(deal.id(), clock.instant());
        }
        events.publishEvent(new PaymentReceived(id, before.dealId(), before.accountId(), before.amountMinor(),
                before.currency(), on, fullyPaid));
        return after;
    }

    /** Undoes a payment marked by mistake. */
    @Transactional
    Payment markUnpaid(PaymentId id, long version) {
        Payment before = writable(id);
        if (!before.paid()) {
            throw new Conflict("This invoice is not marked paid");
        }
        Payment wanted = new Payment(id, before.dealId(), before.accountId(), before.amountMinor(), before.currency(),
                before.dueOn(), null, before.reference(), version, before.createdAt(), before.updatedAt());
        write(wanted, before, version);
        Payment after = payments.find(id).orElseThrow();
        audit.record("payment", id.value(), "unpaid", Changes.between(before, after));
        deals.paymentUncollected(before.dealId());
        events.publishEvent(new PaymentUnpaid(id, before.dealId(), before.accountId(), before.amountMinor(),
                before.currency(), before.paidOn()));
        return after;
    }

    @Transactional
    void delete(PaymentId id, long version) {
        Payment before = writable(id);
        if (before.paid()) {
            throw new Conflict("A paid invoice cannot be deleted; mark it unpaid first");
        }
        if (!payments.delete(id, version)) {
            throw new StaleVersion("The invoice", payments.find(id).map(Payment::version).orElse(before.version()));
        }
        audit.record("payment", id.value(), "deleted", Changes.between(before, null));
        if (!payments.ofDeal(before.dealId()).isEmpty()
                && payments.ofDeal(before.dealId()).stream().allMatch(Payment::paid)) {
            deals.paymentCollected(before.dealId(), clock.instant());
        }
    }

    private Payment writable(PaymentId id) {
        Payment payment = payments.find(id).orElseThrow(() -> new PaymentNotFound(id.value()));
        try {
            deals.writable(payment.dealId());
        } catch (DealNotFound e) {
            throw new PaymentNotFound(id.value());
        }
        return payment;
    }

    private void write(Payment wanted, Payment before, long version) {
        if (!payments.update(wanted, version, clock.millis())) {
            throw new StaleVersion("The invoice", before.version());
        }
    }

    private static void check(InvalidInput.Collector problems, Long amountMinor, LocalDate dueOn, String reference) {
        problems.check(amountMinor != null && amountMinor > 0, "amountMinor", "must be more than zero");
        problems.check(dueOn != null, "dueOn", "is required");
        problems.check(reference == null || reference.strip().length() <= 100, "reference",
                "must have at most 100 characters");
    }

    private static String clean(String reference) {
        return reference == null || reference.isBlank() ? null : reference.strip();
    }
}
