package app.tickler.party;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import app.tickler.identity.Directory;
import app.tickler.identity.Provisioning;
import app.tickler.identity.UserId;
import app.tickler.identity.WorkspaceCreated;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.Role;

/**
 * The benchmark data generator, from the command line:
 * {@code java -jar tickler.jar --tickler.generate.accounts=200000 --tickler.generate.contacts=1000000}
 * creates a workspace "Benchmark" with an admin ({@code tickler.generate.admin}, password
 * {@code tickler.generate.password}) and {@code tickler.generate.reps} reps, fills it, and exits
 * unless {@code tickler.generate.exit=false}. Works on either database.
 */
@Component
@Order(100)
class GenerateCommand implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(GenerateCommand.class);

    private final Provisioning provisioning;
    private final Directory directory;
    private final PartyGenerator generator;
    private final ApplicationEventPublisher events;
    private final ApplicationContext context;
    private final int accounts;
    private final int contacts;
    private final int reps;
    private final String admin;
    private final String password;
    private final boolean exit;

    GenerateCommand(Provisioning provisioning, Directory directory, PartyGenerator generator,
            ApplicationEventPublisher events, ApplicationContext context,
            @Value("${tickler.generate.accounts:0}") int accounts, @Value("${tickler.generate.contacts:0}") int contacts,
            @Value("${tickler.generate.reps:20}") int reps,
            @Value("${tickler.generate.admin:bench-admin@tickler.test}") String admin,
            @Value("${tickler.generate.password:benchmark passphrase}") String password,
            @Value("${tickler.generate.exit:true}") boolean exit) {
        this.provisioning = provisioning;
        this.directory = directory;
        this.generator = generator;
        this.events = events;
        this.context = context;
        this.accounts = accounts;
        this.contacts = contacts;
        this.reps = reps;
        this.admin = admin;
        this.password = password;
        this.exit = exit;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (accounts <= 0 && contacts <= 0) {
            return;
        }
        long started = System.nanoTime();
        WorkspaceCreated created = provisioning.createWorkspace("Benchmark", "Benchmark Admin", admin, password, "UTC",
                "EUR");
        var actor = directory.actorFor(created.workspace(), created.admin()).orElseThrow();
        Actors.runAs(actor, () -> {
            List<UserId> owners = new ArrayList<>();
            for (int i = 1; i <= reps; i++) {
                owners.add(provisioning.createUser("rep" + i + "." + created.workspace().value() + "@tickler.test",
                        "Rep " + i, Role.REP, null, password));
            }
            PartyGenerator.Generated generated = generator.generate(accounts, contacts, owners, created.workspace().value());
            events.publishEvent(new PartiesGenerated(created.workspace().value(), generated.accountIds(),
                    generated.contactIds(), owners, created.workspace().value()));
        });
        log.info("Benchmark workspace {} ready in {}: sign in as {} / rep1.{}@tickler.test", created.workspace().value(),
                Duration.ofNanos(System.nanoTime() - started), admin, created.workspace().value());
        if (exit) {
            System.exit(SpringApplication.exit(context, () -> 0));
        }
    }
}
