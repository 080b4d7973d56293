package app.tickler.journal;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import app.tickler.followup.FollowUps;
import app.tickler.identity.UserId;
import app.tickler.platform.jobs.Workspaces;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * The missing-journal reminder: once the working day of a rep has ended (the workspace's reminder
 * time in the rep's zone, Monday to Friday) and the day's journal is not submitted, the rep gets a
 * notification — once per day, whichever instance runs the job (ShedLock, and a row per reminder).
 */
@Component
class JournalJobs {

    private final Workspaces workspaces;
    private final JournalRepository repository;
    private final FollowUps followUps;
    private final Clock clock;
    private final TransactionTemplate transactions;

    JournalJobs(Workspaces workspaces, JournalRepository repository, FollowUps followUps, Clock clock,
            PlatformTransactionManager transactionManager) {
        this.workspaces = workspaces;
        this.repository = repository;
        this.followUps = followUps;
        this.clock = clock;
        this.transactions = new TransactionTemplate(transactionManager);
    }

    @Scheduled(cron = "${tickler.journal.reminder-cron:0 */15 * * * *}", zone = "UTC")
    @SchedulerLock(name = "journal.reminders", lockAtMostFor = "PT10M")
    public void remind() {
        workspaces.forEach("journal.reminders", actor -> remindWorkspace());
    }

    /** Reminds the workspace's reps whose day is over without a submitted journal; returns how many. */
    int remindWorkspace() {
        JournalSettings settings = repository.settings();
        if (!settings.remindersOn()) {
            return 0;
        }
        int reminded = 0;
        for (JournalRepository.Rep rep : repository.activeReps()) {
            LocalDateTime local = LocalDateTime.now(clock.withZone(ZoneId.of(rep.zone())));
            DayOfWeek weekday = local.getDayOfWeek();
            if (weekday == DayOfWeek.SATURDAY || weekday == DayOfWeek.SUNDAY
                    || local.toLocalTime().isBefore(settings.reminderTime())) {
                continue;
            }
            boolean submitted = repository.entryOf(rep.id(), local.toLocalDate()).map(JournalEntry::submitted).orElse(false);
            if (submitted) {
                continue;
            }
            Boolean sent = transactions.execute(status -> {
                if (!repository.recordReminder(rep.id(), local.toLocalDate(), clock.millis())) {
                    return false;
                }
                followUps.notify(new UserId(rep.id()), "journal.missing", "Your journal of " + local.toLocalDate()
                        + " is not submitted yet", "/journal/" + local.toLocalDate());
                return true;
            });
            if (Boolean.TRUE.equals(sent)) {
                reminded++;
            }
        }
        return reminded;
    }
}
