package app.tickler.followup;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.stereotype.Service;

import app.tickler.identity.Directory;
import app.tickler.identity.UserId;
import app.tickler.identity.UserSummary;
import app.tickler.platform.security.Actors;

/** The optional daily email of a user's Today queue, sent through the workspace's SMTP server. */
@Service
class Digests {

    private static final Logger log = LoggerFactory.getLogger(Digests.class);

    private final JdbcClient jdbc;
    private final TodayQueue queue;
    private final SmtpSettings smtp;
    private final Directory directory;
    private final Links links;

    Digests(JdbcClient jdbc, TodayQueue queue, SmtpSettings smtp, Directory directory, Links links) {
        this.jdbc = jdbc;
        this.queue = queue;
        this.smtp = smtp;
        this.directory = directory;
        this.links = links;
    }

    boolean wanted(long user) {
        return jdbc.sql("SELECT daily_digest FROM followup_preferences WHERE workspace_id = :workspace AND user_id = :user")
                .param("workspace", workspace()).param("user", user).query(Boolean.class).optional().orElse(false);
    }

    void setWanted(long user, boolean wanted) {
        int updated = jdbc.sql("UPDATE followup_preferences SET daily_digest = :wanted WHERE workspace_id = :workspace AND user_id = :user")
                .param("wanted", wanted).param("workspace", workspace()).param("user", user).update();
        if (updated == 0) {
            jdbc.sql("INSERT INTO followup_preferences (workspace_id, user_id, daily_digest) VALUES (:workspace, :user, :wanted)")
                    .param("workspace", workspace()).param("user", user).param("wanted", wanted).update();
        }
    }

    /** Sends today's digest to everyone of the workspace who wants one and has not had it today. */
    int sendAll() {
        Optional<SmtpSettings.Stored> settings = smtp.stored();
        if (settings.isEmpty()) {
            return 0;
        }
        List<Long> users = jdbc.sql("SELECT user_id FROM followup_preferences WHERE workspace_id = :workspace AND daily_digest = TRUE")
                .param("workspace", workspace()).query(Long.class).list();
        int sent = 0;
        for (Long id : users) {
            UserSummary user = directory.user(new UserId(id)).orElse(null);
            if (user == null || !user.active()) {
                continue;
            }
            TodayQueue.Today today = queue.of(user.id());
            String day = today.today().toString();
            boolean already = jdbc.sql("SELECT COUNT(*) FROM followup_preferences WHERE workspace_id = :workspace AND user_id = :user AND last_digest_on = :day")
                    .param("workspace", workspace()).param("user", id).param("day", day).query(Long.class).single() > 0;
            if (already) {
                continue;
            }
            SimpleMailMessage message = new SimpleMailMessage();
            message.setFrom(settings.get().fromAddress());
            message.setTo(user.email());
            message.setSubject("Today in Tickler: " + today.overdue().count() + " overdue, " + today.dueToday().count()
                    + " due today");
            message.setText(text(today));
            try {
                SmtpSettings.sender(settings.get()).send(message);
                jdbc.sql("UPDATE followup_preferences SET last_digest_on = :day WHERE workspace_id = :workspace AND user_id = :user")
                        .param("day", day).param("workspace", workspace()).param("user", id).update();
                sent++;
            } catch (RuntimeException e) {
                log.warn("digest to user {} could not be sent: {}", id, e.getMessage());
            }
        }
        return sent;
    }

    String text(TodayQueue.Today today) {
        StringBuilder text = new StringBuilder("Good morning, ").append(today.userName()).append(".\n\n");
        append(text, "Overdue", today.overdue(), today.today());
        append(text, "Due today", today.dueToday(), today.today());
        text.append("Next seven days: ").append(today.week().count()).append(" follow-ups.\n\n");
        text.append("Open your queue: ").append(links.absolute("/today")).append('\n');
        return text.toString();
    }

    private static void append(StringBuilder text, String title, TodayQueue.Section section, LocalDate today) {
        text.append(title).append(" (").append(section.count()).append(")\n");
        section.items().stream().limit(20).forEach(f -> text.append("  - ").append(Planner.label(f))
                .append(f.overdueOn(today) ? " — due " + f.dueDate() : "").append('\n'));
        text.append('\n');
    }

    private static long workspace() {
        return Actors.current().workspaceId();
    }
}
