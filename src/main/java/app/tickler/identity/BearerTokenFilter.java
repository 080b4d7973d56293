package app.tickler.identity;

import java.io.IOException;
import java.util.Optional;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import app.tickler.platform.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * {@code Authorization: Bearer tkl_…} authenticates the request as the token's user, checked on every
 * request (a revoked token or deactivated user is refused at once). Any other {@code Authorization}
 * header is refused with 401 rather than ignored: a request that names credentials never falls back
 * to the session cookie. Only a request this filter has authenticated skips the CSRF check, so the
 * filter runs before {@code CsrfFilter}.
 */
final class BearerTokenFilter extends OncePerRequestFilter {

    static final class BearerAuthentication extends AbstractAuthenticationToken {

        private final SignedInUser user;

        BearerAuthentication(SignedInUser user) {
            super(user.getAuthorities());
            this.user = user;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Object getPrincipal() {
            return user;
        }
    }

    private static final String AUTHENTICATED = BearerTokenFilter.class.getName() + ".AUTHENTICATED";

    private final ApiTokens tokens;
    private final boolean basicAllowed;

    private BearerTokenFilter(ApiTokens tokens, boolean basicAllowed) {
        this.tokens = tokens;
        this.basicAllowed = basicAllowed;
    }

    /** Bearer tokens are the only header credentials accepted. */
    static BearerTokenFilter only(ApiTokens tokens) {
        return new BearerTokenFilter(tokens, false);
    }

    /** Bearer tokens, or HTTP Basic left to the basic-authentication filter that follows. */
    static BearerTokenFilter besideBasic(ApiTokens tokens) {
        return new BearerTokenFilter(tokens, true);
    }

    /** Whether this request was authenticated by a bearer token (and so cannot have been forged cross-site). */
    static boolean isBearerAuthenticated(HttpServletRequest request) {
        return Boolean.TRUE.equals(request.getAttribute(AUTHENTICATED));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || (basicAllowed && header.regionMatches(true, 0, "Basic ", 0, 6))) {
            chain.doFilter(request, response);
            return;
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            refuse(response, "Send a bearer token (Authorization: Bearer tkl_…); other credentials are not accepted here.");
            return;
        }
        Optional<SignedInUser> user = tokens.authenticate(header.substring(7).trim());
        if (user.isEmpty()) {
            refuse(response, "The bearer token is unknown, revoked, or belongs to a deactivated user.");
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new BearerAuthentication(user.get()));
        SecurityContextHolder.setContext(context);
        request.setAttribute(AUTHENTICATED, Boolean.TRUE);
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletResponse response, String detail) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"Tickler\", error=\"invalid_token\"");
        ProblemResponses.write(response, HttpStatus.UNAUTHORIZED, detail);
    }
}
