package app.tickler.identity;

import java.time.Duration;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.annotation.Order;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.RememberMeAuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.rememberme.TokenBasedRememberMeServices;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

import app.tickler.platform.InstallationSecret;
import app.tickler.platform.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Four filter chains. {@code POST /api/v1/auth/tokens} takes HTTP Basic (to get a first token);
 * the rest of {@code /api/**} takes bearer tokens or the browser's session; {@code /actuator/**} is
 * for the installation's operator and its token (health is public); every other path is the web UI
 * with form sign-in and remember-me. URL rules only separate public from signed-in paths: which roles
 * may call an endpoint is declared on the endpoint itself and enforced by method security.
 */
@Configuration(proxyBeanMethods = false)
@EnableMethodSecurity(jsr250Enabled = true)
class SecurityConfiguration {

    /** The paths reachable without signing in; the endpoints behind them are marked {@code @PublicEndpoint}. */
    static final String[] PUBLIC_PAGES = {"/login", "/setup", "/signup", "/error", "/css/**", "/js/**", "/img/**",
            "/webjars/**", "/favicon.ico"};

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors 'none'";

    private static final Duration REMEMBER_ME = Duration.ofDays(30);

    @Bean
    PasswordEncoder passwordEncoder() {
        // argon2 for new hashes (no 72-byte limit as bcrypt has); bcrypt hashes from elsewhere still verify
        return new DelegatingPasswordEncoder("argon2", Map.of(
                "argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8(),
                "bcrypt", new BCryptPasswordEncoder()));
    }

    /** Passwords (form sign-in, HTTP Basic) and remember-me cookies, the latter checked by the same key they were signed with. */
    @Bean
    AuthenticationManager authenticationManager(ActorResolver users, PasswordEncoder passwordEncoder,
            LoginThrottle throttle, InstallationSecret secret) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(passwordEncoder);
        return new ProviderManager(new ThrottledAuthentication(passwords, throttle),
                new RememberMeAuthenticationProvider(secret.value()));
    }

    @Bean
    TokenBasedRememberMeServices rememberMeServices(InstallationSecret secret, ActorResolver users) {
        TokenBasedRememberMeServices services = new StampedRememberMeServices(secret.value(), users);
        services.setTokenValiditySeconds((int) REMEMBER_ME.toSeconds());
        services.setParameter("remember-me");
        services.setCookieName("tickler-remember-me");
        return services;
    }

    @Bean
    @Order(1)
    SecurityFilterChain tokenIssue(HttpSecurity http, AuthenticationManager authenticationManager, ApiTokens tokens)
            throws Exception {
        http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/v1/auth/tokens"))
                .authenticationManager(authenticationManager)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .httpBasic(basic -> basic.authenticationEntryPoint(apiEntryPoint("Basic realm=\"Tickler\"")))
                .addFilterAfter(BearerTokenFilter.besideBasic(tokens), SecurityContextHolderFilter.class)
                .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                .exceptionHandling(errors -> errors.authenticationEntryPoint(apiEntryPoint("Basic realm=\"Tickler\""))
                        .accessDeniedHandler(apiAccessDenied()));
        headers(http);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain api(HttpSecurity http, ApiTokens tokens, ActorResolver actors) throws Exception {
        http.securityMatcher("/api/**")
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.NEVER))
                .requestCache(cache -> cache.disable())
                // sign-up through the API opens no session, so there is no session to ride on
                .csrf(csrf -> csrf.requireCsrfProtectionMatcher(unsafeUnlessBearerAuthenticated())
                        .ignoringRequestMatchers(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/api/v1/signup")))
                .addFilterBefore(BearerTokenFilter.only(tokens), CsrfFilter.class)
                .addFilterBefore(new ActorRefreshFilter(actors), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(HttpMethod.POST, "/api/v1/signup").permitAll()
                        .anyRequest().authenticated())
                .exceptionHandling(errors -> errors.authenticationEntryPoint(apiEntryPoint("Bearer realm=\"Tickler\""))
                        .accessDeniedHandler(apiAccessDenied()));
        headers(http);
        return http.build();
    }

    /**
     * Metrics, Flyway and the other actuator endpoints show the whole installation, so no workspace role
     * opens them — only the operator token. Health stays public for load balancers. Without a token
     * configured, the other endpoints do not exist for anybody.
     */
    @Bean
    @Order(3)
    SecurityFilterChain operations(HttpSecurity http, @Value("${tickler.operator.token:}") String operatorToken)
            throws Exception {
        OperatorTokenFilter operator = new OperatorTokenFilter(operatorToken);
        http.securityMatcher("/actuator/**")
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                // no cookie authenticates here, so there is nothing to forge
                .csrf(csrf -> csrf.disable())
                .addFilterAfter(operator, SecurityContextHolderFilter.class)
                .authorizeHttpRequests(requests -> {
                    requests.requestMatchers("/actuator/health", "/actuator/health/**").permitAll();
                    if (operator.enabled()) {
                        requests.anyRequest().hasRole(OperatorTokenFilter.ROLE);
                    } else {
                        requests.anyRequest().denyAll();
                    }
                })
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(operator.enabled() ? operatorEntryPoint() : notFound())
                        .accessDeniedHandler((request, response, denied) -> notFound().commence(request, response, null)));
        headers(http);
        return http.build();
    }

    @Bean
    @Order(4)
    SecurityFilterChain web(HttpSecurity http, AuthenticationManager authenticationManager,
            TokenBasedRememberMeServices rememberMe, InstallationSecret secret, ApiTokens tokens, ActorResolver actors,
            Onboarding onboarding)
            throws Exception {
        http.authenticationManager(authenticationManager)
                .addFilterBefore(new SetupFilter(onboarding), SecurityContextHolderFilter.class)
                .csrf(csrf -> csrf.requireCsrfProtectionMatcher(unsafeUnlessBearerAuthenticated()))
                .addFilterBefore(BearerTokenFilter.only(tokens), CsrfFilter.class)
                .addFilterBefore(new ActorRefreshFilter(actors), AnonymousAuthenticationFilter.class)
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(PUBLIC_PAGES).permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/", false).failureUrl("/login?error")
                        .permitAll())
                .rememberMe(remember -> remember.rememberMeServices(rememberMe).key(secret.value()))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout")
                        .deleteCookies("JSESSIONID", "tickler-remember-me"))
                .exceptionHandling(errors -> errors.authenticationEntryPoint(pageEntryPoint()));
        headers(http);
        return http.build();
    }

    private static void headers(HttpSecurity http) throws Exception {
        http.headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                .frameOptions(frame -> frame.deny()));
    }

    /**
     * A request authenticated by a bearer token cannot be forged cross-site, so only the others need a
     * CSRF token for unsafe methods. It must be the token that authenticated the request, not merely
     * an Authorization header beside a session cookie: {@link BearerTokenFilter} (which runs first)
     * refuses any header it does not authenticate.
     */
    private static RequestMatcher unsafeUnlessBearerAuthenticated() {
        return request -> CsrfFilter.DEFAULT_CSRF_MATCHER.matches(request)
                && !BearerTokenFilter.isBearerAuthenticated(request);
    }

    private static AuthenticationEntryPoint apiEntryPoint(String challenge) {
        return (HttpServletRequest request, HttpServletResponse response, AuthenticationException failure) -> {
            if (failure instanceof LoginThrottled throttled) {
                response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, throttled.retryAfter().toSeconds())));
                ProblemResponses.write(response, HttpStatus.TOO_MANY_REQUESTS, throttled.getMessage());
                return;
            }
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, challenge);
            ProblemResponses.write(response, HttpStatus.UNAUTHORIZED, "Authentication is required: send a bearer token.");
        };
    }

    private static AuthenticationEntryPoint operatorEntryPoint() {
        return (request, response, failure) -> {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"Tickler operations\"");
            ProblemResponses.write(response, HttpStatus.UNAUTHORIZED,
                    "The actuator endpoints other than health need the operator token (tickler.operator.token).");
        };
    }

    private static AuthenticationEntryPoint notFound() {
        return (request, response, failure) -> ProblemResponses.write(response, HttpStatus.NOT_FOUND,
                "There is nothing here.");
    }

    private static AccessDeniedHandler apiAccessDenied() {
        return (request, response, denied) -> ProblemResponses.write(response, HttpStatus.FORBIDDEN,
                "Your role does not allow this, or the request lacks its CSRF token.");
    }

    /** A page redirects to sign-in; an htmx request is told to do so with HX-Redirect. */
    private static AuthenticationEntryPoint pageEntryPoint() {
        LoginUrlAuthenticationEntryPoint login = new LoginUrlAuthenticationEntryPoint("/login");
        return (request, response, failure) -> {
            if (request.getHeader("HX-Request") != null) {
                response.setHeader("HX-Redirect", request.getContextPath() + "/login");
                response.setStatus(HttpStatus.UNAUTHORIZED.value());
                return;
            }
            login.commence(request, response, failure);
        };
    }
}
