package app.tickler.party;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import app.tickler.identity.UserId;
import app.tickler.identity.WorkspaceCreated;

/**
 * With {@code tickler.demo=true}, every new workspace starts as a living CRM: a few hundred
 * accounts across levels, industries and cities, each with a buying centre of realistic people.
 */
@Component
class DemoData {

    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final Accounts accounts;
    private final Contacts contacts;
    private final ApplicationEventPublisher events;
    private final boolean enabled;
    private final int accountCount;

    DemoData(Accounts accounts, Contacts contacts, ApplicationEventPublisher events, @Value("${tickler.demo:false}") boolean enabled,
            @Value("${tickler.demo.accounts:250}") int accountCount) {
        this.accounts = accounts;
        this.events = events;
        this.contacts = contacts;
        this.enabled = enabled;
        this.accountCount = accountCount;
    }

    @EventListener
    void on(WorkspaceCreated created) {
        if (enabled) {
            List<DemoDataCreated.DemoAccount> filled = fill(created.workspace().value(), accountCount, created.admin());
            events.publishEvent(new DemoDataCreated(created.workspace(), created.admin(), filled));
        }
    }

    /** Fills the current workspace (called within its creation, as its first admin). */
    List<DemoDataCreated.DemoAccount> fill(long seed, int count, UserId owner) {
        List<DemoDataCreated.DemoAccount> filled = new ArrayList<>(count);
        Random random = new Random(seed);
        BuyingRole[] roles = BuyingRole.values();
        int total = 0;
        for (int i = 0; i < count; i++) {
            String name = SampleNames.company(random);
            String city = SampleNames.pick(random, SampleNames.CITIES);
            List<String> tags = random.nextInt(4) == 0 ? List.of(SampleNames.pick(random, SampleNames.TAGS)) : List.of();
            Account account = accounts.create(new AccountInput(name, "https://www." + SampleNames.slug(name) + i + ".example",
                    SampleNames.pick(random, SampleNames.INDUSTRIES), SampleNames.pick(random, SampleNames.SIZES),
                    "+49 30 " + (1_000_000 + random.nextInt(8_999_999)),
                    new Address((1 + random.nextInt(200)) + " Market Street", city,
                            String.valueOf(10_000 + random.nextInt(89_999)), null, null),
                    null, owner, SampleNames.level(random), null,
                    random.nextInt(3) == 0 ? RelationshipStage.values()[random.nextInt(5)] : null, false, null, null,
                    Map.of(), tags));
            int members = 1 + random.nextInt(4);
            List<ContactId> people = new ArrayList<>(members);
            for (int m = 0; m < members; m++) {
                String first = SampleNames.pick(random, SampleNames.FIRST);
                String last = SampleNames.pick(random, SampleNames.LAST);
                String email = (first + "." + last).toLowerCase().replaceAll("[^a-z.]", "") + "@"
                        + account.domain();
                List<Contact.Email> emails = new ArrayList<>(List.of(new Contact.Email(email, "work", true)));
                Contact person = contacts.create(new ContactInput(first, last, SampleNames.pick(random, SampleNames.TITLES), emails,
                        List.of(new Contact.Phone("+49 151 " + (10_000_000 + random.nextInt(89_999_999)), "mobile", true)),
                        null, null, random.nextInt(3) == 0 ? Channel.values()[random.nextInt(Channel.values().length)] : null,
                        owner, false, null, null, null, Map.of(), List.of(), account.id(),
                        m == 0 ? BuyingRole.DECISION_MAKER : roles[random.nextInt(roles.length)], m == 0));
                people.add(person.id());
                total++;
            }
            filled.add(new DemoDataCreated.DemoAccount(account.id(), account.name(), people));
        }
        log.info("Demo data: {} accounts and {} contacts", count, total);
        return filled;
    }
}
