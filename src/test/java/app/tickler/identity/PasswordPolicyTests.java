package app.tickler.identity;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import app.tickler.platform.InvalidInput;

class PasswordPolicyTests {

    private final PasswordPolicy policy = new PasswordPolicy();

    @Test
    void longPassphrasesAreWelcomeWithoutCompositionRules() {
        assertThatCode(() -> policy.check("password", "correct horse battery staple", "a@b.test")).doesNotThrowAnyException();
        assertThatCode(() -> policy.check("password", "ü".repeat(64), "a@b.test")).doesNotThrowAnyException();
        assertThatCode(() -> policy.check("password", "x".repeat(128), "a@b.test")).doesNotThrowAnyException();
    }

    @Test
    void tooShortTooLongCommonOrTheEmailIsRefused() {
        assertThatThrownBy(() -> policy.check("password", "1234567", null)).isInstanceOf(InvalidInput.class)
                .hasMessageContaining("at least 8");
        assertThatThrownBy(() -> policy.check("password", "x".repeat(129), null)).hasMessageContaining("at most 128");
        assertThatThrownBy(() -> policy.check("password", "Password1", null)).hasMessageContaining("most common");
        assertThatThrownBy(() -> policy.check("password", "qwertyuiop", null)).hasMessageContaining("most common");
        assertThatThrownBy(() -> policy.check("newPassword", "anna.smith@acme.test", "Anna.Smith@acme.test"))
                .isInstanceOfSatisfying(InvalidInput.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.problems().get(0).field()).isEqualTo("newPassword"));
    }
}
