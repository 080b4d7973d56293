package app.tickler.party;

import java.util.List;
import java.util.Random;

/** Realistic names and places for demo data and the benchmark data generator. */
final class SampleNames {

    static final List<String> FIRST = List.of("Anna", "Ben", "Clara", "David", "Elena", "Felix", "Greta", "Hugo", "Ines",
            "Jonas", "Karin", "Lukas", "Maria", "Noah", "Olivia", "Paul", "Quentin", "Rosa", "Samuel", "Tina", "Ulrich",
            "Vera", "William", "Xenia", "Yusuf", "Zoe", "Amelia", "Oliver", "Isla", "George", "Ava", "Harry", "Mia",
            "Jack", "Sophia", "Leo", "Emily", "Oscar", "Grace", "Arthur", "Lily", "Henry", "Chloe", "Thomas", "Ella",
            "James", "Sofia", "Lucas", "Hannah", "Mateo", "Camille", "Hiroshi", "Aiko", "Priya", "Arjun", "Fatima",
            "Omar", "Lars", "Ingrid", "Pierre", "Marie", "Giulia", "Marco", "Sven", "Elif", "Mehmet", "Chen", "Wei");
    static final List<String> LAST = List.of("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner",
            "Becker", "Schulz", "Hoffmann", "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson",
            "Davies", "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green", "Hall", "Wood",
            "Jackson", "Clarke", "Martin", "Bernard", "Dubois", "Durand", "Lefebvre", "Moreau", "Rossi", "Russo",
            "Ferrari", "Esposito", "García", "Fernández", "López", "Martínez", "Silva", "Santos", "Jansen", "de Vries",
            "Nielsen", "Hansen", "Johansson", "Andersson", "Kowalski", "Nowak", "Novák", "Horváth", "Yılmaz", "Kaya",
            "Tanaka", "Suzuki", "Patel", "Sharma", "Khan", "Ali", "Nguyen", "Kim", "Lee", "Park", "O'Brien", "Murphy");
    static final List<String> COMPANY_FIRST = List.of("North", "Blue", "Alpine", "Harbor", "Summit", "Cedar", "Silver",
            "Bright", "Atlas", "Nova", "Pioneer", "Granite", "Evergreen", "Falcon", "Lakeside", "Meridian", "Orchard",
            "Quantum", "Redwood", "Sterling", "Vertex", "Willow", "Zenith", "Beacon", "Crescent", "Delta", "Echo");
    static final List<String> COMPANY_SECOND = List.of("Roofing", "Logistics", "Dental", "Bakery", "Systems", "Farms",
            "Builders", "Print", "Motors", "Foods", "Textiles", "Energy", "Clinics", "Hotels", "Outfitters", "Labs",
            "Plumbing", "Furniture", "Optics", "Packaging", "Robotics", "Media", "Travel", "Tools", "Coffee");
    static final List<String> LEGAL = List.of("GmbH", "Ltd", "Inc.", "SA", "BV", "AG", "LLC", "& Co.", "", "");
    static final List<String> INDUSTRIES = List.of("Construction", "Healthcare", "Hospitality", "Logistics",
            "Manufacturing", "Retail", "Food and beverage", "Professional services", "Energy", "Education");
    static final List<String> CITIES = List.of("Berlin", "Hamburg", "Munich", "Vienna", "Zurich", "London",
            "Manchester", "Dublin", "Paris", "Lyon", "Amsterdam", "Brussels", "Madrid", "Barcelona", "Milan", "Lisbon",
            "Copenhagen", "Stockholm", "Oslo", "Warsaw", "Prague", "New York", "Chicago", "Toronto", "Austin");
    static final List<String> TITLES = List.of("Managing Director", "Head of Purchasing", "Buyer", "CFO",
            "Operations Manager", "Office Manager", "IT Lead", "Facility Manager", "Assistant", "Owner",
            "Sales Manager", "Project Lead", "Controller", "Production Manager");
    static final List<String> TAGS = List.of("trade fair", "newsletter", "vip", "referral", "webinar", "partner",
            "spring campaign", "key account", "prospect list");
    static final List<String> SIZES = List.of("1-10", "11-50", "51-200", "201-1000", "1001-5000");

    private SampleNames() {
    }

    static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    static String company(Random random) {
        String legal = pick(random, LEGAL);
        return (pick(random, COMPANY_FIRST) + " " + pick(random, COMPANY_SECOND) + " " + legal).strip();
    }

    static String slug(String name) {
        return PartyNames.matchKey(name, true).replace(' ', '-');
    }

    /** A customer level with a realistic spread: few A, many C. */
    static CustomerLevel level(Random random) {
        int roll = random.nextInt(100);
        return roll < 8 ? CustomerLevel.A : roll < 30 ? CustomerLevel.B : roll < 75 ? CustomerLevel.C
                : roll < 90 ? CustomerLevel.D : null;
    }
}
