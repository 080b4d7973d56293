package app.tickler.followup;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import app.tickler.identity.Directory;
import app.tickler.identity.UserId;
import app.tickler.identity.UserSummary;
import app.tickler.platform.IdGenerator;
import app.tickler.platform.database.Rows;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.Role;

/**
 * In-app notifications: a follow-up planned for you by someone else, a follow-up of yours that became
 * overdue, and — for managers — a colleague's broken promise. Shown by the bell in the top bar.
 */
@Service
class Notifications {

    record Notification(long id, String kind, String title, String link, Instant createdAt, boolean read) {
    }

    private final JdbcClient jdbc;
    private final IdGenerator ids;
    private final Clock clock;
    private final Directory directory;
    private final FollowUpRepository followUps;

    Notifications(JdbcClient jdbc, IdGenerator ids, Clock clock, Directory directory, FollowUpRepository followUps) {
        this.jdbc = jdbc;
        this.ids = ids;
        this.clock = clock;
        this.directory = directory;
        this.followUps = followUps;
    }

    void notify(long user, String kind, String title, String link) {
        jdbc.sql("""
                INSERT INTO notifications (workspace_id, id, user_id, kind, title, link, created_at)
                VALUES (:workspace, :id, :user, :kind, :title, :link, :now)
                """).param("workspace", workspace()).param("id", ids.next()).param("user", user).param("kind", kind)
                .param("title", title.length() > 500 ? title.substring(0, 499) + "…" : title).param("link", link)
                .param("now", clock.millis()).update();
    }

    long unread(long user) {
        return jdbc.sql("SELECT COUNT(*) FROM notifications WHERE workspace_id = :workspace AND user_id = :user AND read_at IS NULL")
                .param("workspace", workspace()).param("user", user).query(Long.class).single();
    }

    List<Notification> latest(long user, int limit) {
        return jdbc.sql("""
                SELECT * FROM notifications WHERE workspace_id = :workspace AND user_id = :user ORDER BY id DESC LIMIT :limit
                """).param("workspace", workspace()).param("user", user).param("limit", limit)
                .query((rs, n) -> new Notification(rs.getLong("id"), rs.getString("kind"), rs.getString("title"),
                        rs.getString("link"), Rows.instant(rs, "created_at"), rs.getObject("read_at") != null))
                .list();
    }

    void markAllRead(long user) {
        jdbc.sql("UPDATE notifications SET read_at = :now WHERE workspace_id = :workspace AND user_id = :user AND read_at IS NULL")
                .param("now", clock.millis()).param("workspace", workspace()).param("user", user).update();
    }

    @EventListener
    void on(FollowUpPlanned planned) {
        // the planner's own follow-ups and the engine's routine ones need no bell; a colleague's hand-off does
        if (planned.plannedBy() != null && !planned.plannedBy().equals(planned.assignee())) {
            followUps.find(planned.followUp().value()).ifPresent(f -> notify(planned.assignee().value(), "followUp.assigned",
                    "New follow-up for you: " + Planner.label(f) + " on " + f.dueDate(), "/follow-ups/" + f.id().value()));
        }
    }

    @EventListener
    void on(FollowUpMissed missed) {
        followUps.find(missed.followUp().value()).ifPresent(f -> notify(missed.assignee().value(), "followUp.overdue",
                "Overdue: " + Planner.label(f) + " (due " + f.dueDate() + ")", "/follow-ups/" + f.id().value()));
    }

    @EventListener
    void on(CommitmentBroken broken) {
        String owner = directory.user(broken.owner()).map(UserSummary::displayName).orElse("A colleague");
        for (UserId manager : managersOf(broken.owner())) {
            notify(manager.value(), "commitment.broken", owner + " did not keep a promise due " + broken.due(),
                    "/commitments?broken=true");
        }
        notify(broken.owner().value(), "commitment.broken", "Your promise due " + broken.due() + " is overdue",
                "/commitments?ownerId=" + broken.owner().value());
    }

    /** The owner's managers: managers of their team, else the workspace's managers, else its admins. */
    List<UserId> managersOf(UserId owner) {
        List<UserSummary> active = directory.activeUsers();
        UserSummary person = active.stream().filter(u -> u.id().equals(owner)).findFirst().orElse(null);
        Set<UserId> team = new LinkedHashSet<>();
        if (person != null && person.teamId() != null) {
            active.stream().filter(u -> u.role() == Role.MANAGER && person.teamId().equals(u.teamId())
                    && !u.id().equals(owner)).forEach(u -> team.add(u.id()));
        }
        if (team.isEmpty()) {
            active.stream().filter(u -> u.role() == Role.MANAGER && !u.id().equals(owner)).forEach(u -> team.add(u.id()));
        }
        if (team.isEmpty()) {
            active.stream().filter(u -> u.role() == Role.ADMIN && !u.id().equals(owner)).forEach(u -> team.add(u.id()));
        }
        return new ArrayList<>(team);
    }

    private static long workspace() {
        return Actors.current().workspaceId();
    }
}
