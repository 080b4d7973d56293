package app.tickler.party;

/** The ways of reaching a customer: a contact's preferred one, and the channel of every touch. */
public enum Channel {
    CALL, VOICEMAIL, EMAIL, HANDWRITTEN_NOTE, CARD, GIFT, VISIT, MEETING, MESSAGE, EVENT
}
