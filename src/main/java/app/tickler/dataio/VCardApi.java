package app.tickler.dataio;

import java.io.IOException;
import java.time.LocalDate;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import app.tickler.platform.InvalidInput;
import app.tickler.platform.security.AnyRole;
import app.tickler.platform.security.RepOrAbove;
import ezvcard.VCardVersion;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletResponse;

/** vCard export of the contact list (with its filters, {@code version=3.0|4.0}) and import of vCard files. */
@RestController
@Tag(name = "Exports")
class VCardApi {

    private final VCards vcards;
    private final CsvExports exports;

    VCardApi(VCards vcards, CsvExports exports) {
        this.vcards = vcards;
        this.exports = exports;
    }

    @AnyRole
    @GetMapping({"/api/v1/exports/contacts.vcf", "/exports/contacts.vcf"})
    void export(@RequestParam Map<String, String> filters, HttpServletResponse response) throws IOException {
        VCardVersion version = version(filters.get("version"));
        exports.checkFilters(ImportEntity.CONTACT, filters);
        ImportDownloads.download(response, "contacts-" + LocalDate.now() + ".vcf", "text/vcard;charset=UTF-8",
                out -> vcards.export(filters, version, out));
    }

    @RepOrAbove
    @PostMapping(value = "/api/v1/imports/vcards", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    VCards.Result importCards(@RequestPart("file") MultipartFile file) throws IOException {
        if (file.isEmpty()) {
            throw new InvalidInput("file", "is empty");
        }
        return vcards.importCards(file.getInputStream());
    }

    static VCardVersion version(String text) {
        if (text == null || text.isBlank() || text.equals("4.0") || text.equals("4")) {
            return VCardVersion.V4_0;
        }
        if (text.equals("3.0") || text.equals("3")) {
            return VCardVersion.V3_0;
        }
        throw new InvalidInput("version", "must be 3.0 or 4.0");
    }
}
