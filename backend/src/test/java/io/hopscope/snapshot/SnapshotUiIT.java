package io.hopscope.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.HopscopeAppTest;
import io.hopscope.web.Browser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The snapshot pages in headless Chromium against the real application on the demo cluster. */
@HopscopeAppTest
class SnapshotUiIT {

  @LocalServerPort int port;

  String base;

  @BeforeEach
  void base() {
    base = "http://localhost:" + port;
  }

  @Test
  @DisplayName(
      "Capturing in the UI opens the snapshot's dashboard; its share link shows the same topology in a fresh session")
  void captureAndShare() {
    String name = "ui <b>capture</b> & \"share\"";
    String sharedLink;
    String topology;
    String podsTable;
    try (Browser browser = Browser.open()) {
      browser.get(base + "/snapshots");
      browser.driver().findElement(By.id("capture-name")).sendKeys(name);
      browser.driver().findElement(By.id("capture")).click();
      browser.waiting().until(ExpectedConditions.urlMatches("/snapshots/[A-Za-z0-9_-]{22}$"));
      assertThat(browser.driver().findElement(By.id("snapshot-name")).getText()).isEqualTo(name);
      assertThat(browser.driver().findElement(By.id("snapshot-banner")).getText())
          .startsWith("snapshot")
          .contains("taken");
      topology = browser.diagramText("topology");
      podsTable = browser.driver().findElement(By.id("pods")).getText();
      String id = browser.driver().findElement(By.id("snapshot-banner")).getAttribute("data-id");
      assertThat(browser.driver().findElement(By.id("trace-link")).getAttribute("href"))
          .isEqualTo(base + "/trace?snapshot=" + id);

      browser.driver().findElement(By.id("share")).click();
      WebElement link =
          browser
              .waiting()
              .until(ExpectedConditions.visibilityOfElementLocated(By.id("share-link")));
      sharedLink = link.getAttribute("value");
      assertThat(sharedLink).isEqualTo(base + "/snapshots/" + id);
      assertThat(browser.consoleErrors()).noneMatch(e -> e.contains("Content Security Policy"));
    }
    assertThat(topology).isNotBlank();
    try (Browser fresh = Browser.open()) {
      fresh.get(sharedLink);
      assertThat(fresh.driver().findElement(By.id("snapshot-name")).getText()).isEqualTo(name);
      assertThat(fresh.diagramText("topology")).isEqualTo(topology);
      assertThat(fresh.driver().findElement(By.id("pods")).getText()).isEqualTo(podsTable);
    }
  }

  @Test
  @DisplayName(
      "Picking two snapshots in the list shows their diff: the removed policy and the connectivity it gained")
  void diffTwo() {
    Api api = new Api(port);
    String before = api.capture("with policies").json().get("id").asString();
    ObjectNode export = (ObjectNode) api.get("/api/v1/snapshots/" + before + "/export").json();
    ArrayNode policies = (ArrayNode) export.get("state").get("networkPolicies");
    String removed =
        policies.get(0).get("namespace").asString() + "/" + policies.get(0).get("name").asString();
    policies.remove(0);
    String after =
        api.post(
                "/api/v1/snapshots/import?name=one%20policy%20less",
                "application/json", export.toString().getBytes(StandardCharsets.UTF_8))
            .json()
            .get("id")
            .asString();

    try (Browser browser = Browser.open()) {
      browser.get(base + "/snapshots");
      for (String id : List.of(before, after)) {
        browser.driver().findElement(By.cssSelector("input.pick[data-id='" + id + "']")).click();
      }
      WebElement diff = browser.driver().findElement(By.id("diff-selected"));
      assertThat(diff.isEnabled()).isTrue();
      diff.click();
      browser.waiting().until(ExpectedConditions.urlContains("/diff/"));
      assertThat(browser.driver().getCurrentUrl())
          .endsWith("/snapshots/" + before + "/diff/" + after);
      String policiesSection =
          browser
              .driver()
              .findElement(By.cssSelector("section[data-kind='Network policies']"))
              .getText();
      assertThat(policiesSection).contains(removed);
      // without the policy some pairs are newly allowed (gained) or allowed more ports (changed)
      assertThat(browser.driver().findElement(By.id("connectivity-diff")).getText())
          .containsPattern("(gained|changed) ");
      assertThat(browser.consoleErrors()).isEmpty();
    }
  }

  @Test
  @DisplayName(
      "Deleting asks for confirmation and removes the row; the snapshot is gone from the API")
  void deleteWithConfirmation() {
    Api api = new Api(port);
    String id = api.capture("to be deleted").json().get("id").asString();
    long countBefore = api.count();
    try (Browser browser = Browser.open()) {
      browser.get(base + "/snapshots");
      browser.driver().findElement(By.cssSelector("button.delete[data-id='" + id + "']")).click();
      browser.waiting().until(ExpectedConditions.alertIsPresent()).accept();
      browser
          .waiting()
          .until(
              ExpectedConditions.numberOfElementsToBe(
                  By.cssSelector("tr[data-id='" + id + "']"), 0));
      assertThat(browser.driver().findElement(By.id("snapshot-count")).getText())
          .isEqualTo((countBefore - 1) + " stored");
      browser.get(base + "/snapshots/" + id);
      assertThat(browser.driver().findElement(By.tagName("main")).getText())
          .contains("404", "snapshot '" + id + "' was deleted");
      browser.get(base + "/snapshots/neverExistedAtAllxxxxx");
      assertThat(browser.driver().findElement(By.tagName("main")).getText())
          .contains("404", "deleted, or never existed");
    }
    assertThat(api.get("/api/v1/snapshots/" + id).status()).isEqualTo(404);
  }

