package app.tickler.identity;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Service;

import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;

/** The identity module's API for the others: who the colleagues are, and the workspaces for jobs. */
@Service
public class Directory {

    private final UserRepository users;
    private final TeamRepository teams;
    private final WorkspaceRepository workspaces;

    private final ActorResolver actors;

    Directory(UserRepository users, TeamRepository teams, WorkspaceRepository workspaces, ActorResolver actors) {
        this.users = users;
        this.teams = teams;
        this.workspaces = workspaces;
        this.actors = actors;
    }

    /** The actor an active user would be, for work done on their behalf (scheduled sends, tests). */
    public Optional<Actor> actorFor(WorkspaceId workspace, UserId user) {
        return actors.refresh(workspace.value(), user.value(), null).map(SignedInUser::actor);
    }

    public Optional<UserSummary> user(UserId id) {
        return users.summary(id.value());
    }

    public List<UserSummary> users(Collection<UserId> ids) {
        return users.summaries(ids.stream().map(UserId::value).distinct().toList());
    }

    /** Active users of the caller's workspace, by name: for owner and assignee pickers. */
    public List<UserSummary> activeUsers() {
        return users.active();
    }

    /**
     * Every user of the caller's workspace, deactivated ones included, by name: for what colleagues did
     * before they left (an imported activity history names its authors).
     */
    public List<UserSummary> everyone() {
        return users.everyone();
    }

    public List<TeamSummary> teams() {
        return teams.all();
    }

    public List<UserId> teamMembers(TeamId team) {
        return users.teamMemberIds(Actors.current().workspaceId(), team.value()).stream().map(UserId::new).toList();
    }

    public WorkspaceSummary currentWorkspace() {
        return workspaces.find(Actors.current().workspaceId()).orElseThrow();
    }

    /** Every workspace, for scheduled jobs that work through each in turn as its system actor. */
    public List<WorkspaceSummary> allWorkspaces() {
        return workspaces.all();
    }
}
