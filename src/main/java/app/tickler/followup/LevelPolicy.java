package app.tickler.followup;

import app.tickler.party.CustomerLevel;

/**
 * How often a customer of a level must hear from us, and how often the level is reassessed (seed
 * 003). A null interval means none.
 */
public record LevelPolicy(CustomerLevel level, Integer maxSilenceDays, Integer reassessEveryDays, long version) {
}
