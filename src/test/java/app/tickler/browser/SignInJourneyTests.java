package app.tickler.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import app.tickler.Fixtures;
import app.tickler.TestWorkspace;
import app.tickler.TicklerTest;

/** In a real browser: sign in, look around, add a colleague, change the password, sign out. */
@TicklerTest
@Tag("browser")
class SignInJourneyTests {

    @LocalServerPort
    int port;
    @Autowired
    Fixtures fixtures;

    @Test
    void signInNavigateChangePasswordAndSignOut() {
        TestWorkspace acme = fixtures.workspace();
        try (Browser browser = Browser.open(port)) {
            browser.go("/settings/users");
            assertThat(browser.path()).isEqualTo("/login");

            browser.type("#username", acme.admin().email());
            browser.type("#password", "not my password");
            browser.press("Sign in");
            assertThat(browser.text()).contains("The email or the password is wrong.");

            browser.type("#username", acme.admin().email());
            browser.type("#password", Fixtures.PASSWORD);
            browser.press("Sign in");
            assertThat(browser.path()).isEqualTo("/settings/users");

            browser.press("New user");
            browser.type("#name", "Rosa Rep");
            browser.type("#email", "rosa" + System.nanoTime() + "@acme.test");
            browser.type("#password", "rosa sells roofs");
            browser.press("Create user");
            assertThat(browser.text()).contains("Rosa Rep can now sign in.");

            browser.click("a[href='/profile']");
            browser.type("#currentPassword", Fixtures.PASSWORD);
            browser.type("#newPassword", "a brand new passphrase");
            browser.press("Change password");
            assertThat(browser.text()).contains("Your password is changed.");

            browser.press("Sign out");
            assertThat(browser.path()).isEqualTo("/login");
            assertThat(browser.text()).contains("You are signed out.");

            browser.type("#username", acme.admin().email());
            browser.type("#password", "a brand new passphrase");
            browser.press("Sign in");
            assertThat(browser.text()).contains("Welcome");
            assertThat(browser.consoleErrors()).isEmpty();
        }
    }

    @Test
    void theLayoutWorksOnAPhoneSizedScreen() {
        TestWorkspace acme = fixtures.workspace();
        try (Browser browser = Browser.open(port)) {
            browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
            browser.go("/login");
            browser.type("#username", acme.admin().email());
            browser.type("#password", Fixtures.PASSWORD);
            browser.press("Sign in");
            assertThat(browser.find(".nav").isDisplayed()).isFalse();
            browser.pressInPlace("Menu");
            assertThat(browser.find(".nav").isDisplayed()).isTrue();
            browser.press("Settings");
            assertThat(browser.path()).isEqualTo("/settings/users");
        }
    }
}
