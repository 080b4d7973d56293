/**
 * After the sale (seed 001, seed 002): the relationship cycle with its automatic stage suggestions and
 * the disillusionment watch, the onboarding plan after a win, the product catalogue, the installed
 * base and renewals. Other modules use {@link app.tickler.aftersale.RelationshipCycle} and
 * {@link app.tickler.aftersale.InstalledBase}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "After the sale")
package app.tickler.aftersale;
