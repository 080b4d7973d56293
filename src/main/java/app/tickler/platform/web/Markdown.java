package app.tickler.platform.web;

import java.util.Map;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.springframework.stereotype.Component;

/**
 * Renders notes written in Markdown to safe HTML: raw HTML in the text is escaped, links may only
 * be http(s) or mailto, and they open without passing on the page. Used in templates as
 * {@code th:utext="${@markdown.html(text)}"}.
 */
@Component("markdown")
public class Markdown {

    private final Parser parser = Parser.builder().build();
    private final HtmlRenderer renderer = HtmlRenderer.builder()
            .escapeHtml(true)
            .sanitizeUrls(true)
            .attributeProviderFactory(context -> (node, tag, attributes) -> {
                if ("a".equals(tag)) {
                    attributes.putAll(Map.of("rel", "nofollow noopener noreferrer", "target", "_blank"));
                }
            })
            .build();

    public String html(String markdown) {
        return markdown == null ? "" : renderer.render(parser.parse(markdown));
    }
}
