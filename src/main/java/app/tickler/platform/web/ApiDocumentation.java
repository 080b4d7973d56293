package app.tickler.platform.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

/** The OpenAPI document served at /api/v1/openapi.json, browsable at /api/v1/docs. */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    @Bean
    OpenAPI ticklerApi() {
        return new OpenAPI()
                .info(new Info().title("Tickler API").version("v1")
                        .description("The REST API of Tickler, the sales follow-up CRM. Conventions (pagination, "
                                + "versions, errors) are described in docs/api.md."))
                .components(new Components().addSecuritySchemes("bearer", new SecurityScheme()
                        .type(SecurityScheme.Type.HTTP).scheme("bearer").description("A personal API token (tkl_…)")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"));
    }
}
