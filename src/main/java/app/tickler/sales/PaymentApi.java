package app.tickler.sales;

import java.net.URI;
import java.time.LocalDate;
import java.util.Set;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import app.tickler.party.AccountId;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.Page;
import app.tickler.platform.Paging;
import app.tickler.platform.security.AnyRole;
import app.tickler.platform.security.RepOrAbove;
import app.tickler.platform.web.ETags;
import app.tickler.platform.web.Patch;
import io.swagger.v3.oas.annotations.tags.Tag;
import tools.jackson.databind.JsonNode;

/** REST API of won deals' payment schedules (the invoices and whether they are paid). */
@RestController
@RequestMapping("/api/v1/payments")
@Tag(name = "Payments")
class PaymentApi {

    record NewPayment(DealId dealId, Long amountMinor, LocalDate dueOn, String reference) {
    }

    record PaidRequest(LocalDate paidOn, Long version) {
    }

    record VersionRequest(Long version) {
    }

    private static final Set<String> FIELDS = Set.of("amountMinor", "dueOn", "reference");

    private final Payments payments;

    PaymentApi(Payments payments) {
        this.payments = payments;
    }

    @AnyRole
    @GetMapping
    Page<Payment> list(@RequestParam(required = false) DealId dealId, @RequestParam(required = false) AccountId accountId,
            @RequestParam(required = false) Payments.Status status, @RequestParam(required = false) LocalDate dueFrom,
            @RequestParam(required = false) LocalDate dueTo, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        return payments.list(new Payments.Filter(dealId, accountId, status, dueFrom, dueTo), Paging.of(limit, cursor));
    }

    @RepOrAbove
    @PostMapping
    ResponseEntity<Payment> create(@RequestBody NewPayment request) {
        if (request.dealId() == null) {
            throw new InvalidInput("dealId", "is required");
        }
        Payment created = payments.add(request.dealId(), request.amountMinor(), request.dueOn(), request.reference());
        return ResponseEntity.created(URI.create("/api/v1/payments/" + created.id().value()))
                .eTag(ETags.of(created.version())).body(created);
    }

    @AnyRole
    @GetMapping("/{id}")
    ResponseEntity<Payment> get(@PathVariable PaymentId id) {
        Payment payment = payments.visible(id);
        return ResponseEntity.ok().eTag(ETags.of(payment.version())).body(payment);
    }

    @RepOrAbove
    @PatchMapping("/{id}")
    ResponseEntity<Payment> update(@PathVariable PaymentId id, @RequestBody JsonNode body,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        Patch patch = Patch.of(body, FIELDS);
        long version = patch.version(ifMatch);
        Payment current = payments.visible(id);
        Payment changed = payments.change(id, patch.number("amountMinor", current.amountMinor()),
                PatchValues.date(patch, "dueOn", current.dueOn()), patch.text("reference", current.reference()), version);
        return ResponseEntity.ok().eTag(ETags.of(changed.version())).body(changed);
    }

    @RepOrAbove
    @PostMapping("/{id}/paid")
    Payment paid(@PathVariable PaymentId id, @RequestBody PaidRequest request,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return payments.markPaid(id, request.paidOn(), ETags.required(request.version(), ifMatch));
    }

    @RepOrAbove
    @PostMapping("/{id}/unpaid")
    Payment unpaid(@PathVariable PaymentId id, @RequestBody VersionRequest request,
            @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        return payments.markUnpaid(id, ETags.required(request.version(), ifMatch));
    }

    @RepOrAbove
    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable PaymentId id, @RequestHeader(value = HttpHeaders.IF_MATCH, required = false) String ifMatch) {
        payments.delete(id, ETags.required(null, ifMatch));
    }
}
