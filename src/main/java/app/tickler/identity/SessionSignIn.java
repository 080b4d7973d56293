package app.tickler.identity;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.WebAuthenticationDetailsSource;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Component;

import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Signs a user in within the current browser session: after set-up or sign-up, and after a password change. */
@Component
class SessionSignIn {

    private final AuthenticationManager authenticationManager;
    private final ActorResolver actors;
    private final UserManagement users;
    private final SecurityContextRepository repository = new HttpSessionSecurityContextRepository();

    SessionSignIn(AuthenticationManager authenticationManager, ActorResolver actors, UserManagement users) {
        this.authenticationManager = authenticationManager;
        this.actors = actors;
        this.users = users;
    }

    void withPassword(String email, String password, HttpServletRequest request, HttpServletResponse response) {
        UsernamePasswordAuthenticationToken attempt = UsernamePasswordAuthenticationToken.unauthenticated(email, password);
        attempt.setDetails(new WebAuthenticationDetailsSource().buildDetails(request));
        request.changeSessionId();
        save(authenticationManager.authenticate(attempt), request, response);
    }

    /**
     * The signed-in user changes their own password, from the profile page or the API: every other
     * session of theirs ends with the old security stamp, while a browser session making the change
     * carries on with the new one. A program with a bearer token gets no session from it.
     */
    void changeOwnPassword(String currentPassword, String newPassword, HttpServletRequest request,
            HttpServletResponse response) {
        Actor actor = Actors.current();
        users.changeOwnPassword(currentPassword, newPassword, request.getRemoteAddr());
        if (!BearerTokenFilter.isBearerAuthenticated(request) && request.getSession(false) != null) {
            refresh(actor.workspaceId(), actor.userId(), request, response);
        }
    }

    /** Re-reads the signed-in user into the session, under a new session id, e.g. with the stamp of a new password. */
    void refresh(long workspaceId, long userId, HttpServletRequest request, HttpServletResponse response) {
        actors.refresh(workspaceId, userId, null).ifPresent(user -> {
            request.changeSessionId();
            save(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()), request, response);
        });
    }

    private void save(Authentication authentication, HttpServletRequest request, HttpServletResponse response) {
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        repository.saveContext(context, request, response);
    }
}
