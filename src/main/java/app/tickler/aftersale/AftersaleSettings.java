package app.tickler.aftersale;

import app.tickler.followup.CadenceId;

/**
 * The workspace's after-sale settings.
 *
 * @param automationOn whether suggested stages are applied (off: listed for a person to accept)
 * @param silenceAfterWinDays a won customer untouched this long after the win is at risk of disillusionment
 * @param healthyDays enlightened this long: realized value
 * @param onboardingCadenceId the cadence won customers' people enter (null: the shipped onboarding cadence)
 * @param renewalLeadDays how many days before a warranty, service contract or lifespan ends the renewal comes
 * @param renewalDeals whether a REPEAT renewal deal is opened too
 */
public record AftersaleSettings(boolean automationOn, int silenceAfterWinDays, int healthyDays,
        CadenceId onboardingCadenceId, int renewalLeadDays, boolean renewalDeals, long version) {
}
