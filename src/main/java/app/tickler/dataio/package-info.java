/**
 * Data in and out: CSV imports of accounts and contacts (mapping, preview, duplicates, progress,
 * per-row errors, undo, resume after a crash) and CSV exports of the account and contact lists that a
 * spreadsheet opens safely and Tickler re-imports exactly. Party records are written through
 * {@link app.tickler.party.Parties}, so every rule of the party module applies to imported records.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Data in and out")
package app.tickler.dataio;
