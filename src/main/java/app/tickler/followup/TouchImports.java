package app.tickler.followup;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.tickler.identity.Directory;
import app.tickler.identity.UserId;
import app.tickler.identity.UserSummary;
import app.tickler.party.AccountId;
import app.tickler.party.ContactId;
import app.tickler.party.Parties;
import app.tickler.platform.IdGenerator;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.audit.AuditLog;
import app.tickler.platform.audit.Change;
import app.tickler.platform.database.Rows;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.Role;
import app.tickler.platform.timeline.TimelineEntry.Subject;

/**
 * Touches of an imported activity history, many at a time, and their removal when the import is undone.
 *
 * <p>A historical touch is a fact about the past: it is in its records' touch history, moves their last
 * touch forward (never back) and takes its place in their chases — every touch of the chase records it
 * joins, from its moment on, is numbered again, so the attempts so far are right. It does not happen
 * now: it completes, cancels or plans no follow-up (not even the level policy's check-in: the next
 * policy run sees the new last touch), ends no enrolment, sends nothing, sets no level or stage, tells
 * the sales cycle of no activity, writes no timeline entry and no journal line. The daily counters of
 * touches count it on its day ({@link TouchesImported}). Removing imported touches takes all of that
 * back: the chases are numbered again from what is left, last touches set back, the counters decreased.
 *
 * <p>The same bookkeeping serves a record removed for good (a lead or deal, a person, an account): its
 * touches are kept in the history of the other records they were about, and those about it alone go, with
 * what they counted ({@link #forget}).
 */
@Service
class TouchImports {

    /** A touch may be imported up to this far ahead of the server's clock, as one logged (clocks differ a little). */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final int CHUNK = 500;
    /** The columns of a touch that {@link Stored} holds. */
    private static final String STORED = "id, occurred_at, direction, account_id, lead_id, deal_id, logged_by, value_adding,"
            + " attempt";

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final Parties parties;
    private final Directory directory;
    private final IdGenerator ids;
    private final Clock clock;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    TouchImports(JdbcClient jdbc, JdbcTemplate template, Parties parties, Directory directory, IdGenerator ids,
            Clock clock, AuditLog audit, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.template = template;
        this.parties = parties;
        this.directory = directory;
        this.ids = ids;
        this.clock = clock;
        this.audit = audit;
        this.events = events;
    }

    /** The rules of one touch that need no database: each problem named by its field. */
    void check(ImportedTouch touch) {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        check(touch, problems);
        problems.throwIfAny();
    }

    void check(ImportedTouch touch, InvalidInput.Collector problems) {
        Actor actor = Actors.current();
        problems.check(touch.channel() != null, "channel", "is required");
        if (touch.occurredAt() == null) {
            problems.add("occurredAt", "is required: when it happened");
        } else if (touch.occurredAt().isAfter(clock.instant().plus(CLOCK_SKEW))) {
            problems.add("occurredAt", "is in the future: only what happened can be imported (plan a follow-up instead)");
        }
        if (touch.notes() != null && touch.notes().length() > 10_000) {
            problems.add("notes", "must be at most 10000 characters");
        }
        if (touch.accountId() == null && touch.contactIds().isEmpty() && touch.leadId() == null
                && touch.dealId() == null) {
            problems.add("contactIds", "or accountId, leadId or dealId is required: a touch is with someone");
        }
        if (touch.contactIds().stream().anyMatch(java.util.Objects::isNull)) {
            problems.add("contactIds", "must not hold an empty id");
        }
        if (touch.loggedBy() != null && actor.role() == Role.REP && touch.loggedBy().value() != actor.userId()) {
            problems.add("loggedBy", "can only be you: a rep imports their own touches (a manager or admin imports a"
                    + " colleague's)");
        }
    }

