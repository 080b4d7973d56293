package app.tickler.aftersale;

/** What ends for an installed product. */
public enum EndKind {
    WARRANTY, SERVICE, END_OF_LIFE
}
