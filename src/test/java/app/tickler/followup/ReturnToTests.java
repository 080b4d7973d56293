package app.tickler.followup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Where a quick-log form goes back to: a page of this server, never another site. */
class ReturnToTests {

    @Test
    void aPathOfThisServerIsFollowed() {
        assertThat(FollowUpPages.returnTo("/leads/42", "/today")).isEqualTo("/leads/42");
        assertThat(FollowUpPages.returnTo("/deals/7?tab=touches", "/today")).isEqualTo("/deals/7?tab=touches");
    }

    @Test
    void anotherSiteOrAnythingBrowsersCouldReadAsOneIsNot() {
        for (String elsewhere : new String[] {"https://evil.example/", "//evil.example/x", "/\\evil.example/x",
                "/\\/evil.example", "evil.example", "/leads/1\r\nLocation: https://evil.example", "/\tx", ""}) {
            assertThat(FollowUpPages.returnTo(elsewhere, "/today")).as(elsewhere).isEqualTo("/today");
        }
        assertThat(FollowUpPages.returnTo(null, "/today")).isEqualTo("/today");
    }
}
