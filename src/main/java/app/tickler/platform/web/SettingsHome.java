package app.tickler.platform.web;

import java.util.Comparator;
import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

import app.tickler.platform.NotFound;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.ManagerOrAbove;

/** {@code /settings} opens the first settings tab the caller may use. */
@Controller
class SettingsHome {

    static final class NoSettings extends NotFound {
        NoSettings() {
            super("Settings", "for your role");
        }
    }

    private final List<SettingsTab> tabs;

    SettingsHome(List<SettingsTab> tabs) {
        this.tabs = tabs.stream().sorted(Comparator.comparingInt(SettingsTab::order)).toList();
    }

    @ManagerOrAbove
    @GetMapping("/settings")
    String home() {
        var role = Actors.current().role();
        return tabs.stream().filter(tab -> tab.visibleTo(role)).findFirst().map(tab -> "redirect:" + tab.path())
                .orElseThrow(NoSettings::new);
    }
}
