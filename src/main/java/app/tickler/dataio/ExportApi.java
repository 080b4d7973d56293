package app.tickler.dataio;

import java.io.IOException;
import java.time.LocalDate;
import java.util.Map;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import app.tickler.platform.security.AnyRole;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

/**
 * CSV exports of the contact and account lists, with the list's filters as query parameters (q,
 * ownerId, teamId, level, stage, tag, doNotContact, trash, custom.&lt;key&gt;, sort). The same paths
 * without {@code /api/v1} serve the pages' "Export" links.
 */
@RestController
@Tag(name = "Exports")
class ExportApi {

    private final CsvExports exports;

    ExportApi(CsvExports exports) {
        this.exports = exports;
    }

    @AnyRole
    @GetMapping({"/api/v1/exports/contacts.csv", "/exports/contacts.csv"})
    void contacts(@Parameter(description = "the contact list's filters and sort") @RequestParam Map<String, String> filters,
            HttpServletResponse response) throws IOException {
        exports.checkFilters(ImportEntity.CONTACT, filters);
        ImportDownloads.csv(response, "contacts-" + LocalDate.now() + ".csv", out -> exports.contacts(filters, out));
    }

    @AnyRole
    @GetMapping({"/api/v1/exports/accounts.csv", "/exports/accounts.csv"})
    void accounts(@Parameter(description = "the account list's filters and sort") @RequestParam Map<String, String> filters,
            HttpServletResponse response) throws IOException {
        exports.checkFilters(ImportEntity.ACCOUNT, filters);
        ImportDownloads.csv(response, "accounts-" + LocalDate.now() + ".csv", out -> exports.accounts(filters, out));
    }
}
