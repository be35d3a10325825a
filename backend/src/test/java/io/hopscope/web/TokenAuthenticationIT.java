package io.hopscope.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.HopscopeAppTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

@HopscopeAppTest(properties = "hopscope.auth.token=s3cret-token")
class TokenAuthenticationIT {

  @Autowired WebTestClient client;

  @org.junit.jupiter.api.BeforeEach
  void patientClient() {
    // the machine is shared and springdoc builds its model on the first request
    client = client.mutate().responseTimeout(java.time.Duration.ofSeconds(30)).build();
  }

  @Test
  @DisplayName("with a token configured, the API refuses requests without it as 401 problem+json")
  void apiNeedsToken() {
    client
        .get()
        .uri("/api/v1/topology")
        .exchange()
        .expectStatus()
        .isUnauthorized()
        .expectHeader()
        .contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
        .expectHeader()
        .valueEquals("WWW-Authenticate", "Bearer realm=\"hopscope\"")
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo(401);
    client
        .get()
        .uri("/api/v1/topology")
        .header("Authorization", "Bearer wrong")
        .exchange()
        .expectStatus()
        .isUnauthorized();
    client
        .get()
        .uri("/api/v1/topology")
        .header("Authorization", "Bearer s3cret-token")
        .exchange()
        .expectStatus()
        .isOk();
  }

  @Test
  @DisplayName("a page opened with ?token= sets an HttpOnly cookie and redirects to the clean URL")
  void pageTokenCookie() {
    client.get().uri("/").exchange().expectStatus().isUnauthorized();
    client
        .get()
        .uri("/?namespace=shop&token=s3cret-token")
        .exchange()
        .expectStatus()
        .isSeeOther()
        .expectHeader()
        .location("/?namespace=shop")
        .expectCookie()
        .httpOnly(TokenAuthentication.COOKIE, true)
        .expectCookie()
        .sameSite(TokenAuthentication.COOKIE, "Strict");
    client.get().uri("/?token=wrong").exchange().expectStatus().isUnauthorized();
    String cookie =
        client
            .get()
            .uri("/?token=s3cret-token")
            .exchange()
            .returnResult(Void.class)
            .getResponseCookies()
            .getFirst(TokenAuthentication.COOKIE)
            .getValue();
    assertThat(cookie).doesNotContain("s3cret").hasSize(64);
    client
        .get()
        .uri("/")
        .cookie(TokenAuthentication.COOKIE, cookie)
        .exchange()
        .expectStatus()
        .isOk();
    // the raw token is not a cookie value: only the HMAC the server set is
    client
        .get()
        .uri("/")
        .cookie(TokenAuthentication.COOKIE, "s3cret-token")
        .exchange()
        .expectStatus()
        .isUnauthorized();
    client
        .get()
        .uri("/api/v1/events")
        .cookie(TokenAuthentication.COOKIE, "wrong")
        .exchange()
        .expectStatus()
        .isUnauthorized();
  }

  @Test
  @DisplayName("the health probe and static assets stay open; health details need the token")
  void openPaths() {
    client
        .get()
        .uri("/actuator/health")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.status")
        .isEqualTo("UP")
        .jsonPath("$.components")
        .doesNotExist()
        .jsonPath("$.details")
        .doesNotExist();
    client
        .get()
        .uri("/actuator/health")
        .header("Authorization", "Bearer s3cret-token")
        .exchange()
        .expectStatus()
        .isOk()
        .expectBody()
        .jsonPath("$.components.hopscope.details.name")
        .isNotEmpty();
    client.get().uri("/css/hopscope.css").exchange().expectStatus().isOk();
    client.get().uri("/actuator/info").exchange().expectStatus().isUnauthorized();
  }
}
