package app.tickler.followup;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

import app.tickler.identity.Directory;
import app.tickler.identity.TeamId;
import app.tickler.identity.UserId;
import app.tickler.identity.UserSummary;
import app.tickler.platform.Page;
import app.tickler.platform.Paging;
import app.tickler.platform.database.ListQuery;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.Visibility;

/**
 * The Today queue: overdue follow-ups (they never drop off), those due today and in the next seven
 * days, each ordered by priority — the follow-up's own, then the customer level, the deal amount when
 * known, and how long it is overdue — with counts; and for managers the team's queues, most behind first.
 */
@Service
class TodayQueue {

    static final int WEEK = 7;
    static final int SHOWN = 100;

    record Section(String key, long count, List<FollowUp> items) {
        public boolean truncated() {
            return count > items.size();
        }
    }

    record Today(UserId user, String userName, LocalDate today, Section overdue, Section dueToday, Section week,
            long doneToday) {
        public long open() {
            return overdue.count() + dueToday.count();
        }
    }

    /** One colleague's queue at a glance. */
    record Queue(UserId user, String name, String team, long overdue, long dueToday, long week, long doneToday,
            long brokenPromises) {
    }

    /** Filters of the follow-up list (API and the full lists behind Today's sections). */
    record Filter(UserId assignee, FollowUpStatus status, String due, LocalDate from, LocalDate to,
            app.tickler.party.AccountId account, app.tickler.party.ContactId contact, Long lead, Long deal,
            FollowUpOrigin origin, EnrolmentId enrolment) {
    }

    private final FollowUpRepository followUps;
    private final JdbcClient jdbc;
    private final Directory directory;
    private final Related related;
    private final Clock clock;

    TodayQueue(FollowUpRepository followUps, JdbcClient jdbc, Directory directory, Related related, Clock clock) {
        this.followUps = followUps;
        this.jdbc = jdbc;
        this.directory = directory;
        this.related = related;
        this.clock = clock;
    }

    /** A user's Today in their own zone. */
    Today of(UserId user) {
        ZoneId zone = related.zoneOf(user);
        LocalDate today = LocalDate.now(clock.withZone(zone));
        Map<String, Object> params = Map.of("user", user.value(), "today", today.toString(), "weekEnd",
                today.plusDays(WEEK).toString());
        String mine = "f.assignee_id = :user AND f.status = 'OPEN' AND ";
        Section overdue = section("overdue", mine + "f.due_date < :today", params);
        Section dueToday = section("today", mine + "f.due_date = :today", params);
        Section week = section("week", mine + "f.due_date > :today AND f.due_date <= :weekEnd", params);
        long start = today.atStartOfDay(zone).toInstant().toEpochMilli();
        long done = jdbc.sql("""
                SELECT COUNT(*) FROM follow_ups WHERE workspace_id = :workspace AND closed_at >= :start
                  AND assignee_id = :user AND status = 'DONE'
                """).param("workspace", Actors.current().workspaceId()).param("start", start).param("user", user.value())
                .query(Long.class).single();
        String name = directory.user(user).map(UserSummary::displayName).orElse("");
        return new Today(user, name, today, overdue, dueToday, week, done);
    }

    private Section section(String key, String where, Map<String, Object> params) {
        long count = followUps.count(where, params);
        List<FollowUp> items = count == 0 ? List.of()
                : followUps.query(where, params, QueueOrder.SQL + " LIMIT " + SHOWN);
        return new Section(key, count, items);
    }

