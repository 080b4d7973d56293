package app.tickler.dataio;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.multipart.MultipartFile;

import app.tickler.platform.InvalidInput;
import app.tickler.platform.Page;
import app.tickler.platform.Paging;
import app.tickler.platform.security.RepOrAbove;
import io.swagger.v3.oas.annotations.tags.Tag;

/** REST API of CSV imports: upload, settings, preview, start, progress, cancel, errors, undo; saved mappings. */
@RestController
@RequestMapping("/api/v1")
@Tag(name = "Imports")
class ImportApi {

    record NewMapping(String name) {
    }

    record ApplyMapping(String mappingId) {
    }

    record MappingView(String id, ImportEntity entity, String name, java.util.Map<String, String> mapping) {
    }

    private final Imports imports;

    ImportApi(Imports imports) {
        this.imports = imports;
    }

    @RepOrAbove
    @PostMapping(value = "/imports", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<Import> upload(@RequestParam ImportEntity entity, @RequestPart("file") MultipartFile file)
            throws IOException {
        if (file.isEmpty()) {
            throw new InvalidInput("file", "is empty");
        }
        return created(imports.upload(entity, file.getOriginalFilename(), file.getInputStream()));
    }

    @RepOrAbove
    @PostMapping(value = "/imports", consumes = {"text/csv", MediaType.TEXT_PLAIN_VALUE})
    ResponseEntity<Import> paste(@RequestParam ImportEntity entity, @RequestBody String text) {
        return created(imports.paste(entity, text));
    }

    @RepOrAbove
    @GetMapping("/imports")
    Page<Import> list(@RequestParam(required = false) Integer limit, @RequestParam(required = false) String cursor) {
        return imports.list(Paging.of(limit, cursor));
    }

    @RepOrAbove
    @GetMapping("/imports/fields")
    List<ImportFields.Field> fields(@RequestParam ImportEntity entity) {
        return imports.fields(entity);
    }

    @RepOrAbove
    @GetMapping("/imports/{id}")
    Import get(@PathVariable ImportId id) {
        return imports.get(id);
    }

    @RepOrAbove
    @PutMapping("/imports/{id}/settings")
    Import settings(@PathVariable ImportId id, @RequestBody Imports.Settings settings) {
        return imports.configure(id, settings);
    }

    @RepOrAbove
    @GetMapping("/imports/{id}/preview")
    Imports.Preview preview(@PathVariable ImportId id) {
        return imports.preview(id);
    }

    @RepOrAbove
    @PostMapping("/imports/{id}/start")
    Import start(@PathVariable ImportId id) {
        return imports.start(id);
    }

    @RepOrAbove
    @PostMapping("/imports/{id}/cancel")
    Import cancel(@PathVariable ImportId id) {
        return imports.cancel(id);
    }

    @RepOrAbove
    @PostMapping("/imports/{id}/undo")
    Import undo(@PathVariable ImportId id) {
        return imports.undo(id);
    }

    @RepOrAbove
    @GetMapping("/imports/{id}/errors.csv")
    void errors(@PathVariable ImportId id, HttpServletResponse response) throws IOException {
        imports.get(id);
        ImportDownloads.csv(response, "import-" + id.value() + "-errors.csv", out -> imports.writeErrors(id, out));
    }

    @RepOrAbove
    @PostMapping("/imports/{id}/mapping")
    ResponseEntity<Void> saveMapping(@PathVariable ImportId id, @RequestBody NewMapping body) {
        imports.saveMapping(id, body.name());
        return ResponseEntity.noContent().build();
    }

    @RepOrAbove
    @PostMapping("/imports/{id}/mapping/apply")
    Import applyMapping(@PathVariable ImportId id, @RequestBody ApplyMapping body) {
        return imports.applyMapping(id, ImportDownloads.id("mappingId", body.mappingId()));
    }

    @RepOrAbove
    @GetMapping("/import-mappings")
    List<MappingView> mappings(@RequestParam ImportEntity entity) {
        return imports.mappings(entity).stream()
                .map(m -> new MappingView(Long.toString(m.id()), m.entity(), m.name(), m.mapping())).toList();
    }

    private static ResponseEntity<Import> created(Import created) {
        return ResponseEntity.created(URI.create("/api/v1/imports/" + created.id().value())).body(created);
    }
}
