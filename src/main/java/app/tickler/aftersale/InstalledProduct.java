package app.tickler.aftersale;

import java.time.Instant;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonFormat;

import app.tickler.party.AccountId;

/** What a customer bought and has installed, and when its warranty, service contract and life end. */
public record InstalledProduct(InstalledProductId id, AccountId accountId, String accountName, ProductId productId,
        String productName, int quantity, LocalDate installDate, LocalDate warrantyEnd, LocalDate serviceEnd,
        LocalDate endOfLife, @JsonFormat(shape = JsonFormat.Shape.STRING) Long dealId, String notes, long version,
        Instant createdAt, Instant updatedAt) {
}
