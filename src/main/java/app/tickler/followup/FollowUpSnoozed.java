package app.tickler.followup;

import java.time.LocalDate;

import app.tickler.identity.UserId;

/** A follow-up was put off from one due date to a later one. */
public record FollowUpSnoozed(FollowUpId followUp, UserId assignee, LocalDate from, LocalDate to) {
}
