package io.hopscope.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.hopscope.HopscopeAppTest;
import io.hopscope.source.ClusterSource;
import io.hopscope.topology.Pod;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The trace page in headless Chromium against the default demo cluster (flannel-vxlan). */
@HopscopeAppTest
class TraceUiIT {

  @LocalServerPort int port;

  @Autowired ClusterSource source;

  private Pod pod(String app, String notOnNode) {
    return DefaultDemo.shopPod(source, app, notOnNode);
  }

  private String base() {
    return "http://localhost:" + port;
  }

  @Test
  @DisplayName(
      "picking two pods on different nodes draws the path through flannel.1, and the permalink reproduces it in a fresh browser")
  void pickAndPermalink() {
    Pod web = pod("web", "");
    Pod cart = pod("cart", web.nodeName());
    assertThat(cart.nodeName()).isNotEqualTo(web.nodeName());
    String permalink;
    String hops;
    try (Browser browser = Browser.open()) {
      browser.get(base() + "/trace");
      WebDriver d = browser.driver();
      browser
          .waiting()
          .until(x -> "true".equals(x.findElement(By.id("trace-form")).getAttribute("data-ready")));
      new Select(d.findElement(By.id("from-namespace"))).selectByValue("shop");
      d.findElement(By.id("from-pod")).sendKeys(web.ref().toString());
      browser
          .waiting()
          .until(x -> new Select(x.findElement(By.id("from-container"))).getOptions().size() > 1);
      new Select(d.findElement(By.id("from-container"))).selectByValue("nginx");
      new Select(d.findElement(By.id("to-kind"))).selectByValue("pod");
      new Select(d.findElement(By.id("to-namespace"))).selectByValue("shop");
      d.findElement(By.id("to-value")).sendKeys(cart.ref().toString());
      WebElement portField = d.findElement(By.id("port"));
      portField.clear();
      portField.sendKeys("8080");
      d.findElement(By.id("trace-submit")).click();
      browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("verdict")));
      assertThat(d.getCurrentUrl()).contains("from=", "to=", "port=8080", "protocol=TCP");
      assertThat(d.findElement(By.id("verdict")).getText()).isEqualTo("ALLOWED");
      assertThat(browser.diagramText("trace-diagram")).contains("flannel.1", "TUNNEL");
      hops = d.findElement(By.id("hops")).getText();
      assertThat(hops)
          .contains(
              "flannel.1",
              "ENCAPSULATED",
              "bridge fdb show dev flannel.1",
              web.ref().toString().split("/")[1]);
      permalink = d.findElement(By.id("permalink")).getAttribute("href");
      assertThat(permalink)
          .startsWith(base() + "/trace?")
          .contains("from=shop/" + web.name() + ":nginx");
      assertThat(browser.consoleErrors()).isEmpty();
    }
    try (Browser fresh = Browser.open()) {
      fresh.get(permalink);
      fresh.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("verdict")));
      assertThat(fresh.driver().findElement(By.id("verdict")).getText()).isEqualTo("ALLOWED");
      assertThat(fresh.diagramText("trace-diagram")).contains("flannel.1");
      assertThat(fresh.driver().findElement(By.id("hops")).getText()).isEqualTo(hops);
      assertThat(fresh.driver().findElement(By.id("from-pod")).getAttribute("value"))
          .isEqualTo(web.ref().toString());
      assertThat(fresh.driver().findElement(By.id("to-value")).getAttribute("value"))
          .isEqualTo(cart.ref().toString());
    }
  }

  @Test
  @DisplayName(
      "a pair the demo redis policy blocks shows DENIED, the dropped hop and the deciding policy")
  void denied() {
    Pod web = pod("web", "");
    Pod redis = pod("redis", "");
    try (Browser browser = Browser.open()) {
      browser.get(
          base() + "/trace?from=" + web.ref() + "&to=" + redis.ref() + "&port=6379&protocol=TCP");
      browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("verdict")));
      WebDriver d = browser.driver();
      assertThat(d.findElement(By.id("verdict")).getText()).isEqualTo("DENIED");
      assertThat(d.findElement(By.id("reason")).getText()).contains("shop/redis-allow-backend");
      assertThat(d.findElement(By.id("policy-panel")).getText())
          .contains("shop/redis-allow-backend", "denied");
      assertThat(d.findElement(By.cssSelector("#hops tr.dropped")).getText())
          .contains("NETWORK_POLICY", "DROPPED");
      assertThat(browser.diagramText("trace-diagram")).contains("DROPPED");
      assertThat(browser.diagramText("policy-diagram")).contains("redis-allow-backend");
      if (Boolean.getBoolean("screenshot")) {
        browser.screenshot(Path.of("../docs/images/trace.png"), 1400, 3000);
      }
      assertThat(browser.consoleErrors()).isEmpty();
    }
  }

  /**
   * Opens the trace from {@code from} to {@code to} on {@code port} and waits until it follows live
   * updates.
   */
  private void openLiveTrace(Browser browser, Pod from, Pod to, int port) {
    // the browser's page-load timeout (Browser.TIMEOUT) fails this when connections are exhausted
    browser.get(base() + "/trace?from=" + from.ref() + "&to=" + to.ref() + "&port=" + port);
    browser.awaitLive("connected");
  }

  @Test
  @DisplayName(
      "live pages never exhaust the browser's connections: ten pages in a row, back, then eight tabs at once all load and follow live updates")
  void livePagesShareAndReleaseConnections() {
    Pod web = pod("web", "");
    Pod cart = pod("cart", "");
    try (Browser browser = Browser.open()) {
      WebDriver d = browser.driver();
      // pages left for others release their stream (Chrome keeps them in its back/forward cache)
      for (int port = 8001; port <= 8010; port++) {
        openLiveTrace(browser, web, cart, port);
      }
      d.navigate().back();
      browser.waiting().until(x -> x.getCurrentUrl().endsWith("port=8009"));
      browser.awaitLive("connected");
      // tabs open at once share one stream (a shared worker), not a connection each
      for (int tab = 1; tab < 8; tab++) {
        d.switchTo().newWindow(WindowType.TAB);
        openLiveTrace(browser, web, cart, 8020 + tab);
      }
      assertThat(d.getWindowHandles()).hasSize(8);
      assertThat(browser.consoleErrors()).isEmpty();
    }
  }

  @Test
  @DisplayName("every kind of trace renders both diagrams in Mermaid without errors")
  void everyKindRenders() {
    Pod web = pod("web", "");
    Pod cart = pod("cart", "");
    String node =
        source.current().nodes().stream()
            .filter(n -> !n.name().equals(web.nodeName()))
            .findFirst()
            .orElseThrow()
            .internalIp();
    java.util.List<String> queries =
        java.util.List.of(
            "from=" + web.ref() + ":nginx&to=" + web.ref() + ":fluentd&port=24224",
            "from=" + web.ref() + "&to=service:shop/cart&port=8080",
            "from=" + web.ref() + "&to=dns:cart&port=8080",
            "from=" + web.ref() + "&to=dns:api.psp.example.com&port=443",
            "from=" + web.ref() + "&to=service:shop/redis&port=6379",
            "from=" + web.ref() + "&to=service:shop/psp-gateway&port=443",
            "from=" + web.ref() + "&to=service:shop/recommendations&port=8080",
            "from=" + web.ref() + "&to=ip:" + node + "&port=30080",
            "from=" + cart.ref() + "&to=ip:203.0.113.10&port=443&protocol=TCP");
    try (Browser browser = Browser.open()) {
      for (String query : queries) {
        browser.get(base() + "/trace?" + query);
        browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("verdict")));
        assertThat(browser.awaitDiagramSvg("trace-diagram")).as(query).contains("<svg");
        assertThat(browser.awaitDiagramSvg("policy-diagram")).as(query).contains("<svg");
      }
      assertThat(browser.consoleErrors()).isEmpty();
    }
  }

  /** The options of a datalist a filter leaves enabled, by value. */
  @SuppressWarnings("unchecked")
  private static java.util.List<String> enabledOptions(Browser browser, String list) {
    return (java.util.List<String>)
        browser.script(
            "return [...document.querySelectorAll('#' + arguments[0] + ' option')]"
                + ".filter((o) => !o.disabled).map((o) => o.value);",
            list);
  }

  @Test
  @DisplayName(
      "pickers: From and To filter separately, Service and DNS suggestions have labels, the container select hides, namespaces stay picked")
  void pickers() {
    Pod web = pod("web", "");
    Pod cart = pod("cart", web.nodeName());
    try (Browser browser = Browser.open()) {
      browser.get(base() + "/trace");
      WebDriver d = browser.driver();
      browser
          .waiting()
          .until(x -> "true".equals(x.findElement(By.id("trace-form")).getAttribute("data-ready")));
      new Select(d.findElement(By.id("to-namespace"))).selectByValue("payments");
      assertThat(enabledOptions(browser, "to-pod-options"))
          .allMatch(v -> v.startsWith("payments/"));
      assertThat(enabledOptions(browser, "from-pod-options")).anyMatch(v -> v.startsWith("shop/"));
      new Select(d.findElement(By.id("from-namespace"))).selectByValue("shop");
      assertThat(enabledOptions(browser, "from-pod-options")).allMatch(v -> v.startsWith("shop/"));
      assertThat(enabledOptions(browser, "to-pod-options"))
          .allMatch(v -> v.startsWith("payments/"));

      new Select(d.findElement(By.id("to-kind"))).selectByValue("service");
      assertThat(d.findElement(By.id("to-container-label")).isDisplayed()).isFalse();
      assertThat(d.findElement(By.id("to-value")).getAttribute("list"))
          .isEqualTo("service-options");
      WebElement service = d.findElement(By.cssSelector("#service-options option"));
      assertThat(service.getAttribute("label")).startsWith("Service · ");
      new Select(d.findElement(By.id("to-kind"))).selectByValue("dns");
      assertThat(d.findElement(By.cssSelector("#dns-options option")).getAttribute("label"))
          .startsWith("DNS name of Service ");
      new Select(d.findElement(By.id("to-kind"))).selectByValue("pod");
      assertThat(d.findElement(By.id("to-container-label")).isDisplayed()).isTrue();

      browser.get(base() + "/trace?from=" + web.ref() + "&to=service:payments/ledger&port=8080");
      browser.waiting().until(ExpectedConditions.presenceOfElementLocated(By.id("trace-form")));
      assertThat(
              new Select(d.findElement(By.id("from-namespace")))
                  .getFirstSelectedOption()
                  .getAttribute("value"))
          .isEqualTo("shop");
      assertThat(
              new Select(d.findElement(By.id("to-namespace")))
                  .getFirstSelectedOption()
                  .getAttribute("value"))
          .isEqualTo("payments");
      assertThat(d.findElement(By.id("to-container-label")).isDisplayed()).isFalse();
      assertThat(cart.namespace()).isEqualTo("shop");
      assertThat(browser.consoleErrors()).isEmpty();
    }
  }
}
