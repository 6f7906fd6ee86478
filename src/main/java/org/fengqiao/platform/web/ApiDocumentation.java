package org.fengqiao.platform.web;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

/**
 * The API documentation at /v3/api-docs and /swagger-ui.html: a client gets a token from
 * POST /api/v1/auth/token and sends it as a bearer token, which the browsable UI's "Authorize" takes.
 */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
        info = @Info(title = "Fengqiao 枫桥社区警务平台 API", version = "v1",
                description = "Every answer is limited to the caller's part of the jurisdiction tree; a record outside it "
                        + "answers 404 like one that does not exist. Errors are RFC 9457 problem details with a message "
                        + "per field, in Chinese by default or English with Accept-Language: en."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer",
        description = "A token from POST /api/v1/auth/token with {\"username\", \"password\"}")
class ApiDocumentation {
}
