package app.tickler.platform.web;

import java.util.Comparator;
import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;
import jakarta.servlet.http.HttpServletRequest;

/** What the layout needs on every page: the signed-in actor and the navigation they may use. */
@ControllerAdvice(annotations = Controller.class)
class LayoutModel {

    private final List<NavigationItem> navigation;
    private final List<SettingsTab> settingsTabs;
    private final Markdown markdown;

    LayoutModel(List<NavigationItem> navigation, List<SettingsTab> settingsTabs, Markdown markdown) {
        this.markdown = markdown;
        this.navigation = navigation.stream().sorted(Comparator.comparingInt(NavigationItem::order)).toList();
        this.settingsTabs = settingsTabs.stream().sorted(Comparator.comparingInt(SettingsTab::order)).toList();
    }

    /** Renders Markdown safely in templates: {@code th:utext="${markdown.html(text)}"}. */
    @ModelAttribute("markdown")
    Markdown markdown() {
        return markdown;
    }

    @ModelAttribute("settingsTabs")
    List<SettingsTab> settingsTabs() {
        return Actors.find().map(actor -> settingsTabs.stream().filter(tab -> tab.visibleTo(actor.role())).toList())
                .orElse(List.of());
    }

    @ModelAttribute("actor")
    Actor actor() {
        return Actors.find().filter(a -> !a.isSystem()).orElse(null);
    }

    @ModelAttribute("navigation")
    List<NavigationItem> navigation() {
        return Actors.find().map(actor -> navigation.stream().filter(item -> item.visibleTo(actor.role())).toList())
                .orElse(List.of());
    }

    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        return request.getRequestURI();
    }
}