    /**
     * The team's queues: a manager's team (or everyone, for a manager without team and for admins),
     * those most behind first. Each colleague's "today" is taken in the viewer's zone.
     */
    List<Queue> team(TeamId team) {
        Actor actor = Actors.current();
        LocalDate today = actor.today(clock);
        List<UserSummary> people = directory.activeUsers().stream()
                .filter(u -> team == null || team.equals(u.teamId())).toList();
        if (people.isEmpty()) {
            return List.of();
        }
        List<Long> ids = people.stream().map(u -> u.id().value()).toList();
        Map<Long, long[]> counts = new HashMap<>();
        jdbc.sql("""
                SELECT assignee_id,
                       SUM(CASE WHEN due_date < :today THEN 1 ELSE 0 END) AS overdue,
                       SUM(CASE WHEN due_date = :today THEN 1 ELSE 0 END) AS due_today,
                       SUM(CASE WHEN due_date > :today THEN 1 ELSE 0 END) AS week
                FROM follow_ups WHERE workspace_id = :workspace AND status = 'OPEN' AND assignee_id IN (:ids)
                  AND due_date <= :weekEnd
                GROUP BY assignee_id
                """).param("today", today.toString()).param("weekEnd", today.plusDays(WEEK).toString())
                .param("workspace", actor.workspaceId()).param("ids", ids)
                .query(rs -> {
                    counts.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4), 0, 0});
                });
        long start = today.atStartOfDay(actor.zone()).toInstant().toEpochMilli();
        jdbc.sql("""
                SELECT assignee_id, COUNT(*) FROM follow_ups WHERE workspace_id = :workspace AND closed_at >= :start
                  AND status = 'DONE' AND assignee_id IN (:ids) GROUP BY assignee_id
                """).param("workspace", actor.workspaceId()).param("start", start).param("ids", ids)
                .query(rs -> {
                    counts.computeIfAbsent(rs.getLong(1), k -> new long[5])[3] = rs.getLong(2);
                });
        jdbc.sql("""
                SELECT owner_id, COUNT(*) FROM commitments WHERE workspace_id = :workspace AND status = 'OPEN'
                  AND broken_at IS NOT NULL AND owner_id IN (:ids) GROUP BY owner_id
                """).param("workspace", actor.workspaceId()).param("ids", ids)
                .query(rs -> {
                    counts.computeIfAbsent(rs.getLong(1), k -> new long[5])[4] = rs.getLong(2);
                });
        List<Queue> queues = new ArrayList<>();
        for (UserSummary person : people) {
            long[] c = counts.getOrDefault(person.id().value(), new long[5]);
            queues.add(new Queue(person.id(), person.displayName(), person.teamName(), c[0], c[1], c[2], c[3], c[4]));
        }
        queues.sort(Comparator.comparingLong(Queue::overdue).reversed().thenComparing(Comparator.comparingLong(
                Queue::brokenPromises).reversed()).thenComparing(Queue::name));
        return queues;
    }

    /** The follow-up list with filters; reps see their own and their team's, by due date. */
    Page<FollowUp> list(Filter filter, Paging paging) {
        Actor actor = Actors.current();
        ListQuery query = ListQuery.of(FollowUpRepository.SELECT).param("workspace", actor.workspaceId())
                .visibleTo(Visibility.of(actor, "f.assignee_id", false));
        if (filter.assignee() != null) {
            query.and("f.assignee_id = :assignee", "assignee", filter.assignee().value());
        }
        FollowUpStatus status = filter.status() == null && filter.due() != null ? FollowUpStatus.OPEN : filter.status();
        if (status != null) {
            query.and("f.status = :status", "status", status.name());
        }
        if (filter.due() != null) {
            LocalDate today = filter.assignee() != null ? LocalDate.now(clock.withZone(related.zoneOf(filter.assignee())))
                    : actor.today(clock);
            switch (filter.due()) {
                case "overdue" -> query.and("f.due_date < :today", "today", today.toString());
                case "today" -> query.and("f.due_date = :today", "today", today.toString());
                case "week" -> query.and("f.due_date > :today", "today", today.toString())
                        .and("f.due_date <= :weekEnd", "weekEnd", today.plusDays(WEEK).toString());
                default -> throw new app.tickler.platform.InvalidInput("due", "must be overdue, today or week");
            }
        }
        if (filter.from() != null) {
            query.and("f.due_date >= :from", "from", filter.from().toString());
        }
        if (filter.to() != null) {
            query.and("f.due_date <= :to", "to", filter.to().toString());
        }
        if (filter.account() != null) {
            query.and("f.account_id = :account", "account", filter.account().value());
        }
        if (filter.contact() != null) {
            query.and("f.contact_id = :contact", "contact", filter.contact().value());
        }
        if (filter.lead() != null) {
            query.and("f.lead_id = :lead", "lead", filter.lead());
        }
        if (filter.deal() != null) {
            query.and("f.deal_id = :deal", "deal", filter.deal());
        }
        if (filter.origin() != null) {
            query.and("f.origin = :origin", "origin", filter.origin().name());
        }
        if (filter.enrolment() != null) {
            query.and("f.enrolment_id = :enrolment", "enrolment", filter.enrolment().value());
        }
        return query.page(jdbc, (rs, n) -> FollowUpRepository.map(rs), ListQuery.Sort.ascending("f.due_date"), "f.id",
                paging, f -> f.dueDate().toString(), f -> f.id().value());
    }
}
