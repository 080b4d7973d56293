package app.tickler.sales;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import app.tickler.platform.InvalidInput;

/** The rules of the sales cycle, without a database. */
class SalesRulesTests {

    private static final PipelineId FIVE = new PipelineId(1);
    private static final PipelineId SEVEN = new PipelineId(2);

    private static Pipeline.Stage stage(long id, PipelineId pipeline, int position) {
        return new Pipeline.Stage(new StageId(id), pipeline, "S" + id, position, 10, 14, false, false, 0);
    }

    @Test
    void aMoveForwardIsProgressBackwardIsDemotionAndToAnotherPipelineNeither() {
        Pipeline.Stage qualification = stage(1, FIVE, 0);
        Pipeline.Stage proposal = stage(3, FIVE, 2);
        assertThat(StageMovement.of(null, qualification)).isEqualTo(StageMovement.ENTERED);
        assertThat(StageMovement.of(qualification, proposal)).isEqualTo(StageMovement.PROGRESSED);
        assertThat(StageMovement.of(proposal, qualification)).isEqualTo(StageMovement.DEMOTED);
        assertThat(StageMovement.of(proposal, stage(9, SEVEN, 0))).isEqualTo(StageMovement.TRANSFERRED);
        assertThatThrownBy(() -> StageMovement.of(proposal, proposal)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDefaultScheduleIsTheWholeAmountDueAfterThePaymentTerms() {
        assertThat(PaymentSchedule.defaults(1_250_000, LocalDate.of(2026, 3, 10), 30, 1))
                .containsExactly(new PaymentSchedule.Installment(1_250_000, LocalDate.of(2026, 4, 9), null));
        assertThat(PaymentSchedule.defaults(0, LocalDate.of(2026, 3, 10), 30, 3)).isEmpty();
    }

    @Test
    void installmentsAreMonthlyAndAddUpToTheCent() {
        List<PaymentSchedule.Installment> schedule = PaymentSchedule.defaults(1_000, LocalDate.of(2026, 1, 31), 0, 3);
        assertThat(schedule).extracting(PaymentSchedule.Installment::amountMinor).containsExactly(334L, 333L, 333L);
        assertThat(schedule).extracting(PaymentSchedule.Installment::dueOn)
                .containsExactly(LocalDate.of(2026, 1, 31), LocalDate.of(2026, 2, 28), LocalDate.of(2026, 3, 31));
        assertThat(PaymentSchedule.defaults(2, LocalDate.of(2026, 1, 1), 10, 5)).hasSize(2);
        assertThatThrownBy(() -> PaymentSchedule.defaults(-1, LocalDate.of(2026, 1, 1), 10, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theScoreIsTheShareOfTheWeightsChecked() {
        Qualification.Criterion need = new Qualification.Criterion(new CriterionId(1), "Need", 50, 0, false, 0);
        Qualification.Criterion budget = new Qualification.Criterion(new CriterionId(2), "Budget", 25, 1, false, 0);
        Qualification.Criterion timing = new Qualification.Criterion(new CriterionId(3), "Timing", 25, 2, false, 0);
        Qualification.Criterion retired = new Qualification.Criterion(new CriterionId(4), "Old", 100, 3, true, 0);
        List<Qualification.Criterion> checklist = List.of(need, budget, timing, retired);
        assertThat(Qualification.score(checklist, List.of())).isZero();
        assertThat(Qualification.score(checklist, List.of(need.id()))).isEqualTo(50);
        assertThat(Qualification.score(checklist, List.of(need.id(), budget.id(), retired.id()))).isEqualTo(75);
        assertThat(Qualification.score(checklist, List.of(need.id(), budget.id(), timing.id()))).isEqualTo(100);
        assertThat(Qualification.score(List.of(retired), List.of(retired.id()))).isZero();
    }

    @Test
    void cycleLengthsAreShownInDaysWithOneDecimal() {
        assertThat(PipelineStatistics.days(Duration.ofHours(36))).isEqualTo(1.5);
        assertThat(PipelineStatistics.days(Duration.ofDays(15))).isEqualTo(15.0);
        assertThat(PipelineStatistics.days(Duration.ZERO)).isZero();
    }

    @Test
    void repeatProposalsEnterAtTheChosenStageAndNobodyDropsADealOnPaymentCollected() {
        Pipeline.Stage identify = stage(1, SEVEN, 0);
        Pipeline.Stage design = stage(5, SEVEN, 4);
        Pipeline.Stage ask = stage(6, SEVEN, 5);
        Pipeline.Stage paid = new Pipeline.Stage(new StageId(7), SEVEN, "Payment collected", 6, 100, null, true, false, 0);
        Pipeline seven = new Pipeline(SEVEN, "Seven elements", "SEVEN_ELEMENTS", false, design.id(), 1, false,
                List.of(identify, design, ask, paid), 0, null, null);
        assertThat(seven.repeatStage()).isEqualTo(design);
        assertThat(seven.firstStage()).isEqualTo(identify);
        assertThat(seven.after(ask.id())).isEmpty();
        assertThat(seven.after(design.id())).contains(ask);
        assertThat(seven.paymentStage()).contains(paid);
        assertThat(paid.takesDeals()).isFalse();
        Pipeline noRepeatStage = new Pipeline(SEVEN, "Custom", null, false, null, 1, false, List.of(identify, design), 0,
                null, null);
        assertThat(noRepeatStage.repeatStage()).isEqualTo(identify);
    }

    @Test
    void typedAmountsBecomeMinorUnitsOfTheirCurrency() {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        assertThat(Money.parse("amount", "12,500.5", "EUR", problems)).isEqualTo(1_250_050L);
        assertThat(Money.parse("amount", "1500", "JPY", problems)).isEqualTo(1_500L);
        assertThat(Money.parse("amount", " ", "EUR", problems)).isNull();
        assertThat(problems.isEmpty()).isTrue();
        assertThat(Money.parse("amount", "-1", "EUR", problems)).isNull();
        assertThat(Money.parse("other", "1.234", "EUR", problems)).isNull();
        assertThat(problems.has("amount")).isTrue();
        assertThat(problems.has("other")).isTrue();
        assertThat(new Money().format(1_250_050, "EUR")).isEqualTo("12,500.50 EUR");
    }
}
