package app.tickler.platform.security;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;

/** Access to the current {@link Actor}. */
public final class Actors {

    private Actors() {
    }

    /** The current actor; fails loudly when called outside a request or job, as a query would be unscoped. */
    public static Actor current() {
        return find().orElseThrow(() -> new IllegalStateException("no actor: code ran outside a request or a job"));
    }

    public static Optional<Actor> find() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication != null && authentication.getPrincipal() instanceof ActorPrincipal principal) {
            return Optional.of(principal.actor());
        }
        return Optional.empty();
    }

    /** Runs work as the given actor (scheduled jobs, set-up, tests), restoring the previous context after. */
    public static <T> T callAs(Actor actor, Supplier<T> work) {
        SecurityContext previous = SecurityContextHolder.getContext();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new ActingAs(actor));
        SecurityContextHolder.setContext(context);
        try {
            return work.get();
        } finally {
            SecurityContextHolder.setContext(previous);
        }
    }

    public static void runAs(Actor actor, Runnable work) {
        callAs(actor, () -> {
            work.run();
            return null;
        });
    }

    private static final class ActingAs extends AbstractAuthenticationToken implements ActorPrincipal {

        private final Actor actor;

        ActingAs(Actor actor) {
            super(List.of(new SimpleGrantedAuthority(actor.role().authority())));
            this.actor = actor;
            setAuthenticated(true);
        }

        @Override
        public Actor actor() {
            return actor;
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Object getPrincipal() {
            return this;
        }
    }
}
