package app.tickler.aftersale;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import app.tickler.party.RelationshipStage;

class AftersaleRulesTests {

    @Test
    void theFirstTouchBringsANewCustomerIntoSkepticismOnly() {
        assertThat(RelationshipTrigger.FIRST_TOUCH.next(null)).contains(RelationshipStage.SKEPTICISM);
        for (RelationshipStage stage : RelationshipStage.values()) {
            assertThat(RelationshipTrigger.FIRST_TOUCH.next(stage)).as(stage.name()).isEmpty();
        }
    }

    @Test
    void closingOrWinningIsThePeakOfInterestButNeverPullsALoyalCustomerBack() {
        assertThat(RelationshipTrigger.DEAL_WON.next(RelationshipStage.SKEPTICISM)).contains(RelationshipStage.PEAK_OF_INTEREST);
        assertThat(RelationshipTrigger.DEAL_CLOSING.next(null)).contains(RelationshipStage.PEAK_OF_INTEREST);
        assertThat(RelationshipTrigger.DEAL_WON.next(RelationshipStage.REALIZED_VALUE)).isEmpty();
        assertThat(RelationshipTrigger.DEAL_CLOSING.next(RelationshipStage.ENLIGHTENMENT)).isEmpty();
    }

    @Test
    void silenceAfterAWinIsDisillusionmentOnlyForAWonCustomer() {
        assertThat(RelationshipTrigger.SILENCE_AFTER_WIN.next(RelationshipStage.PEAK_OF_INTEREST))
                .contains(RelationshipStage.DISILLUSIONMENT);
        assertThat(RelationshipTrigger.SILENCE_AFTER_WIN.next(RelationshipStage.REALIZED_VALUE))
                .contains(RelationshipStage.DISILLUSIONMENT);
        assertThat(RelationshipTrigger.SILENCE_AFTER_WIN.next(RelationshipStage.DISILLUSIONMENT)).isEmpty();
        assertThat(RelationshipTrigger.SILENCE_AFTER_WIN.next(RelationshipStage.SKEPTICISM)).isEmpty();
        assertThat(RelationshipTrigger.SILENCE_AFTER_WIN.next(null)).isEmpty();
    }

    @Test
    void onboardingAndMilestonesEnlightenARepeatPurchaseOrAHealthyPeriodRealisesValue() {
        assertThat(RelationshipTrigger.ONBOARDING_COMPLETED.next(RelationshipStage.DISILLUSIONMENT))
                .contains(RelationshipStage.ENLIGHTENMENT);
        assertThat(RelationshipTrigger.MILESTONE.next(RelationshipStage.PEAK_OF_INTEREST)).contains(RelationshipStage.ENLIGHTENMENT);
        assertThat(RelationshipTrigger.MILESTONE.next(RelationshipStage.REALIZED_VALUE)).isEmpty();
        assertThat(RelationshipTrigger.REPEAT_PURCHASE.next(RelationshipStage.DISILLUSIONMENT))
                .contains(RelationshipStage.REALIZED_VALUE);
        assertThat(RelationshipTrigger.HEALTHY_PERIOD.next(RelationshipStage.ENLIGHTENMENT))
                .contains(RelationshipStage.REALIZED_VALUE);
        assertThat(RelationshipTrigger.HEALTHY_PERIOD.next(RelationshipStage.PEAK_OF_INTEREST)).isEmpty();
        assertThat(RelationshipTrigger.MANUAL.next(null)).isEmpty();
    }

    @Test
    void theClosingStagesOfTheShippedPipelinesAreRecognised() {
        assertThat(List.of("Closing", "Closing & execution", "Ask for contract")).allMatch(AftersaleEvents::isClosing);
        assertThat(List.of("Proposal", "Qualification", "Follow-up")).noneMatch(AftersaleEvents::isClosing);
        assertThat(AftersaleEvents.isClosing(null)).isFalse();
    }

    @Test
    void endsComeFromTheProductUnlessGiven() {
        LocalDate install = LocalDate.of(2026, 1, 31);
        assertThat(InstalledBase.derived(null, install, 1)).isEqualTo(LocalDate.of(2026, 2, 28));
        assertThat(InstalledBase.derived(LocalDate.of(2027, 1, 1), install, 12)).isEqualTo(LocalDate.of(2027, 1, 1));
        assertThat(InstalledBase.derived(null, install, null)).isNull();
        assertThat(InstalledBase.derived(null, null, 12)).isNull();
    }

    @Test
    void installationsOverlapWhenTheyShareADayAndAnOpenEndRunsForever() {
        LocalDate jan = LocalDate.of(2026, 1, 1);
        LocalDate jun = LocalDate.of(2026, 6, 1);
        LocalDate dec = LocalDate.of(2026, 12, 31);
        assertThat(InstalledBase.overlap(jan, jun, jun, dec)).as("the same day").isTrue();
        assertThat(InstalledBase.overlap(jan, jun, jun.plusDays(1), dec)).isFalse();
        assertThat(InstalledBase.overlap(jan, null, dec, null)).isTrue();
        assertThat(InstalledBase.overlap(dec, null, jan, jun)).isFalse();
    }

    @Test
    void csvCellsCannotBecomeFormulas() {
        assertThat(LifecycleCsv.cell("=1+1")).isEqualTo("'=1+1");
        assertThat(LifecycleCsv.cell("+49 30 1234")).isEqualTo("'+49 30 1234");
        assertThat(LifecycleCsv.cell("-5")).isEqualTo("'-5");
        assertThat(LifecycleCsv.cell("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(LifecycleCsv.cell("\tx")).isEqualTo("'\tx");
        // what a spreadsheet still runs: after leading spaces or a line break, and the full-width signs
        assertThat(LifecycleCsv.cell("  =1+1")).isEqualTo("'  =1+1");
        assertThat(LifecycleCsv.cell("＝HYPERLINK(\"x\")")).isEqualTo("\"'＝HYPERLINK(\"\"x\"\")\"");
        assertThat(LifecycleCsv.cell("Roofs, Ltd \"North\"")).isEqualTo("\"Roofs, Ltd \"\"North\"\"\"");
        assertThat(LifecycleCsv.cell("Roofs Ltd")).isEqualTo("Roofs Ltd");
        assertThat(LifecycleCsv.cell(null)).isEmpty();
        assertThat(LifecycleCsv.line(List.of("a", "=b"))).isEqualTo("a,'=b\r\n");
    }
}
