package app.tickler.followup;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.tickler.identity.Directory;
import app.tickler.identity.UserSummary;
import app.tickler.party.Account;
import app.tickler.party.Channel;
import app.tickler.party.Contact;
import app.tickler.party.Parties;
import app.tickler.platform.Conflict;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * Sends the email steps of cadences over the workspace's SMTP server once they are due, rendered
 * from the step's template, with an unsubscribe link that sets do-not-contact, and logs each sent
 * mail as a touch that completes the step. Without SMTP settings nothing is sent: the step stays a
 * follow-up for the rep to do by hand.
 */
@Service
class EmailSteps {

    private static final Logger log = LoggerFactory.getLogger(EmailSteps.class);

    private final FollowUpRepository followUps;
    private final EnrolmentRepository enrolments;
    private final Cadences cadences;
    private final SmtpSettings smtp;
    private final Parties parties;
    private final Directory directory;
    private final TouchLog touches;
    private final Links links;
    private final Clock clock;

    EmailSteps(FollowUpRepository followUps, EnrolmentRepository enrolments, Cadences cadences, SmtpSettings smtp,
            Parties parties, Directory directory, TouchLog touches, Links links, Clock clock) {
        this.followUps = followUps;
        this.enrolments = enrolments;
        this.cadences = cadences;
        this.smtp = smtp;
        this.parties = parties;
        this.directory = directory;
        this.touches = touches;
        this.links = links;
        this.clock = clock;
    }

    /** A rendered email of a step, ready to send. */
    record Email(String to, String subject, String body, String unsubscribeUrl) {
    }

    /** Sends every due email step of the current workspace; returns how many were sent. */
    int sendDue() {
        Optional<SmtpSettings.Stored> settings = smtp.stored();
        if (settings.isEmpty()) {
            return 0;
        }
        long now = clock.millis();
        // due once its day has begun in its zone: the end of the day (due_at) is less than a day ahead
        List<FollowUp> due = followUps.query("""
                f.status = 'OPEN' AND f.origin = 'CADENCE_STEP' AND f.channel = 'EMAIL' AND f.enrolment_id IS NOT NULL
                AND ((f.due_time IS NULL AND f.due_at <= :dayAhead) OR (f.due_time IS NOT NULL AND f.due_at <= :now))
                """, Map.of("now", now, "dayAhead", now + 86_400_000L), "ORDER BY f.due_at, f.id LIMIT 500");
        JavaMailSenderImpl sender = SmtpSettings.sender(settings.get());
        int sent = 0;
        for (FollowUp followUp : due) {
            try {
                if (send(followUp, settings.get(), sender)) {
                    sent++;
                }
            } catch (MessagingException | RuntimeException e) {
                log.warn("email step {} could not be sent; it stays a follow-up: {}", followUp.id().value(), e.getMessage());
            }
        }
        return sent;
    }

    /** A person presses "Send now" on an email step. */
    @Transactional
    TouchLog.Logged sendNow(FollowUp followUp) {
        SmtpSettings.Stored settings = smtp.stored().orElseThrow(() -> new Conflict(
                "No email settings: ask an admin to set up the SMTP server, or send it yourself and log the touch"));
        Email email = render(followUp).orElseThrow(() -> new Conflict("This follow-up has no email to send"));
        try {
            deliver(email, settings, SmtpSettings.sender(settings));
        } catch (MessagingException | MailException e) {
            throw new Conflict("The mail server refused the email: " + e.getMessage());
        }
        return touches.logSent(sentTouch(followUp), followUp);
    }

    /** The email of a step follow-up, when it is one with a template and a contact with an email address. */
    Optional<Email> render(FollowUp followUp) {
        if (followUp.enrolmentId() == null || followUp.contactId() == null || followUp.stepPosition() == null) {
            return Optional.empty();
        }
        Enrolment enrolment = enrolments.find(followUp.enrolmentId().value()).orElse(null);
        if (enrolment == null) {
            return Optional.empty();
        }
        Cadence cadence = cadences.get(enrolment.cadenceId());
        if (followUp.stepPosition() >= cadence.steps().size()) {
            return Optional.empty();
        }
        Cadence.Step step = cadence.steps().get(followUp.stepPosition());
        Contact contact = parties.contact(followUp.contactId()).orElse(null);
        if (!step.sendsEmail() || contact == null || contact.primaryEmail() == null) {
            return Optional.empty();
        }
        Account account = followUp.accountId() == null ? null : parties.account(followUp.accountId()).orElse(null);
        UserSummary sender = directory.user(followUp.assigneeId()).orElse(null);
        Map<String, String> values = new HashMap<>();
        values.put("contact.firstName", contact.firstName());
        values.put("contact.lastName", contact.lastName());
        values.put("contact.name", contact.name());
        values.put("contact.title", contact.title());
        values.put("account.name", account == null ? "" : account.name());
        values.put("sender.name", sender == null ? "" : sender.displayName());
        values.put("sender.email", sender == null ? "" : sender.email());
        values.put("workspace.name", directory.currentWorkspace().name());
        String unsubscribe = links.absolute(links.unsubscribePath(Actors.current().workspaceId(), contact.id().value()));
        String body = MergeFields.render(step.emailBody(), values) + "\n\n--\nTo receive no more messages from us: "
                + unsubscribe + "\n";
        return Optional.of(new Email(contact.primaryEmail(), MergeFields.render(step.emailSubject(), values), body,
                unsubscribe));
    }

    private boolean send(FollowUp followUp, SmtpSettings.Stored settings, JavaMailSenderImpl sender) throws MessagingException {
        Optional<Email> email = render(followUp);
        if (email.isEmpty() || !parties.mayContact(followUp.accountId(),
                followUp.contactId() == null ? List.of() : List.of(followUp.contactId()))) {
            return false;
        }
        // log as the assignee, so the touch and its timeline entries say who it came from
        Actor assignee = directory.actorFor(new app.tickler.identity.WorkspaceId(Actors.current().workspaceId()),
                followUp.assigneeId()).orElse(Actors.current());
        deliver(email.get(), settings, sender);
        Actors.runAs(assignee, () -> touches.logSent(sentTouch(followUp), followUp));
        return true;
    }

    private void deliver(Email email, SmtpSettings.Stored settings, JavaMailSenderImpl sender) throws MessagingException {
        MimeMessage message = sender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
        try {
            if (settings.fromName() == null) {
                helper.setFrom(settings.fromAddress());
            } else {
                helper.setFrom(settings.fromAddress(), settings.fromName());
            }
        } catch (java.io.UnsupportedEncodingException e) {
            helper.setFrom(settings.fromAddress());
        }
        helper.setTo(email.to());
        helper.setSubject(email.subject());
        helper.setText(email.body(), false);
        message.setHeader("List-Unsubscribe", "<" + email.unsubscribeUrl() + ">");
        message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        sender.send(message);
    }

    private NewTouch sentTouch(FollowUp followUp) {
        return new NewTouch(Instant.ofEpochMilli(clock.millis()), Channel.EMAIL, Direction.OUTBOUND, followUp.accountId(),
                followUp.contactId() == null ? List.of() : List.of(followUp.contactId()), followUp.leadId(),
                followUp.dealId(), followUp.reasonId(), "Sent by Tickler from the cadence step.", false, null, null, null,
                null);
    }
}
