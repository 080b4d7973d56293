package app.tickler.aftersale;

import java.time.LocalDate;

import app.tickler.identity.UserId;
import app.tickler.party.AccountId;

/** A row of the lifecycle list: an end coming up for an installed product of a customer. */
public record LifecycleEnd(InstalledProductId installedProductId, EndKind kind, LocalDate endDate, AccountId accountId,
        String accountName, UserId ownerId, String ownerName, ProductId productId, String productName, int quantity,
        LocalDate installDate) {
}
