package io.hopscope.web;

import io.swagger.v3.oas.annotations.media.Schema;
import java.net.URI;

/**
 * The shape of every error answer ({@code application/problem+json}, RFC 9457), for the OpenAPI
 * description only: errors are written as Spring's {@code ProblemDetail}.
 *
 * @param parameter the request parameter at fault, when one is
 */
@Schema(name = "Problem", description = "An error (RFC 9457 problem details)")
record Problem(
    @Schema(description = "a URI identifying the kind of problem", example = "about:blank")
        URI type,
    @Schema(description = "short summary", example = "Bad parameter 'port'") String title,
    @Schema(description = "the HTTP status", example = "400") int status,
    @Schema(
            description = "what is wrong, for a user",
            example = "port must be a number between 1 and 65535, was '0'")
        String detail,
    @Schema(description = "the request path", example = "/api/v1/trace") URI instance,
    @Schema(
            description = "the request parameter at fault, when one is",
            example = "port",
            requiredMode = Schema.RequiredMode.NOT_REQUIRED)
        String parameter) {}
