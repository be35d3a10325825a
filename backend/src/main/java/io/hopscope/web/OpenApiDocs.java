package io.hopscope.web;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI description's title and version (the build's, from {@code build-info}), and the
 * {@code Problem} schema: every 4xx response an operation declares is described as {@code
 * application/problem+json} of that schema, in this one place.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiDocs {

  static final String PROBLEM = "Problem";

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
                        + " snapshots. Errors are application/problem+json (RFC 9457)."))
        .components(new Components());
  }

  /** Gives every declared 4xx response the problem body. */
  @Bean
  OpenApiCustomizer problemResponses() {
    return api -> {
      // OpenAPI 3.1 schemas, like the rest of the description
      var problem = ModelConverters.getInstance(true).readAllAsResolvedSchema(Problem.class);
      api.getComponents().addSchemas(PROBLEM, problem.schema);
      Content content =
          new Content()
              .addMediaType(
                  PROBLEM_JSON,
                  new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
      api.getPaths()
          .values()
          .forEach(
              path ->
                  path.readOperations()
                      .forEach(
                          operation -> {
                            if (operation.getResponses() == null) {
                              return;
                            }
                            operation
                                .getResponses()
                                .forEach(
                                    (code, response) -> {
                                      if (code.startsWith("4")) {
                                        response.setContent(content);
                                      }
                                    });
                          }));
    };
  }
}
