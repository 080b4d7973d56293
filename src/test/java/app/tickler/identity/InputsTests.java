package app.tickler.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import app.tickler.platform.InvalidInput;

class InputsTests {

    @Test
    void aNameLosesItsControlCharacters() {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        assertThat(Inputs.name(problems, "name", " Ann\u001fLee\u0000 ")).isEqualTo("Ann Lee");
        assertThat(Inputs.name(problems, "name", "Ann\r\n\tLee\u0085")).isEqualTo("Ann Lee");
        assertThat(Inputs.name(problems, "name", "Zoë Ågren-Øst")).isEqualTo("Zoë Ågren-Øst");
        assertThat(problems.isEmpty()).isTrue();
    }

    @Test
    void aNameOfControlCharactersOnlyIsMissing() {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        Inputs.name(problems, "name", "\u0007\u001b\u007f");
        assertThat(problems.has("name")).isTrue();
    }
}
