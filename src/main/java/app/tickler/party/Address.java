package app.tickler.party;

/** A postal address, for handwritten notes, cards and gifts. Every part is optional. */
public record Address(String street, String city, String postalCode, String region, String country) {

    public static final Address NONE = new Address(null, null, null, null, null);

    public boolean isEmpty() {
        return street == null && city == null && postalCode == null && region == null && country == null;
    }
}
