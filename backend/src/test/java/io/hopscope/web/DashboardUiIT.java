package io.hopscope.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.HopscopeAppTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The dashboard in headless Chromium against the real application. */
class DashboardUiIT {

  static Path tempDir(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The drawn subgraphs as "node NAME" or "ns NAME", ordered by where they appear (top, then left).
   */
  @SuppressWarnings("unchecked")
  static List<String> subgraphsTopToBottom(Browser browser) {
    return (List<String>)
        browser.script(
            """
            return [...document.querySelectorAll('#topology svg g.cluster')]
              .map((g) => ({ text: g.querySelector('.cluster-label').textContent.trim(), box: g.getBoundingClientRect() }))
              .sort((a, b) => a.box.top - b.box.top || a.box.left - b.box.left)
              .map((c) => c.text.split(' ').slice(0, 2).join(' '));
            """);
  }

  @Nested
  @HopscopeAppTest
  @DisplayName("on the default demo cluster")
  class DemoCluster {

    @LocalServerPort int port;

    @Test
    @DisplayName("the dashboard renders the topology as an SVG with every node name in it")
    void dashboardDiagram() {
      try (Browser browser = Browser.open()) {
        browser.get("http://localhost:" + port + "/");
        String svg = browser.awaitDiagramSvg("topology");
        if (Boolean.getBoolean("screenshot")) {
          browser.screenshot(
              Path.of(System.getProperty("screenshot.path", "../docs/images/dashboard.png")),
              1400,
              1900);
        }
        assertThat(svg).contains("node cp-1", "node worker-1", "node worker-2");
        assertThat(browser.diagramText("topology"))
            .contains("cni0 bridge", "flannel.1 vxlan", "ns payments");
        assertThat(browser.driver().findElement(By.id("source-kind")).getText()).isEqualTo("demo");
        assertThat(browser.driver().findElement(By.id("source-name")).getText())
            .isEqualTo("flannel-vxlan");
        assertThat(
                browser
                    .driver()
                    .findElement(By.id("network-title"))
                    .findElement(By.xpath(".."))
                    .getText())
            .contains("flannel", "vxlan", "iptables");
        assertThat(browser.driver().findElements(By.cssSelector("#pods tbody tr")))
            .hasSizeGreaterThanOrEqualTo(15);
        // prometheus' egress policy leaves it no way to DNS
        assertThat(browser.driver().findElement(By.id("lint")).getText())
            .contains("EGRESS_WITHOUT_DNS", "monitoring/prometheus-egress");
        assertThat(browser.driver().findElement(By.id("captured-at")).getText())
            .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC");
        assertThat(browser.driver().findElement(By.id("legend")).getText())
            .contains("pod", "hostNetwork pods", "tunnel", "node network");
        assertThat(browser.driver().findElement(By.id("drawn")).getText())
            .matches("3 nodes, \\d+ pods drawn");
        // nodes, and the namespaces on each, read top-down in name order
        assertThat(subgraphsTopToBottom(browser))
            .containsExactly(
                "node cp-1",
                "ns kube-system",
                "node worker-1",
                "ns monitoring",
                "ns payments",
                "ns shop",
                "node worker-2",
                "ns kube-system",
                "ns monitoring",
                "ns payments",
                "ns shop");
        assertThat(browser.alertPresent()).isFalse();
        assertThat(browser.consoleErrors()).isEmpty();
      }
    }

    @Test
    @DisplayName("the diagram exports as SVG and PNG, and its Mermaid source is the server's")
    void exports() {
      try (Browser browser = Browser.open()) {
        browser.get("http://localhost:" + port + "/");
        browser.awaitDiagramSvg("topology");
        Object png =
            ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                .executeAsyncScript(
                    """
            const done = arguments[arguments.length - 1];
            import('/js/diagram.js')
              .then((m) => m.diagramPng(document.getElementById('topology')))
              .then((blob) => done(blob.type + ' ' + blob.size))
              .catch((e) => done('error ' + e));
            """);
        assertThat((String) png).startsWith("image/png ");
        assertThat(Long.parseLong(((String) png).substring("image/png ".length())))
            .isGreaterThan(10_000);
        Object svg =
            ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                .executeAsyncScript(
                    """
            const done = arguments[arguments.length - 1];
            import('/js/diagram.js').then((m) => done(m.diagramSvgText(document.getElementById('topology'))));
            """);
        assertThat((String) svg)
            .startsWith("<svg")
            .contains("xmlns=\"http://www.w3.org/2000/svg\"", "cni0 bridge");
        Object source =
            ((org.openqa.selenium.JavascriptExecutor) browser.driver())
                .executeAsyncScript(
                    """
            const done = arguments[arguments.length - 1];
            import('/js/diagram.js').then((m) => done(m.diagramSource(document.getElementById('topology'))));
            """);
        assertThat((String) source).startsWith("flowchart LR\n").contains("classDef pod");
        browser
            .driver()
            .findElement(By.cssSelector("#topology [data-diagram-action=copy]"))
            .click();
        browser
            .waiting()
            .until(
                d ->
                    d.findElement(By.cssSelector("#topology [data-diagram-action=copy]"))
                        .getText()
                        .matches("Copied|Failed"));
        assertThat(browser.consoleErrors()).isEmpty();
      }
    }

    @Test
    @DisplayName("Swagger UI works under the Content-Security-Policy")
    void swaggerUi() {
      try (Browser browser = Browser.open()) {
        browser.get("http://localhost:" + port + "/swagger-ui.html");
        browser
            .waiting()
            .until(d -> !d.findElements(By.cssSelector(".swagger-ui .opblock-tag")).isEmpty());
        assertThat(browser.driver().findElement(By.cssSelector(".swagger-ui")).getText())
            .contains("topology", "events");
        assertThat(browser.consoleErrors()).noneMatch(m -> m.contains("Content Security Policy"));
      }
    }

    @Test
    @DisplayName("the namespace and node filters narrow the diagram and the pods table")
    void filters() {
      try (Browser browser = Browser.open()) {
        browser.get("http://localhost:" + port + "/");
        browser.awaitDiagramSvg("topology");
        WebElement namespace = browser.driver().findElement(By.name("namespace"));
        new org.openqa.selenium.support.ui.Select(namespace).selectByValue("payments");
        browser.waiting().until(d -> d.getCurrentUrl().contains("namespace=payments"));
        String text = browser.diagramText("topology");
        assertThat(text)
            .contains("ns payments")
            .doesNotContain("ns shop")
            .doesNotContain("node cp-1");
        List<String> namespaces =
            browser.driver().findElements(By.cssSelector("#pods tbody tr td:first-child")).stream()
                .map(WebElement::getText)
                .distinct()
                .toList();
        assertThat(namespaces).containsExactly("payments");

        browser.get("http://localhost:" + port + "/?node=worker-2");
        assertThat(browser.diagramText("topology"))
            .contains("node worker-2")
            .doesNotContain("node worker-1");
        assertThat(browser.driver().findElement(By.id("drawn")).getText())
            .matches("1 node, \\d+ pods drawn");
      }
    }
  }

  @Nested
  @HopscopeAppTest(properties = "hopscope.source=manifests")
  @DisplayName("on manifests with hostile text")
  class HostileManifests {

    static final String IMAGE = "<img src=x onerror=alert(1)>";
    static final String ANNOTATION = "a]-->b[\"x\"]";
    static final String LABEL = "#quot;<b>bold</b>%%{init: {}}%%";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws IOException {
      Path dir = tempDir("hopscope-hostile-");
      Files.writeString(
          dir.resolve("hostile.yaml"),
          """
          apiVersion: v1
          kind: Node
          metadata:
            name: worker-1
          status:
            addresses:
            - {type: InternalIP, address: 192.168.56.11}
          ---
          apiVersion: v1
          kind: Pod
          metadata:
            name: web-1
            namespace: shop
            labels:
              app: web
              note: '%s'
            annotations:
              note: '%s'
          spec:
            nodeName: worker-1
            containers:
            - name: app
              image: '%s'
          """
              .formatted(LABEL.replace("'", "''"), ANNOTATION.replace("'", "''"), IMAGE));
      registry.add("hopscope.manifests.path", dir::toString);
    }

    @LocalServerPort int port;

    @Test
    @DisplayName(
        "hostile image, annotation and label text shows literally: no alert, no element, no broken diagram")
    void hostileTextIsLiteral() {
      try (Browser browser = Browser.open()) {
        browser.get("http://localhost:" + port + "/");
        String svg = browser.awaitDiagramSvg("topology");

        assertThat(browser.alertPresent()).as("a JavaScript alert opened").isFalse();
        assertThat(svg)
            .doesNotContain("<img")
            .doesNotContain("onerror=\"")
            .doesNotContain("Syntax error");
        assertThat(browser.driver().findElements(By.cssSelector("img"))).isEmpty();
        assertThat(browser.driver().findElements(By.cssSelector("#view b"))).isEmpty();
        assertThat(browser.diagramText("topology")).contains("web-1", IMAGE);

        String table = browser.driver().findElement(By.id("pods")).getText();
        assertThat(table).contains(IMAGE, "note=" + ANNOTATION, "note=" + LABEL);
        assertThat(browser.alertPresent()).isFalse();
        assertThat(browser.consoleErrors()).isEmpty();
      }
    }
  }
}
