package app.tickler.platform.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The panels and actions other modules contribute to a record page. The page template renders
 * {@code th:each="panel : ${panels}"} with {@code th:insert="~{__${panel.fragment()}__}"}, the
 * fragment reading {@code panel.model()}.
 */
@Component
public class RecordPanels {

    /** A panel ready to render. */
    public record Rendered(String fragment, Map<String, Object> model) {
    }

    private final List<RecordPanel> panels;
    private final List<RecordAction> actions;

    RecordPanels(ObjectProvider<RecordPanel> panels, ObjectProvider<RecordAction> actions) {
        this.panels = panels.stream().sorted(Comparator.comparingInt(RecordPanel::order)).toList();
        this.actions = actions.stream().sorted(Comparator.comparingInt(RecordAction::order)).toList();
    }

    public List<Rendered> of(String subjectType, long subjectId) {
        List<Rendered> rendered = new ArrayList<>();
        for (RecordPanel panel : panels) {
            if (panel.subjectType().equals(subjectType)) {
                Map<String, Object> model = panel.model(subjectId);
                if (model != null) {
                    rendered.add(new Rendered(panel.fragment(), model));
                }
            }
        }
        return rendered;
    }

    /** The actions for a record page the current actor may take, with the record's id filled in. */
    public List<RecordAction.Link> actions(String subjectType, long subjectId, app.tickler.platform.security.Role role) {
        return actions.stream().filter(a -> a.subjectType().equals(subjectType) && a.roles().contains(role))
                .map(a -> a.link(subjectId)).toList();
    }
}
