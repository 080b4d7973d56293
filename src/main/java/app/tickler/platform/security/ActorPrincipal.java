package app.tickler.platform.security;

/** Implemented by the authentication principals that carry an {@link Actor}. */
public interface ActorPrincipal {

    Actor actor();
}