  @Test
  @DisplayName(
      "The diff button looks disabled until two are picked; a diff shows a changed pod's old and new values")
  void diffValues() {
    Api api = new Api(port);
    String before = api.capture("labels before").json().get("id").asString();
    ObjectNode export = (ObjectNode) api.get("/api/v1/snapshots/" + before + "/export").json();
    ObjectNode pod = (ObjectNode) export.get("state").get("pods").get(0);
    String ref = pod.get("namespace").asString() + "/" + pod.get("name").asString();
    ((ObjectNode) pod.get("labels")).put("hopscope-test", "changed");
    String after =
        api.post(
                "/api/v1/snapshots/import",
                "application/json",
                export.toString().getBytes(StandardCharsets.UTF_8))
            .json()
            .get("id")
            .asString();
    try (Browser browser = Browser.open()) {
      browser.get(base + "/snapshots");
      WebElement diff = browser.driver().findElement(By.id("diff-selected"));
      assertThat(diff.isEnabled()).isFalse();
      assertThat(Double.parseDouble(diff.getCssValue("opacity"))).isLessThan(0.6);
      assertThat(diff.getCssValue("cursor")).isEqualTo("not-allowed");
      // an import of an export keeps the export's name
      assertThat(
              browser
                  .driver()
                  .findElement(By.cssSelector("tr[data-id='" + after + "'] a.snapshot-link"))
                  .getText())
          .isEqualTo("labels before");

      browser.get(base + "/snapshots/" + before + "/diff/" + after);
      String pods =
          browser.driver().findElement(By.cssSelector("section[data-kind='Pods']")).getText();
      assertThat(pods).contains(ref, "labels", "hopscope-test=changed");
      String old =
          browser
              .driver()
              .findElement(By.cssSelector("section[data-kind='Pods'] del.old"))
              .getText();
      assertThat(old).doesNotContain("hopscope-test");
      assertThat(browser.consoleErrors()).isEmpty();
    }
  }

  @Test
  @DisplayName(
      "Importing manifests lists each warning; the snapshot's trace and policies pages name it and link back")
  void importWarningsAndSnapshotContext(@TempDir Path files) throws Exception {
    Api api = new Api(port);
    Path file = files.resolve("odd-cluster.yaml");
    java.nio.file.Files.writeString(
        file,
        """
        apiVersion: v1
        kind: Namespace
        metadata: {name: shop}
        ---
        just: text
        ---
        apiVersion: v1
        kind: Pod
        metadata: {name: web-1, namespace: shop, labels: {app: web}}
        spec:
          nodeName: node-1
          containers: [{name: web, image: nginx}]
        status: {phase: Running, podIP: 10.244.0.5}
        """);
    try (Browser browser = Browser.open()) {
      browser.get(base + "/snapshots");
      browser.driver().findElement(By.id("import-file")).sendKeys(file.toString());
      browser
          .waiting()
          .until(ExpectedConditions.visibilityOfElementLocated(By.id("import-warnings")));
      List<WebElement> warnings =
          browser.driver().findElements(By.cssSelector("#import-warnings li"));
      assertThat(warnings).isNotEmpty();
      assertThat(warnings.get(0).getText()).contains("not a Kubernetes manifest");
      assertThat(browser.driver().findElement(By.id("snapshot-status")).getText())
          .contains("\"odd-cluster.yaml\"", "warning");
      String id =
          browser
              .driver()
              .findElement(By.id("imported-link"))
              .getAttribute("href")
              .replaceAll(".*/snapshots/", "");

      browser.get(base + "/snapshots/" + id);
      assertThat(browser.driver().findElement(By.id("policies-link")).getAttribute("href"))
          .isEqualTo(base + "/policies?snapshot=" + id);
      browser.get(base + "/trace?snapshot=" + id);
      WebElement context = browser.driver().findElement(By.id("snapshot-context"));
      assertThat(context.getText()).contains("odd-cluster.yaml", "UTC");
      assertThat(browser.driver().findElement(By.id("snapshot-back")).getAttribute("href"))
          .isEqualTo(base + "/snapshots/" + id);
      browser.get(base + "/policies?snapshot=" + id);
      assertThat(browser.driver().findElement(By.id("snapshot-context")).getText())
          .contains("odd-cluster.yaml");
      assertThat(api.get("/policies?snapshot=" + id).text()).contains("shop");
      assertThat(browser.consoleErrors()).isEmpty();
    }
  }

  @Test
  @DisplayName(
      "A gzipped export, downloaded from the list's .gz link, imports through the page's file picker")
  void importGzippedExport(@TempDir Path files) throws Exception {
    Api api = new Api(port);
    String id = api.capture("to be gzipped").json().get("id").asString();
    try (Browser browser = Browser.open()) {
      browser.get(base + "/snapshots");
      String href =
          browser
              .driver()
              .findElement(By.cssSelector("tr[data-id='" + id + "'] a.export-gz"))
              .getAttribute("href");
      assertThat(href).isEqualTo(base + "/api/v1/snapshots/" + id + "/export?compress=gzip");
      Path file = files.resolve("cluster.json.gz");
      java.nio.file.Files.write(file, api.get(href.substring(base.length())).bytes());
      long before = api.count();

      browser.driver().findElement(By.id("import-file")).sendKeys(file.toString());
      browser
          .waiting()
          .until(
              ExpectedConditions.textToBePresentInElementLocated(
                  By.id("snapshot-status"), "Imported"));
      // an export keeps the name it was exported with, not the file's
      assertThat(browser.driver().findElement(By.id("snapshot-status")).getText())
          .contains("\"to be gzipped\"");
      assertThat(api.count()).isEqualTo(before + 1);
    }
  }
}
