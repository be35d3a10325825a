package io.hopscope.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseCookie;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.UriComponentsBuilder;
import reactor.core.publisher.Mono;

/**
 * Optional token authentication for the whole UI and API ({@code hopscope.auth.token}; off when
 * empty). API clients send {@code Authorization: Bearer TOKEN}; a browser opens any page once with
 * {@code ?token=TOKEN}, which sets an HttpOnly cookie and redirects to the clean URL. The cookie
 * holds an HMAC of the token, never the token itself, so a leaked cookie does not reveal it. The
 * health probe and static assets stay open; without the token the probe answers its status only
 * ({@link StatusOnlyHealth}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class TokenAuthentication implements WebFilter {

  static final String COOKIE = "hopscope_token";
  private static final String HEALTH = "/actuator/health";
  private static final List<String> OPEN_PREFIXES =
      List.of("/css/", "/js/", "/img/", "/webjars/", "/favicon.ico");

  private static final String COOKIE_PURPOSE = "hopscope-session-cookie-v1";

  private final byte[] token;
  private final String cookieValue;

  TokenAuthentication(@Value("${hopscope.auth.token:}") String token) {
    this.token =
        token == null || token.isBlank() ? null : token.trim().getBytes(StandardCharsets.UTF_8);
    this.cookieValue = this.token == null ? null : cookieValue(this.token);
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (token == null) {
      return chain.filter(exchange);
    }
    ServerHttpRequest request = exchange.getRequest();
    String path = request.getPath().pathWithinApplication().value();
    if (matches(bearer(request)) || cookieMatches(cookie(request))) {
      return chain.filter(exchange);
    }
    if (path.startsWith(HEALTH)) {
      return chain.filter(
          exchange.mutate().response(new StatusOnlyHealth(exchange.getResponse())).build());
    }
    if (OPEN_PREFIXES.stream().anyMatch(path::startsWith)) {
      return chain.filter(exchange);
    }
    String query = request.getQueryParams().getFirst("token");
    if (query != null && request.getMethod() == HttpMethod.GET && matches(query)) {
      return rememberAndRedirect(exchange);
    }
    return refuse(exchange.getResponse(), path);
  }

  private boolean matches(String candidate) {
    return candidate != null
        && MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
  }

  private boolean cookieMatches(String candidate) {
    return candidate != null
        && MessageDigest.isEqual(
            cookieValue.getBytes(StandardCharsets.US_ASCII),
            candidate.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * HMAC-SHA256 of a fixed purpose keyed by the token: stable across restarts (the cookie lives 30
   * days) and useless for recovering the token.
   */
  static String cookieValue(byte[] token) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(token, "HmacSHA256"));
      return HexFormat.of()
          .formatHex(mac.doFinal(COOKIE_PURPOSE.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }

  private static String bearer(ServerHttpRequest request) {
    String header = request.getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
    return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
        ? header.substring(7).trim()
        : null;
  }

  private static String cookie(ServerHttpRequest request) {
    HttpCookie cookie = request.getCookies().getFirst(COOKIE);
    return cookie == null ? null : cookie.getValue();
  }

  private Mono<Void> rememberAndRedirect(ServerWebExchange exchange) {
    ServerHttpResponse response = exchange.getResponse();
    response.addCookie(
        ResponseCookie.from(COOKIE, cookieValue)
            .httpOnly(true)
            .sameSite("Strict")
            .path("/")
            .maxAge(Duration.ofDays(30))
            .secure("https".equals(exchange.getRequest().getURI().getScheme()))
            .build());
    URI clean =
        UriComponentsBuilder.fromUri(exchange.getRequest().getURI())
            .replaceQueryParam("token")
            .build(true)
            .toUri();
    response.setStatusCode(HttpStatus.SEE_OTHER);
    response
        .getHeaders()
        .setLocation(
            URI.create(
                clean.getRawPath()
                    + (clean.getRawQuery() == null ? "" : "?" + clean.getRawQuery())));
    return response.setComplete();
  }

  private static Mono<Void> refuse(ServerHttpResponse response, String path) {
    response.setStatusCode(HttpStatus.UNAUTHORIZED);
    response.getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"hopscope\"");
    boolean api =
        path.startsWith("/api/") || path.startsWith("/v3/") || path.startsWith("/actuator/");
    String body =
        api
            ? "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                + "\"detail\":\"send the Hopscope token as 'Authorization: Bearer TOKEN'\",\"parameter\":\"token\"}"
            : "Hopscope needs its access token: open this page once with ?token=TOKEN";
    response
        .getHeaders()
        .setContentType(api ? MediaType.APPLICATION_PROBLEM_JSON : MediaType.TEXT_PLAIN);
    return response.writeWith(
        Mono.just(response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8))));
  }
}
