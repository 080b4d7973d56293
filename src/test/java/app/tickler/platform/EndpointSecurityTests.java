package app.tickler.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpMethod;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import app.tickler.Fixtures;
import app.tickler.TicklerTest;
import app.tickler.platform.security.PublicEndpoint;

/**
 * Authorisation that cannot be forgotten: every endpoint of Tickler declares who may call it, and
 * every endpoint that is not explicitly public refuses an anonymous caller — pages by redirecting to
 * sign-in, the API with 401.
 */
@TicklerTest
class EndpointSecurityTests {

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;
    @Autowired
    MockMvc mvc;
    @Autowired
    Fixtures fixtures;

    record Endpoint(HttpMethod method, String path, HandlerMethod handler) {
        boolean isPublic() {
            return AnnotatedElementUtils.hasAnnotation(handler.getMethod(), PublicEndpoint.class)
                    || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), PublicEndpoint.class);
        }

        boolean isApi() {
            return path.startsWith("/api/");
        }
    }

    @Test
    void everyEndpointDeclaresWhoMayCallIt() {
        List<String> undeclared = ticklerEndpoints().stream()
                .filter(e -> !declaresRoles(e.handler()))
                .map(e -> e.method() + " " + e.path() + " -> " + e.handler())
                .toList();
        assertThat(undeclared).isEmpty();
    }

    @Test
    void anonymousCallersAreRefusedEverywhereButThePublicEndpoints() throws Exception {
        // with a workspace in the database: before the first one every page leads to set-up instead of sign-in
        fixtures.workspace();
        List<Endpoint> endpoints = ticklerEndpoints();
        assertThat(endpoints).hasSizeGreaterThan(20);
        List<String> letThrough = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            if (endpoint.isPublic()) {
                continue;
            }
            MvcResult result = mvc.perform(request(endpoint.method(), endpoint.path().replaceAll("\\{[^}]+}", "1"))
                    .header("Accept", endpoint.isApi() ? "application/json" : "text/html")).andReturn();
            int status = result.getResponse().getStatus();
            boolean refused = endpoint.isApi()
                    ? status == 401 || (status == 403 && endpoint.method() != HttpMethod.GET)
                    : (status == 302 && result.getResponse().getRedirectedUrl().endsWith("/login"))
                            || (status == 403 && endpoint.method() != HttpMethod.GET);
            if (!refused) {
                letThrough.add(endpoint.method() + " " + endpoint.path() + " answered " + status);
            }
        }
        assertThat(letThrough).isEmpty();
    }

    @Test
    void writesWithoutAuthorizationAreRefusedEvenWithACsrfToken() throws Exception {
        for (Endpoint endpoint : ticklerEndpoints()) {
            if (endpoint.isPublic() || endpoint.method() == HttpMethod.GET || !endpoint.isApi()) {
                continue;
            }
            int status = mvc.perform(request(endpoint.method(), endpoint.path().replaceAll("\\{[^}]+}", "1"))
                    .with(org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf()))
                    .andReturn().getResponse().getStatus();
            assertThat(status).as(endpoint.method() + " " + endpoint.path()).isEqualTo(401);
        }
    }

    private List<Endpoint> ticklerEndpoints() {
        List<Endpoint> endpoints = new ArrayList<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            HandlerMethod handler = entry.getValue();
            if (!handler.getBeanType().getPackageName().startsWith("app.tickler")) {
                continue;
            }
            var methods = entry.getKey().getMethodsCondition().getMethods();
            for (String path : entry.getKey().getPatternValues()) {
                if (methods.isEmpty()) {
                    endpoints.add(new Endpoint(HttpMethod.GET, path, handler));
                }
                for (RequestMethod method : methods) {
                    endpoints.add(new Endpoint(HttpMethod.valueOf(method.name()), path, handler));
                }
            }
        }
        return endpoints;
    }

    private static boolean declaresRoles(HandlerMethod handler) {
        Method method = handler.getMethod();
        return AnnotatedElementUtils.hasAnnotation(method, PreAuthorize.class)
                || AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), PreAuthorize.class);
    }
}
