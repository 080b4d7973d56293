package app.tickler.followup;

/** Who reached out: we did (outbound), or the customer did (inbound: they called, wrote or came by). */
public enum Direction {
    OUTBOUND, INBOUND
}
