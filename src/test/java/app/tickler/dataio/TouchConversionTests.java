package app.tickler.dataio;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

import app.tickler.followup.Direction;
import app.tickler.followup.ImportedTouch;
import app.tickler.followup.Outcome;
import app.tickler.identity.UserId;
import app.tickler.party.AccountId;
import app.tickler.party.Channel;
import app.tickler.party.ContactId;
import app.tickler.platform.InvalidInput;

class TouchConversionTests {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    static TouchConversion.Type type(String text) {
        return TouchConversion.type(new InvalidInput.Collector(), text);
    }

    static String problem(java.util.function.Consumer<InvalidInput.Collector> reading) {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        reading.accept(problems);
        try {
            problems.throwIfAny();
            return null;
        } catch (InvalidInput invalid) {
            return invalid.problems().get(0).field() + " " + invalid.problems().get(0).message();
        }
    }

    @Test
    void theActivityTypesOfTheThreeCrmsBecomeChannels() {
        assertThat(type("Call").channel()).isEqualTo(Channel.CALL);
        assertThat(type("Logged call").channel()).as("HubSpot").isEqualTo(Channel.CALL);
        assertThat(type("PHONE_CALL").channel()).isEqualTo(Channel.CALL);
        assertThat(type("Email").channel()).isEqualTo(Channel.EMAIL);
        assertThat(type("E-mail").channel()).isEqualTo(Channel.EMAIL);
        assertThat(type("Meeting").channel()).isEqualTo(Channel.MEETING);
        assertThat(type("Lunch").channel()).as("Pipedrive").isEqualTo(Channel.MEETING);
        assertThat(type("LinkedIn message").channel()).isEqualTo(Channel.MESSAGE);
        assertThat(type("Send Letter/Quote").channel()).as("Salesforce").isEqualTo(Channel.EMAIL);
        assertThat(type("handwritten_note").channel()).as("Tickler's own names").isEqualTo(Channel.HANDWRITTEN_NOTE);
        assertThat(type("Inbound call")).isEqualTo(new TouchConversion.Type(Channel.CALL, Direction.INBOUND));
        assertThat(type("Incoming email").direction()).isEqualTo(Direction.INBOUND);
    }

    @Test
    void anUnknownTypeIsAnErrorNamingTheAllowedValuesAndToDosAreNoTouches() {
        assertThat(problem(p -> TouchConversion.type(p, "Fax"))).startsWith("channel 'Fax' is not a kind of touch")
                .contains("CALL, VOICEMAIL, EMAIL, HANDWRITTEN_NOTE, CARD, GIFT, VISIT, MEETING, MESSAGE, EVENT");
        assertThat(problem(p -> TouchConversion.type(p, null))).startsWith("channel is required");
        assertThat(TouchConversion.notATouch("Task")).isTrue();
        assertThat(TouchConversion.notATouch("To-do")).isTrue();
        assertThat(TouchConversion.notATouch("Deadline")).isTrue();
        assertThat(TouchConversion.notATouch("Call")).isFalse();
    }

    @Test
    void theDirectionComesFromItsCellElseFromTheTypeElseOutbound() {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        assertThat(TouchConversion.direction(problems, "Inbound", type("Call"))).isEqualTo(Direction.INBOUND);
        assertThat(TouchConversion.direction(problems, "Outgoing", type("Inbound call"))).isEqualTo(Direction.OUTBOUND);
        assertThat(TouchConversion.direction(problems, null, type("Inbound call"))).isEqualTo(Direction.INBOUND);
        assertThat(TouchConversion.direction(problems, null, type("Call"))).isEqualTo(Direction.OUTBOUND);
        assertThat(problems.has("direction")).isFalse();
        assertThat(problem(p -> TouchConversion.direction(p, "sideways", null))).startsWith("direction 'sideways'")
                .contains("OUTBOUND").contains("INBOUND");
    }

    @Test
    void anOutcomeSaysWhetherTheyWereReachedOrHowTheyMoved() {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        assertThat(TouchConversion.result(problems, "Connected")).isEqualTo(new TouchConversion.Result(true, null));
        assertThat(TouchConversion.result(problems, "No answer")).isEqualTo(new TouchConversion.Result(false, null));
        assertThat(TouchConversion.result(problems, "Left voicemail").reached()).isFalse();
        assertThat(TouchConversion.result(problems, "progressed")).isEqualTo(
                new TouchConversion.Result(null, Outcome.PROGRESSED));
        assertThat(TouchConversion.result(problems, null)).isEqualTo(new TouchConversion.Result(null, null));
        assertThat(problem(p -> TouchConversion.result(p, "Maybe"))).startsWith("outcome 'Maybe' is not an outcome")
                .contains("PROGRESSED");
    }

