package app.tickler.followup;

import java.time.Instant;
import java.util.List;

import app.tickler.party.Channel;

/**
 * A follow-up plan: ordered steps, each a day offset from the enrolment (never going backwards), a
 * channel, a reason, instructions and for email steps a template with merge fields. After the last
 * step an enrolment goes on with a nurture touch every {@code nurtureDays}.
 *
 * @param template the shipped template it came from ({@code new-prospect}, {@code onboarding}), or null
 */
public record Cadence(CadenceId id, String name, String description, String template, int nurtureDays,
        Channel nurtureChannel, BusinessReasonId nurtureReasonId, boolean archived, List<Step> steps, long version,
        Instant createdAt, Instant updatedAt) {

    public record Step(int position, int dayOffset, Channel channel, BusinessReasonId reasonId, String instructions,
            String emailSubject, String emailBody) {

        public boolean sendsEmail() {
            return channel == Channel.EMAIL && emailBody != null && !emailBody.isBlank();
        }
    }
}
