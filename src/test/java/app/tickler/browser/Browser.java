package app.tickler.browser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Debian Chromium driven through chromedriver, for the main user journeys. Tests using it
 * are skipped where no Chromium is installed; CI installs it.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("TICKLER_CHROMIUM", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("TICKLER_CHROMEDRIVER", "/usr/bin/chromedriver"));

    private final WebDriver driver;
    private final String base;

    private Browser(WebDriver driver, String base) {
        this.driver = driver;
        this.base = base;
    }

    static Browser open(int port) {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "Chromium and chromedriver are not installed");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        WebDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
        return new Browser(driver, "http://localhost:" + port);
    }

    void go(String path) {
        driver.get(base + path);
    }

    String path() {
        return java.net.URI.create(driver.getCurrentUrl()).getPath();
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /** Types into a field, finding it afresh if the page replaced it meanwhile (a load still settling). */
    void type(String css, String text) {
        for (int attempt = 1; ; attempt++) {
            try {
                WebElement field = find(css);
                field.clear();
                field.sendKeys(text);
                return;
            } catch (org.openqa.selenium.WebDriverException e) {
                if (attempt == 5) {
                    throw e;
                }
                new WebDriverWait(driver, Duration.ofSeconds(5)).until(d -> "complete".equals(
                        ((org.openqa.selenium.JavascriptExecutor) d).executeScript("return document.readyState")));
            }
        }
    }

    /** Clicks an element that changes the page in place (a checkbox, a radio button). */
    void check(String css) {
        find(css).click();
    }

    /** Clicks the element and waits for the next page to load. */
    void click(String css) {
        WebElement page = driver.findElement(By.tagName("html"));
        find(css).click();
        waitUntilGone(page);
    }

    /** Clicks the button or link showing this text and waits for the next page to load. */
    void press(String text) {
        WebElement page = driver.findElement(By.tagName("html"));
        button(text).click();
        waitUntilGone(page);
    }

    /**
     * Waits until the old page's element is gone. Chromium sometimes reports a node removed by the
     * navigation as "does not belong to the document" instead of stale; both mean the page changed.
     */
    private void waitUntilGone(WebElement page) {
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> {
            try {
                page.isEnabled();
                return false;
            } catch (org.openqa.selenium.StaleElementReferenceException gone) {
                return true;
            } catch (org.openqa.selenium.WebDriverException e) {
                if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                    return true;
                }
                throw e;
            }
        });
    }

    /** Clicks the button showing this text when it changes the page in place (menus, htmx). */
    void pressInPlace(String text) {
        button(text).click();
    }

    private WebElement button(String text) {
        return driver.findElement(By.xpath("//button[normalize-space()='" + text + "'] | //a[normalize-space()='" + text + "']"));
    }

    String text() {
        return driver.findElement(By.tagName("body")).getText();
    }

    void waitFor(String css) {
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    void acceptConfirmations() {
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("window.confirm = function () { return true; };");
    }

    /** Messages the browser console logged at SEVERE level, e.g. Content-Security-Policy violations. */
    java.util.List<String> consoleErrors() {
        return driver.manage().logs().get(org.openqa.selenium.logging.LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(org.openqa.selenium.logging.LogEntry::getMessage).toList();
    }

    WebDriver driver() {
        return driver;
    }

    @Override
    public void close() {
        driver.quit();
    }
}
