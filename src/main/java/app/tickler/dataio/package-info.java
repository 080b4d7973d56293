/**
 * Data in and out: CSV imports of accounts, contacts, leads, open deals and installed products (mapping, preview, duplicates, progress,
 * per-row errors, undo, resume after a crash) and CSV exports of the account and contact lists that a
 * spreadsheet opens safely and Tickler re-imports exactly. Party records are written through
 * {@link app.tickler.party.Parties}, leads and deals through {@link app.tickler.sales.SalesCycle} and installed
 * products through {@link app.tickler.aftersale.InstalledBase}, so every rule of those modules applies to imported
 * records.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Data in and out")
package app.tickler.dataio;
