package app.tickler.identity;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** Until the first workspace exists, every page leads to the one-time set-up page. */
final class SetupFilter extends OncePerRequestFilter {

    private final Onboarding onboarding;
    private final AtomicBoolean setUp = new AtomicBoolean();

    SetupFilter(Onboarding onboarding) {
        this.onboarding = onboarding;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!setUp.get() && onboarding.isSetUp()) {
            setUp.set(true);
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!setUp.get() && !path.equals("/setup") && !isAsset(path)) {
            response.sendRedirect(request.getContextPath() + "/setup");
            return;
        }
        chain.doFilter(request, response);
    }

    private static boolean isAsset(String path) {
        return path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/img/")
                || path.startsWith("/webjars/") || path.equals("/favicon.ico")
                || path.equals("/error");
    }
}
