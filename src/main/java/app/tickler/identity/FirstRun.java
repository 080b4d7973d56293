package app.tickler.identity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import app.tickler.platform.Conflict;

/**
 * On a database without any workspace, creates the first workspace and its admin from
 * {@code tickler.admin.email} and {@code tickler.admin.password} (env TICKLER_ADMIN_EMAIL /
 * TICKLER_ADMIN_PASSWORD). Without them the first visit shows the set-up page. There is never a
 * default password.
 */
@Component
class FirstRun implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstRun.class);

    private final Onboarding onboarding;
    private final String email;
    private final String password;
    private final String workspace;

    FirstRun(Onboarding onboarding, @Value("${tickler.admin.email:}") String email,
            @Value("${tickler.admin.password:}") String password,
            @Value("${tickler.admin.workspace:My company}") String workspace) {
        this.onboarding = onboarding;
        this.email = email;
        this.password = password;
        this.workspace = workspace;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (onboarding.isSetUp()) {
            return;
        }
        if (email.isBlank() || password.isBlank()) {
            log.info("Tickler is not set up yet: open it in a browser to create the first workspace and admin");
            return;
        }
        try {
            onboarding.createFirstWorkspace(new Onboarding.NewWorkspace(workspace, "Administrator", email, password,
                    java.time.ZoneId.systemDefault().getId(), null));
            log.info("Created the first workspace '{}' with the admin {}", workspace, email);
        } catch (Conflict alreadySetUp) {
            // another instance, started at the same time on the same database, created it first
            log.info("Another instance has just set Tickler up; the first workspace was not created here");
        }
    }
}
