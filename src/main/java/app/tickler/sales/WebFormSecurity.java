package app.tickler.sales;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * The public web-to-lead form's own filter chain, ahead of the others. It is anonymous and meant to
 * be embedded in the company's site, where our SameSite session cookie never arrives — so no session
 * and no CSRF token (nothing here acts for a signed-in user; the honeypot and the per-address limit
 * guard it) — and it is the one path whose frame-ancestors policy allows framing by other sites.
 */
@Configuration(proxyBeanMethods = false)
class WebFormSecurity {

    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
            + "form-action 'self'; frame-ancestors *";

    @Bean
    @Order(0)
    SecurityFilterChain webToLeadForm(HttpSecurity http) throws Exception {
        http.securityMatcher(WebForm.PREFIX + "**")
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN))
                        .frameOptions(frame -> frame.disable()));
        return http.build();
    }
}