    @Test
    void momentsAreReadInTheCommonFormatsAndLocalTimesInTheImportersZone() {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        assertThat(TouchConversion.occurredAt(problems, "2025-03-05T14:30:00Z", null, BERLIN))
                .isEqualTo(Instant.parse("2025-03-05T14:30:00Z"));
        assertThat(TouchConversion.occurredAt(problems, "2025-03-05T14:30:00+02:00", null, BERLIN))
                .isEqualTo(Instant.parse("2025-03-05T12:30:00Z"));
        assertThat(TouchConversion.occurredAt(problems, "2025-03-05 14:30", null, BERLIN))
                .as("HubSpot, in the importer's zone").isEqualTo(Instant.parse("2025-03-05T13:30:00Z"));
        assertThat(TouchConversion.occurredAt(problems, "5.3.2025 14:30", null, BERLIN))
                .isEqualTo(Instant.parse("2025-03-05T13:30:00Z"));
        assertThat(TouchConversion.occurredAt(problems, "3/5/2025 2:30 PM", null, BERLIN)).as("Salesforce")
                .isEqualTo(Instant.parse("2025-03-05T13:30:00Z"));
        assertThat(TouchConversion.occurredAt(problems, "2025-03-05", null, BERLIN)).as("a date alone: noon")
                .isEqualTo(Instant.parse("2025-03-05T11:00:00Z"));
        assertThat(TouchConversion.occurredAt(problems, "2025-03-05", "09:15", BERLIN)).as("Pipedrive's due time")
                .isEqualTo(Instant.parse("2025-03-05T08:15:00Z"));
        assertThat(problems.has("occurredAt")).isFalse();
        assertThat(problem(p -> TouchConversion.occurredAt(p, "last Tuesday", null, BERLIN)))
                .startsWith("occurredAt 'last Tuesday' is not a date and time").contains("YYYY-MM-DD HH:MM")
                .contains("M/D/YYYY h:mm AM");
        assertThat(problem(p -> TouchConversion.occurredAt(p, null, null, BERLIN))).startsWith("occurredAt is required");
        assertThat(problem(p -> TouchConversion.occurredAt(p, "2025-03-05", "late", BERLIN))).startsWith("occurredTime");
    }

    @Test
    void onlyWhatWasDoneIsHistory() {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        assertThat(TouchConversion.done(problems, null)).isTrue();
        assertThat(TouchConversion.done(problems, "Completed")).as("Salesforce").isTrue();
        assertThat(TouchConversion.done(problems, "Not Started")).isFalse();
        assertThat(TouchConversion.done(problems, "yes")).as("Pipedrive").isTrue();
        assertThat(TouchConversion.done(problems, "0")).isFalse();
        assertThat(problems.has("done")).isFalse();
        assertThat(problem(p -> TouchConversion.done(p, "perhaps"))).startsWith("done 'perhaps'");
    }

    @Test
    void contactCellsMayHoldSeveralAddressesOrANameWithItsAddress() {
        assertThat(TouchConversion.emails("ann@roofs.example")).containsExactly("ann@roofs.example");
        assertThat(TouchConversion.emails("Ann Baker (ann@roofs.example); bob@roofs.example, ann@roofs.example"))
                .containsExactly("ann@roofs.example", "bob@roofs.example");
        assertThat(TouchConversion.emails("Ann <ann@roofs.example>")).containsExactly("ann@roofs.example");
        assertThat(TouchConversion.notes("Intro call", "Talked about roofs")).isEqualTo("Intro call\n\nTalked about roofs");
        assertThat(TouchConversion.notes(null, "Talked")).isEqualTo("Talked");
        assertThat(TouchConversion.notes("Same", "Same")).isEqualTo("Same");
    }

    @Test
    void aLineWithoutActivityIdIsKnownByWhatItSays() {
        ImportedTouch touch = new ImportedTouch(Instant.parse("2025-03-05T14:30:00Z"), Channel.CALL, Direction.OUTBOUND,
                new AccountId(1), List.of(new ContactId(3), new ContactId(2)), null, null, "Intro", false, null, new UserId(9));
        ImportedTouch sameOtherOrder = new ImportedTouch(touch.occurredAt(), Channel.CALL, Direction.OUTBOUND,
                new AccountId(1), List.of(new ContactId(2), new ContactId(3)), null, null, "Intro", false, null, new UserId(9));
        ImportedTouch aMinuteLater = new ImportedTouch(touch.occurredAt().plusSeconds(60), Channel.CALL,
                Direction.OUTBOUND, new AccountId(1), touch.contactIds(), null, null, "Intro", false, null, new UserId(9));
        assertThat(TouchLines.fingerprint(touch)).startsWith("line:").isEqualTo(TouchLines.fingerprint(sameOtherOrder))
                .isNotEqualTo(TouchLines.fingerprint(aMinuteLater)).hasSizeLessThanOrEqualTo(200);
    }

    @Test
    void aLineOnALeadHasAKeyOfItsOwnAndALineWithoutOneKeepsTheKeyEarlierImportsWrote() {
        ImportedTouch touch = new ImportedTouch(Instant.parse("2025-03-05T14:30:00Z"), Channel.CALL, Direction.OUTBOUND,
                new AccountId(1), List.of(new ContactId(3), new ContactId(2)), null, null, "Intro", false, null,
                new UserId(9));
        ImportedTouch onALead = new ImportedTouch(touch.occurredAt(), Channel.CALL, Direction.OUTBOUND, new AccountId(1),
                touch.contactIds(), 5L, null, "Intro", false, null, new UserId(9));
        // the SHA-256 of the line's fields as the first touch imports wrote it: a file imported then is still known
        assertThat(TouchLines.fingerprint(touch))
                .isEqualTo("line:3404a177022378c012300d2f1c3f12cf0d8e8b0f01f06a9fa2b4c1e50c868311");
        assertThat(TouchLines.fingerprint(onALead))
                .isEqualTo("line:f12a27742c601e865366cf0c0c2d72b463f46f10d0b528c0c945fbbd4e1b4e70");
    }
}
