package app.tickler.party;

import java.time.Instant;

/** A person of an account's buying centre with their last interaction, so that gaps show at a glance. */
public record BuyingCentreMember(ContactId contactId, String name, String title, String email, String phone,
        BuyingRole role, boolean key, boolean doNotContact, Instant lastTouchAt) {
}
