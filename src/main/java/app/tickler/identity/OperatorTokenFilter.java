package app.tickler.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import app.tickler.platform.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The installation's operator — whoever runs the server, not a role in any workspace, since anybody
 * may sign up and administer a workspace — reads metrics and the other actuator endpoints with
 * {@code Authorization: Bearer <tickler.operator.token>}. Without that setting nobody does.
 */
final class OperatorTokenFilter extends OncePerRequestFilter {

    static final String ROLE = "OPERATOR";

    private final byte[] expected;

    OperatorTokenFilter(String operatorToken) {
        this.expected = operatorToken == null || operatorToken.isBlank() ? null : sha256(operatorToken.trim());
    }

    boolean enabled() {
        return expected != null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || expected == null) {
            chain.doFilter(request, response);
            return;
        }
        // digests of equal length, compared in constant time: the answer tells nothing about the token
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7)
                || !MessageDigest.isEqual(expected, sha256(header.substring(7).trim()))) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"Tickler operations\", error=\"invalid_token\"");
            ProblemResponses.write(response, HttpStatus.UNAUTHORIZED, "This is not the operator token.");
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated("operator", null,
                List.of(new SimpleGrantedAuthority("ROLE_" + ROLE))));
        SecurityContextHolder.setContext(context);
        chain.doFilter(request, response);
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
