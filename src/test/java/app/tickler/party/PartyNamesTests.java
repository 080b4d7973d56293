package app.tickler.party;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

/** The normal forms of names: the quick path for plain ASCII gives exactly what the general one does. */
class PartyNamesTests {

    private static final String ALPHABET = "abcXYZ09 -.,&'()/_@+\t\n\u001fINCltdGmbHtheCo";

    @Test
    void asciiNamesGetTheSameMatchKeyByTheQuickPath() {
        Random random = new Random(7);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder name = new StringBuilder();
            int length = random.nextInt(30);
            for (int i = 0; i < length; i++) {
                name.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
            if (random.nextInt(4) == 0) {
                name.append(random.nextBoolean() ? " GmbH" : " Inc.");
            }
            for (boolean organisation : new boolean[] {true, false}) {
                assertThat(PartyNames.asciiMatchKey(name.toString(), organisation))
                        .as("%s (organisation: %s)", name, organisation)
                        .isEqualTo(PartyNames.unicodeMatchKey(name.toString(), organisation));
            }
        }
    }

    @Test
    void matchKeysIgnoreCaseAccentsPunctuationAndLegalForms() {
        assertThat(PartyNames.matchKey("Müller & Söhne GmbH", true)).isEqualTo("muller sohne");
        assertThat(PartyNames.matchKey("The  ACME, Inc.", true)).isEqualTo("acme");
        assertThat(PartyNames.matchKey("Anna-Lena O'Brien", false)).isEqualTo("anna lena o brien");
        assertThat(PartyNames.matchKey("Zoë Ng", false)).isEqualTo("zoe ng");
    }
}