    /** Writes the touches with everything they derive (see the class comment); ids in the order given. */
    @Transactional
    List<TouchId> importTouches(List<ImportedTouch> touches) {
        if (touches.isEmpty()) {
            return List.of();
        }
        Actor actor = Actors.current();
        touches.forEach(this::check);
        Map<Long, String> authors = authors(actor, touches);
        long workspace = actor.workspaceId();
        long now = clock.millis();
        List<TouchId> created = new ArrayList<>(touches.size());
        List<Object[]> touchRows = new ArrayList<>(touches.size());
        List<Object[]> subjectRows = new ArrayList<>();
        Map<AccountId, Instant> accountsLatest = new HashMap<>();
        Map<ContactId, Instant> contactsLatest = new HashMap<>();
        Set<Subject> chases = new HashSet<>();
        Map<DayAndAuthor, long[]> daily = new TreeMap<>();
        long from = Long.MAX_VALUE;
        for (ImportedTouch touch : touches) {
            long id = ids.next();
            created.add(new TouchId(id));
            Direction direction = touch.direction() == null ? Direction.OUTBOUND : touch.direction();
            boolean reached = touch.reached() != null ? touch.reached() : direction == Direction.INBOUND;
            boolean responded = Attempts.isResponse(direction, reached);
            long at = touch.occurredAt().toEpochMilli();
            long author = touch.loggedBy() == null ? actor.userId() : touch.loggedBy().value();
            List<ContactId> contacts = List.copyOf(new LinkedHashSet<>(touch.contactIds()));
            touchRows.add(new Object[] {workspace, id, at, touch.channel().name(), direction.name(),
                    touch.accountId() == null ? null : touch.accountId().value(), touch.leadId(), touch.dealId(),
                    touch.notes(), reached, responded, touch.outcome() == null ? null : touch.outcome().name(), author,
                    authors.get(author), now});
            List<Subject> subjects = new ArrayList<>();
            if (touch.accountId() != null) {
                subjects.add(new Subject("account", touch.accountId().value()));
                accountsLatest.merge(touch.accountId(), touch.occurredAt(), (a, b) -> a.isAfter(b) ? a : b);
            }
            for (ContactId contact : contacts) {
                subjects.add(new Subject("contact", contact.value()));
                contactsLatest.merge(contact, touch.occurredAt(), (a, b) -> a.isAfter(b) ? a : b);
            }
            if (touch.leadId() != null) {
                subjects.add(new Subject("lead", touch.leadId()));
            }
            if (touch.dealId() != null) {
                subjects.add(new Subject("deal", touch.dealId()));
            }
            for (Subject subject : subjects) {
                subjectRows.add(new Object[] {workspace, subject.type(), subject.id(), at, id,
                        direction == Direction.OUTBOUND, responded});
            }
            // every record the touch is on: a later touch chasing any of them counts this one
            chases.addAll(subjects);
            from = Math.min(from, at);
            daily.computeIfAbsent(new DayAndAuthor(day(at), author), k -> new long[2])[0]++;
        }
        template.batchUpdate("""
                INSERT INTO touches (workspace_id, id, occurred_at, channel, direction, account_id, lead_id, deal_id,
                                     notes, reached, responded, outcome, attempt, logged_by, logged_by_name, created_at,
                                     value_adding, imported)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, FALSE, TRUE)
                """, touchRows);
        template.batchUpdate("""
                INSERT INTO touch_subjects (workspace_id, subject_type, subject_id, occurred_at, touch_id, outbound, responded)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, subjectRows);
        renumber(chases, from);
        parties.recordTouches(accountsLatest, contactsLatest);
        audit.record("touch", workspace, "imported", Map.of("touches", new Change(null, touches.size())));
        events.publishEvent(new TouchesImported(dailyTouches(daily)));
        return created;
    }

    /**
     * Removes imported touches (a touch logged in Tickler is never removed here) and takes back what they
     * derived: chases numbered again from what is left, last touches set back, the daily counts decreased.
     * Returns how many were removed.
     */
    @Transactional
    int remove(Collection<TouchId> touchIds) {
        List<Long> wanted = touchIds.stream().map(TouchId::value).distinct().toList();
        if (wanted.isEmpty()) {
            return 0;
        }
        long workspace = Actors.current().workspaceId();
        Map<Long, Stored> removed = new HashMap<>();
        for (List<Long> chunk : chunks(wanted)) {
            jdbc.sql("SELECT " + STORED + " FROM touches WHERE workspace_id = :workspace AND imported = TRUE"
                    + " AND id IN (:ids)").param("workspace", workspace).param("ids", chunk).query(rs -> {
                removed.put(rs.getLong("id"), stored(rs));
            });
        }
        if (removed.isEmpty()) {
            return 0;
        }
        List<Long> found = new ArrayList<>(removed.keySet());
        Map<Long, Long> accountsRemoved = new HashMap<>();
        Map<Long, Long> contactsRemoved = new HashMap<>();
        for (List<Long> chunk : chunks(found)) {
            jdbc.sql("""
                    SELECT touch_id, subject_type, subject_id, occurred_at FROM touch_subjects
                    WHERE workspace_id = :workspace AND touch_id IN (:ids)
                    """).param("workspace", workspace).param("ids", chunk).query(rs -> {
                String type = rs.getString("subject_type");
                long subject = rs.getLong("subject_id");
                long at = rs.getLong("occurred_at");
                if (type.equals("contact")) {
                    removed.get(rs.getLong("touch_id")).contacts().add(subject);
                    contactsRemoved.merge(subject, at, Math::max);
                } else if (type.equals("account")) {
                    accountsRemoved.merge(subject, at, Math::max);
                }
            });
        }
        Set<Subject> chases = new HashSet<>();
        long from = Long.MAX_VALUE;
        for (Stored touch : removed.values()) {
            // every record the touch was on: a later touch chasing any of them counted this one
            touch.contacts().forEach(contact -> chases.add(new Subject("contact", contact)));
            if (touch.accountId() != null) {
                chases.add(new Subject("account", touch.accountId()));
            }
            if (touch.leadId() != null) {
                chases.add(new Subject("lead", touch.leadId()));
            }
            if (touch.dealId() != null) {
                chases.add(new Subject("deal", touch.dealId()));
            }
            from = Math.min(from, touch.at());
        }
        for (List<Long> chunk : chunks(found)) {
            jdbc.sql("DELETE FROM touch_subjects WHERE workspace_id = :workspace AND touch_id IN (:ids)")
                    .param("workspace", workspace).param("ids", chunk).update();
            jdbc.sql("DELETE FROM touches WHERE workspace_id = :workspace AND imported = TRUE AND id IN (:ids)")
                    .param("workspace", workspace).param("ids", chunk).update();
        }
        renumber(chases, from);
        parties.correctLastTouch(corrections("account", accountsRemoved), corrections("contact", contactsRemoved));
        audit.record("touch", workspace, "importRemoved", Map.of("touches", new Change(removed.size(), null)));
        events.publishEvent(new ImportedTouchesRemoved(dailyTouches(removed.values())));
        return removed.size();
    }

    /**
     * Forgets a record removed for good — a lead or deal (an import undone, its account purged), a person,
     * an account — in the touches about it. A touch about other records too stays in their history: the
     * record's index row and reference go, and a touch whose chase the record was (its deal, else its lead,
     * else its contacts) is numbered again in the chase it continues now. A touch about this record alone
     * goes, and what it counted is taken back ({@link TouchesRemoved}); it was in no other record's history,
     * so no other touch's number and no last touch changes.
     */
    @Transactional
    void forget(Subject record) {
        long workspace = Actors.current().workspaceId();
        List<Long> touchIds = jdbc.sql("""
                SELECT touch_id FROM touch_subjects WHERE workspace_id = :workspace AND subject_type = :type AND subject_id = :id
                """).param("workspace", workspace).param("type", record.type()).param("id", record.id())
                .query(Long.class).list();
        if (touchIds.isEmpty()) {
            return;
        }
        Map<Long, Stored> touches = stored(touchIds);
        Set<Long> shared = new HashSet<>();
        for (List<Long> chunk : chunks(touchIds)) {
            jdbc.sql("""
                    SELECT DISTINCT touch_id FROM touch_subjects WHERE workspace_id = :workspace AND touch_id IN (:ids)
                      AND NOT (subject_type = :type AND subject_id = :id)
                    """).param("workspace", workspace).param("ids", chunk).param("type", record.type())
                    .param("id", record.id()).query(Long.class).list().forEach(shared::add);
        }
        jdbc.sql("DELETE FROM touch_subjects WHERE workspace_id = :workspace AND subject_type = :type AND subject_id = :id")
                .param("workspace", workspace).param("type", record.type()).param("id", record.id()).update();
        String column = switch (record.type()) {
            case "account" -> "account_id";
            case "lead" -> "lead_id";
            case "deal" -> "deal_id";
            default -> null; // a touch's people are in its index rows only
        };
        List<Long> alone = touchIds.stream().filter(id -> !shared.contains(id)).toList();
        if (column != null) {
            for (List<Long> chunk : chunks(new ArrayList<>(shared))) {
                jdbc.sql("UPDATE touches SET " + column + " = NULL WHERE workspace_id = :workspace AND id IN (:ids)")
                        .param("workspace", workspace).param("ids", chunk).update();
            }
        }
        for (List<Long> chunk : chunks(alone)) {
            jdbc.sql("DELETE FROM touches WHERE workspace_id = :workspace AND id IN (:ids)")
                    .param("workspace", workspace).param("ids", chunk).update();
        }
        Set<Long> rechased = new HashSet<>();
        for (Long id : shared) {
            Stored touch = touches.get(id);
            if (chaseOf(touch.dealId(), touch.leadId(), touch.contacts(), touch.accountId()).contains(record)) {
                rechased.add(id);
            }
        }
        number(chasesOf(rechased), new HashMap<>());
        if (!alone.isEmpty()) {
            audit.record(record.type(), record.id(), "touchesRemoved", Map.of("touches", new Change(alone.size(), null)));
            events.publishEvent(new TouchesRemoved(dailyTouches(alone.stream().map(touches::get).toList())));
        }
    }

    /** Which of these touches exist (an imported touch whose records were all removed is gone). */
    Set<TouchId> existing(Collection<TouchId> touchIds) {
        Set<TouchId> existing = new HashSet<>();
        List<Long> wanted = touchIds.stream().map(TouchId::value).distinct().toList();
        for (List<Long> chunk : chunks(wanted)) {
            jdbc.sql("SELECT id FROM touches WHERE workspace_id = :workspace AND id IN (:ids)")
                    .param("workspace", Actors.current().workspaceId()).param("ids", chunk).query(Long.class).list()
                    .forEach(id -> existing.add(new TouchId(id)));
        }
        return existing;
    }

    /**
     * Numbers again every touch whose chase holds one of these records and that happened at or after
     * {@code from}: their histories changed under them. Reads the histories of those records (one query
     * per kind of record and 500 records), then of any other chase record of the touches concerned.
     */
    void renumber(Set<Subject> changed, long from) {
        if (changed.isEmpty()) {
            return;
        }
        Map<Subject, List<Attempts.Entry>> histories = new HashMap<>();
        readHistories(changed, histories);
        Set<Long> concerned = new HashSet<>();
        histories.values().forEach(entries -> entries.stream().filter(e -> e.at() >= from)
                .forEach(e -> concerned.add(e.touch())));
        List<Attempts.Numbered> touches = chasesOf(concerned).stream()
                .filter(touch -> touch.chase().stream().anyMatch(changed::contains)).toList();
        number(touches, histories);
    }

    /** Numbers these touches again from the histories of their chase records (those not read yet are read). */
    private void number(List<Attempts.Numbered> touches, Map<Subject, List<Attempts.Entry>> histories) {
        if (touches.isEmpty()) {
            return;
        }
        Set<Subject> more = new HashSet<>();
        touches.forEach(touch -> touch.chase().stream().filter(s -> !histories.containsKey(s)).forEach(more::add));
        readHistories(more, histories);
        Map<Long, Integer> numbers = Attempts.numbers(histories, touches);
        long workspace = Actors.current().workspaceId();
        List<Object[]> updates = new ArrayList<>();
        for (Attempts.Numbered touch : touches) {
            int number = numbers.get(touch.touch());
            if (number != touch.attempt()) {
                updates.add(new Object[] {number, workspace, touch.touch()});
            }
        }
        template.batchUpdate("UPDATE touches SET attempt = ? WHERE workspace_id = ? AND id = ?", updates);
    }

    private void readHistories(Set<Subject> subjects, Map<Subject, List<Attempts.Entry>> into) {
        Map<String, List<Long>> byType = new TreeMap<>();
        subjects.forEach(s -> byType.computeIfAbsent(s.type(), k -> new ArrayList<>()).add(s.id()));
        long workspace = Actors.current().workspaceId();
        byType.forEach((type, idsOfType) -> {
            for (List<Long> chunk : chunks(idsOfType)) {
                chunk.forEach(id -> into.putIfAbsent(new Subject(type, id), new ArrayList<>()));
                jdbc.sql("""
                        SELECT subject_id, touch_id, occurred_at, outbound, responded FROM touch_subjects
                        WHERE workspace_id = :workspace AND subject_type = :type AND subject_id IN (:ids)
                        ORDER BY subject_id, occurred_at, touch_id
                        """).param("workspace", workspace).param("type", type).param("ids", chunk).query(rs -> {
                    into.get(new Subject(type, rs.getLong("subject_id"))).add(new Attempts.Entry(rs.getLong("touch_id"),
                            rs.getLong("occurred_at"), rs.getBoolean("outbound"), rs.getBoolean("responded")));
                });
            }
        });
    }

    /** The touches with their direction, number and chase records (as {@link Attempts#chaseOf} chooses them). */
    private List<Attempts.Numbered> chasesOf(Set<Long> touchIds) {
        return stored(touchIds).values().stream().map(t -> new Attempts.Numbered(t.id(),
                t.direction() == Direction.OUTBOUND, chaseOf(t.dealId(), t.leadId(), t.contacts(), t.accountId()),
                t.attempt())).toList();
    }

    /** The touches as stored, with their contacts. */
    private Map<Long, Stored> stored(Collection<Long> touchIds) {
        long workspace = Actors.current().workspaceId();
        Map<Long, Stored> stored = new HashMap<>();
        for (List<Long> chunk : chunks(new ArrayList<>(touchIds))) {
            jdbc.sql("SELECT " + STORED + " FROM touches WHERE workspace_id = :workspace AND id IN (:ids)")
                    .param("workspace", workspace).param("ids", chunk).query(rs -> {
                        stored.put(rs.getLong("id"), stored(rs));
                    });
            jdbc.sql("""
                    SELECT touch_id, subject_id FROM touch_subjects
                    WHERE workspace_id = :workspace AND subject_type = 'contact' AND touch_id IN (:ids)
                    """).param("workspace", workspace).param("ids", chunk).query(rs -> {
                Stored touch = stored.get(rs.getLong("touch_id"));
                if (touch != null) {
                    touch.contacts().add(rs.getLong("subject_id"));
                }
            });
        }
        return stored;
    }

    private static Stored stored(ResultSet rs) throws SQLException {
        return new Stored(rs.getLong("id"), rs.getLong("occurred_at"), Direction.valueOf(rs.getString("direction")),
                Rows.nullableLong(rs, "account_id"), Rows.nullableLong(rs, "lead_id"), Rows.nullableLong(rs, "deal_id"),
                Rows.nullableLong(rs, "logged_by"), rs.getBoolean("value_adding"), rs.getInt("attempt"),
                new ArrayList<>());
    }

    /** The deal, else the lead, else the contacts, else the account: the rule of {@link Attempts#chaseOf}. */
    static List<Subject> chaseOf(Long deal, Long lead, List<Long> contacts, Long account) {
        if (deal != null) {
            return List.of(new Subject("deal", deal));
        }
        if (lead != null) {
            return List.of(new Subject("lead", lead));
        }
        if (!contacts.isEmpty()) {
            return contacts.stream().map(c -> new Subject("contact", c)).toList();
        }
        return account == null ? List.of() : List.of(new Subject("account", account));
    }

    /**
     * The authors' names. An author is any user of the workspace, one deactivated since too: the history
     * a team brings was partly made by colleagues who have left, and it is theirs.
     */
    private Map<Long, String> authors(Actor actor, List<ImportedTouch> touches) {
        Set<UserId> wanted = new HashSet<>();
        touches.stream().filter(t -> t.loggedBy() != null).forEach(t -> wanted.add(t.loggedBy()));
        Map<Long, String> names = new HashMap<>();
        names.put(actor.userId(), actor.displayName());
        for (UserSummary user : directory.users(wanted)) {
            names.put(user.id().value(), user.displayName());
        }
        for (UserId user : wanted) {
            if (!names.containsKey(user.value())) {
                throw new InvalidInput("loggedBy", "is not a user of this workspace");
            }
        }
        return names;
    }

    private List<Parties.LastTouchCorrection> corrections(String type, Map<Long, Long> removedLatest) {
        Map<Long, Long> remaining = new HashMap<>();
        long workspace = Actors.current().workspaceId();
        for (List<Long> chunk : chunks(new ArrayList<>(removedLatest.keySet()))) {
            jdbc.sql("""
                    SELECT subject_id, MAX(occurred_at) AS latest FROM touch_subjects
                    WHERE workspace_id = :workspace AND subject_type = :type AND subject_id IN (:ids) GROUP BY subject_id
                    """).param("workspace", workspace).param("type", type).param("ids", chunk)
                    .query(rs -> {
                        remaining.put(rs.getLong("subject_id"), rs.getLong("latest"));
                    });
        }
        List<Parties.LastTouchCorrection> corrections = new ArrayList<>();
        removedLatest.forEach((id, latest) -> corrections.add(new Parties.LastTouchCorrection(id,
                Instant.ofEpochMilli(latest), remaining.containsKey(id) ? Instant.ofEpochMilli(remaining.get(id)) : null)));
        return corrections;
    }

    /** The touches counted per day and author, as {@link #importTouches} and a touch logged count them. */
    private static List<DailyTouches> dailyTouches(Collection<Stored> touches) {
        Map<DayAndAuthor, long[]> daily = new TreeMap<>();
        for (Stored touch : touches) {
            long[] counts = daily.computeIfAbsent(new DayAndAuthor(day(touch.at()),
                    touch.loggedBy() == null ? 0 : touch.loggedBy()), k -> new long[2]);
            counts[0]++;
            if (touch.valueAdding()) {
                counts[1]++;
            }
        }
        return dailyTouches(daily);
    }

    private static List<DailyTouches> dailyTouches(Map<DayAndAuthor, long[]> daily) {
        List<DailyTouches> days = new ArrayList<>(daily.size());
        daily.forEach((key, counts) -> days.add(new DailyTouches(key.day(), key.author(), counts[0], counts[1])));
        return days;
    }

    private static LocalDate day(long at) {
        return LocalDate.ofInstant(Instant.ofEpochMilli(at), ZoneOffset.UTC);
    }

    private static List<List<Long>> chunks(List<Long> ids) {
        List<List<Long>> chunks = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += CHUNK) {
            chunks.add(ids.subList(i, Math.min(ids.size(), i + CHUNK)));
        }
        return chunks;
    }

    private record DayAndAuthor(LocalDate day, long author) implements Comparable<DayAndAuthor> {
        @Override
        public int compareTo(DayAndAuthor other) {
            int byDay = day.compareTo(other.day);
            return byDay != 0 ? byDay : Long.compare(author, other.author);
        }
    }

    private record Stored(long id, long at, Direction direction, Long accountId, Long leadId, Long dealId, Long loggedBy,
            boolean valueAdding, int attempt, List<Long> contacts) {
    }
}
