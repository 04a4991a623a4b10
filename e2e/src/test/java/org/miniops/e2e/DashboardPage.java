package org.miniops.e2e;

import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard as an operator sees it: fields found by their label, buttons and links by their
 * text, and waits on what appears on screen.
 */
final class DashboardPage {

    /** Maximum wait for anything on the page; an audit of the fixture root takes well under a second. */
    private static final int WAIT_SECONDS = 15;

    private final ChromiumBrowser browser;
    private final String baseUrl;

    DashboardPage(ChromiumBrowser browser, String baseUrl) {
        this.browser = browser;
        this.baseUrl = baseUrl;
    }

    ChromeDriver driver() {
        return browser.driver();
    }

    /** Loads the page at {@code #/route}, as typing the address would. */
    void open(String route) {
        driver().get(baseUrl + "/#/" + route);
    }

    void reload() {
        driver().navigate().refresh();
    }

    /** Types {@code token} into the sign-in form and submits it. */
    void submitToken(String token) {
        WebElement field = field("Access token");
        field.clear();
        field.sendKeys(token);
        button("Sign in").click();
    }

    /**
     * Submits {@code token} and waits for the agent's response. Returns the message shown under the
     * field, or an empty string when the token opened the dashboard.
     */
    String submitTokenAndAwaitAnswer(String token) {
        submitToken(token);
        browser.waitUpTo(WAIT_SECONDS).until(driver -> !showsSignIn()
                || !driver.findElements(By.cssSelector("form.signin-form:not([aria-busy]) .message-error")).isEmpty());
        return showsSignIn() ? driver().findElement(By.cssSelector(".signin-form .form-feedback")).getText() : "";
    }

    /** Signs in and waits until a view heading shows. */
    void signIn(String token) {
        submitToken(token);
        awaitSignedIn();
    }

    void awaitSignedIn() {
        browser.waitUpTo(WAIT_SECONDS).until(ExpectedConditions.visibilityOfElementLocated(By.id("nav")));
    }

    /** Returns whether the sign-in form is on screen. */
    boolean showsSignIn() {
        return !driver().findElements(By.cssSelector("form.signin-form")).isEmpty();
    }

    void awaitSignIn() {
        browser.waitUpTo(WAIT_SECONDS).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("form.signin-form")));
    }

    /** Clicks the navigation link with {@code text} and waits until its view heading shows. */
    void navigate(String text) {
        clickNavigation(text);
        awaitHeading(text);
    }

    void clickNavigation(String text) {
        driver().findElement(By.xpath("//nav//a[normalize-space()=" + literal(text) + "]")).click();
    }

    void awaitHeading(String text) {
        browser.waitUpTo(WAIT_SECONDS).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("main h1"), text));
    }

    /** Waits until the main area shows {@code text} anywhere and returns the main area's text. */
    String awaitText(String text) {
        browser.waitUpTo(WAIT_SECONDS).until(ExpectedConditions.textToBePresentInElementLocated(By.id("view"), text));
        return mainText();
    }

    /** Waits until no loading indicator is left in the main area. */
    void awaitLoaded() {
        browser.waitUpTo(WAIT_SECONDS).until(driver -> driver.findElements(By.cssSelector("#view .state-loading")).isEmpty());
    }

    String mainText() {
        return driver().findElement(By.id("view")).getText();
    }

    /** Returns the input whose label reads {@code label}. */
    WebElement field(String label) {
        WebElement labelElement = browser.waitUpTo(WAIT_SECONDS).until(ExpectedConditions.visibilityOfElementLocated(
                By.xpath("//label[normalize-space()=" + literal(label) + "]")));
        return driver().findElement(By.id(labelElement.getAttribute("for")));
    }

    /** Returns the visible button whose text or accessible label is {@code text}. */
    WebElement button(String text) {
        return browser.waitUpTo(WAIT_SECONDS).until(ExpectedConditions.elementToBeClickable(
                By.xpath("//button[normalize-space()=" + literal(text) + " or @aria-label=" + literal(text) + "]")));
    }

    /** Returns the card of the check with {@code id}. */
    WebElement check(String id) {
        return browser.waitUpTo(WAIT_SECONDS).until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("article.check[data-check-id='" + id + "']")));
    }

    List<WebElement> checks() {
        return driver().findElements(By.cssSelector("article.check"));
    }

    /** Picks {@code language} (its own name, such as Русский) in the language switch. */
    void chooseLanguage(String language) {
        new Select(driver().findElement(By.id("language"))).selectByVisibleText(language);
    }

    /** Returns a value of the page's sessionStorage, or null. */
    String sessionValue(String key) {
        return (String) driver().executeScript("return sessionStorage.getItem(arguments[0]);", key);
    }

    void setSessionValue(String key, String value) {
        driver().executeScript("sessionStorage.setItem(arguments[0], arguments[1]);", key, value);
    }

    /** Returns {@code text} as an XPath string literal, even when it contains quotes. */
    private static String literal(String text) {
        if (!text.contains("'")) {
            return "'" + text + "'";
        }
        return "concat('" + text.replace("'", "', \"'\", '") + "')";
    }
}
