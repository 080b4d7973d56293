/**
 * Parties: accounts (buying organisations), contacts (people), the buying centre that links them,
 * custom fields, tags, search as you type, duplicates and merge, do-not-contact, trash and erasure.
 * Other modules use {@link app.tickler.party.Parties} and listen to its events.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Parties")
package app.tickler.party;
