package app.tickler.platform.web;

/**
 * A small live element a module contributes to the top bar (the follow-up bell): the layout loads
 * {@code path} with htmx when the page loads and again every minute.
 */
public record TopbarWidget(int order, String path) {
}
