package io.hopscope.web;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium for UI tests, shared by every page's tests.
 *
 * <pre>
 * try (Browser browser = Browser.open()) {
 *   browser.get(baseUrl + "/trace?from=...");
 *   String svg = browser.awaitDiagramSvg("trace-diagram");   // id of the layout's diagram figure
 * }
 * </pre>
 *
 * Skips the test with a clear message when Chromium or chromedriver is missing, except when {@code
 * CI=true}: then it fails. Each browser gets a fresh profile directory, deleted on close.
 */
public final class Browser implements AutoCloseable {

  public static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  public static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  public static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final ChromeDriver driver;
  private final Path profile;

  private Browser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** Starts headless Chromium with a 1400x1000 window. */
  public static Browser open() {
    return open(1400, 1000);
  }

  public static Browser open(int width, int height) {
    assumeChromium();
    try {
      Path profile = Files.createTempDirectory("hopscope-chromium-");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      options.addArguments(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-dev-shm-usage",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--no-first-run",
          "--user-data-dir=" + profile,
          "--window-size=" + width + "," + height,
          "--force-device-scale-factor=1",
          "--lang=en-US");
      LoggingPreferences logs = new LoggingPreferences();
      logs.enable(LogType.BROWSER, Level.ALL);
      options.setCapability("goog:loggingPrefs", logs);
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(CHROMEDRIVER.toFile())
              .usingAnyFreePort()
              .build();
      ChromeDriver driver = new ChromeDriver(service, options);
      // a page that takes longer than this to load is a failure (Selenium's default is 300 s)
      driver.manage().timeouts().pageLoadTimeout(TIMEOUT);
      return new Browser(driver, profile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Skips (or, with CI=true, fails) the calling test when Chromium is not installed. */
  public static void assumeChromium() {
    if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
      return;
    }
    String message =
        "Chromium UI test needs "
            + CHROMIUM
            + " and "
            + CHROMEDRIVER
            + " (apt-get install -y chromium chromium-driver)";
    if ("true".equals(System.getenv("CI"))) {
      Assertions.fail(message + "; CI=true, so this is a failure, not a skip");
    }
    Assumptions.abort(message + "; skipped because CI is not 'true'");
  }

  public WebDriver driver() {
    return driver;
  }

  public void get(String url) {
    driver.get(url);
  }

  public WebDriverWait waiting() {
    WebDriverWait wait = new WebDriverWait(driver, TIMEOUT);
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  /**
   * Waits until the diagram figure {@code figureId} (see layout :: diagram) has finished rendering,
   * and returns the SVG markup. Fails when Mermaid reported an error. Mermaid re-renders after
   * load, so the SVG is re-read rather than held as an element.
   */
  public String awaitDiagramSvg(String figureId) {
    String state =
        waiting()
            .until(
                d -> {
                  String value = d.findElement(By.id(figureId)).getAttribute("data-state");
                  return "rendered".equals(value) || "error".equals(value) ? value : null;
                });
    Assertions.assertEquals(
        "rendered",
        state,
        "Mermaid could not render diagram #"
            + figureId
            + ": "
            + driver.findElement(By.id(figureId)).getText());
    return waiting()
        .until(
            d -> {
              List<WebElement> svgs =
                  d.findElements(By.cssSelector("#" + figureId + " pre.mermaid svg"));
              return svgs.isEmpty() ? null : svgs.get(0).getAttribute("outerHTML");
            });
  }

  /**
   * Waits until the live-update indicator ({@code #live}) is in {@code state}: connected, updated,
   * stale, snapshot.
   */
  public void awaitLive(String state) {
    waiting().until(d -> state.equals(d.findElement(By.id("live")).getAttribute("data-live")));
  }

  /** The visible text of the diagram's SVG (labels), re-read to survive re-renders. */
  public String diagramText(String figureId) {
    awaitDiagramSvg(figureId);
    return waiting()
        .until(d -> d.findElement(By.cssSelector("#" + figureId + " pre.mermaid svg")).getText());
  }

  /**
   * The browser console messages at SEVERE level since the last call (script errors, CSP
   * violations, failed requests).
   */
  public List<String> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        .toList();
  }

  /** Whether a JavaScript alert, confirm or prompt is open. */
  public boolean alertPresent() {
    try {
      driver.switchTo().alert();
      return true;
    } catch (NoAlertPresentException e) {
      return false;
    }
  }

  public Object script(String javascript, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(javascript, args);
  }

  /** Saves a PNG screenshot of the page, resized to the full document height (capped). */
  public void screenshot(Path file, int width, int maxHeight) {
    Number height = (Number) script("return document.documentElement.scrollHeight");
    driver
        .manage()
        .window()
        .setSize(new Dimension(width, Math.min(maxHeight, height.intValue() + 20)));
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      } catch (IOException ignored) {
        // a leftover temp profile is harmless
      }
    }
  }
}
