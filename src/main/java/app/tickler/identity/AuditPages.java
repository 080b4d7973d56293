package app.tickler.identity;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import app.tickler.platform.Page;
import app.tickler.platform.Paging;
import app.tickler.platform.audit.AuditEvent;
import app.tickler.platform.audit.AuditLog;
import app.tickler.platform.security.AdminOnly;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Admins browse and filter the audit log, in the settings and through the API. */
@Controller
@AdminOnly
class AuditPages {

    private final AuditLog audit;
    private final UserRepository users;

    AuditPages(AuditLog audit, UserRepository users) {
        this.audit = audit;
        this.users = users;
    }

    @GetMapping("/settings/audit")
    String events(@RequestParam(required = false) String entityType, @RequestParam(required = false) Long entityId,
            @RequestParam(required = false) Long actorId, @RequestParam(required = false) String action,
            @RequestParam(required = false) String cursor, Model model) {
        AuditLog.Filter filter = filter(entityType, entityId, actorId, action);
        model.addAttribute("filter", filter);
        model.addAttribute("page", audit.list(filter, Paging.of(50, cursor)));
        model.addAttribute("users", users.everyone());
        return "identity/audit";
    }

    static AuditLog.Filter filter(String entityType, Long entityId, Long actorId, String action) {
        return new AuditLog.Filter(blankToNull(entityType), entityId, actorId, blankToNull(action));
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    @RestController
    @AdminOnly
    @Tag(name = "Audit log")
    static class AuditApi {

        private final AuditLog audit;

        AuditApi(AuditLog audit) {
            this.audit = audit;
        }

        @GetMapping("/api/v1/audit-events")
        Page<AuditEvent> events(@RequestParam(required = false) String entityType,
                @RequestParam(required = false) Long entityId, @RequestParam(required = false) Long actorId,
                @RequestParam(required = false) String action, @RequestParam(required = false) Integer limit,
                @RequestParam(required = false) String cursor) {
            return audit.list(filter(entityType, entityId, actorId, action), Paging.of(limit, cursor));
        }
    }
}
