package io.hopscope.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description's title and version (the build's, from {@code build-info}), and the
 * {@code Problem} schema every error response refers to.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiDocs {

  /** Where the problem schema lives; error responses point here. */
  static final String PROBLEM_REF = "#/components/schemas/Problem";

  static final String PROBLEM_JSON = "application/problem+json";

  @Bean
  OpenAPI hopscopeOpenApi(ObjectProvider<BuildProperties> build) {
    BuildProperties properties = build.getIfAvailable();
    String version = properties == null ? "development" : properties.getVersion();
    return new OpenAPI()
        .info(
            new Info()
                .title("Hopscope API")
                .version(version)
                .description(
                    "Read-only REST API of Hopscope, a visual network explorer for Kubernetes:"
                        + " topology, packet traces, NetworkPolicy verdicts and connectivity,"
                        + " snapshots. Errors are application/problem+json (RFC 9457).")
                .license(new License().name("see the repository")))
        .components(new Components());
  }
}
