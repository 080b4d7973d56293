package app.tickler.identity;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.tickler.platform.Conflict;
import app.tickler.platform.IdGenerator;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.NotFound;
import app.tickler.platform.audit.AuditLog;
import app.tickler.platform.audit.Change;

@Service
class TeamManagement {

    static final class TeamNotFound extends NotFound {
        TeamNotFound(long id) {
            super("Team", id);
        }
    }

    private final TeamRepository teams;
    private final IdGenerator ids;
    private final Clock clock;
    private final AuditLog audit;

    TeamManagement(TeamRepository teams, IdGenerator ids, Clock clock, AuditLog audit) {
        this.teams = teams;
        this.ids = ids;
        this.clock = clock;
        this.audit = audit;
    }

    List<TeamSummary> all() {
        return teams.all();
    }

    TeamSummary get(long id) {
        return teams.find(id).orElseThrow(() -> new TeamNotFound(id));
    }

    @Transactional
    TeamSummary create(String name) {
        String clean = validName(name, null);
        long id = ids.next();
        teams.insert(id, clean, clock.millis());
        audit.record("team", id, "created", Map.of("name", new Change(null, clean)));
        return get(id);
    }

    @Transactional
    TeamSummary rename(long id, String name, long version) {
        TeamSummary current = get(id);
        String clean = validName(name, id);
        teams.rename(id, clean, version, clock.millis());
        audit.record("team", id, "renamed", Map.of("name", new Change(current.name(), clean)));
        return get(id);
    }

    @Transactional
    void delete(long id) {
        TeamSummary current = get(id);
        int members = current.members() + current.deactivatedMembers();
        if (members > 0) {
            // deactivated users still belong to the team (and may come back): they count too
            int deactivated = current.deactivatedMembers();
            String which = deactivated == 0 ? "" : deactivated == members ? (members == 1 ? ", deactivated" : ", all deactivated")
                    : ", " + deactivated + " of them deactivated";
            throw new Conflict("Team " + current.name() + " still has " + members + (members == 1 ? " member" : " members")
                    + which + "; move them to another team first");
        }
        teams.delete(id);
        audit.record("team", id, "deleted", Map.of("name", new Change(current.name(), null)));
    }

    private String validName(String name, Long exceptId) {
        InvalidInput.Collector problems = new InvalidInput.Collector();
        String clean = Inputs.name(problems, "name", name);
        problems.throwIfAny();
        if (teams.nameTaken(clean, exceptId)) {
            throw new InvalidInput("name", "is already the name of another team");
        }
        return clean;
    }
}
