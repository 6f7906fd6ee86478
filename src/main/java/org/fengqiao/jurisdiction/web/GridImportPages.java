package org.fengqiao.jurisdiction.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.fengqiao.jurisdiction.GridNetwork;
import org.fengqiao.jurisdiction.internal.GridChanges;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.web.FieldLabels;
import org.fengqiao.platform.web.FormAnswers;
import org.springframework.context.MessageSource;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The grid import page: whoever manages the jurisdiction uploads the GeoJSON file of grids the mapping department
 * gave him, checks it (what would be created and replaced, nothing saved) and imports it. Both go through
 * {@link GridChanges}, so the page refuses what the API refuses, with the same messages, and audits what it audits.
 * A plain form that posts and redirects with its outcome.
 */
@Controller
@PreAuthorize("hasAuthority('JURISDICTION_MANAGE')")
@FieldLabels("jurisdiction.gridImport.")
class GridImportPages {

    /** The largest file the page takes: a county's grids with detailed boundaries are a few megabytes. */
    static final long MAX_BYTES = 20L * 1024 * 1024;

    private final GridChanges changes;
    private final ObjectMapper json;
    private final MessageSource messages;
    private final FormAnswers answers;

    GridImportPages(GridChanges changes, ObjectMapper json, MessageSource messages, FormAnswers answers) {
        this.changes = changes;
        this.json = json;
        this.messages = messages;
        this.answers = answers;
    }

    /** One grid of the outcome: its id is null for a grid a check found new (it has none yet). */
    record Row(UUID id, String code, String name, GridNetwork network, boolean created, boolean unchanged)
            implements Serializable {
        static Row of(GridChanges.Imported i) {
            return new Row(i.id(), i.code(), i.name(), i.network(), i.created(), i.unchanged());
        }
    }

    /** What a check found or an import did, carried to the page by the redirect. */
    record Outcome(boolean saved, String fileName, long created, long replaced, long unchanged, List<Row> grids)
            implements Serializable {
    }

    @GetMapping("/grids/import")
    String page(Model model) {
        model.addAttribute("maxMegabytes", MAX_BYTES / 1024 / 1024);
        return "jurisdiction/grid-import";
    }

    /** {@code action=import} saves; anything else (the 检查 button) only checks. */
    @PostMapping("/grids/import")
    String upload(@RequestParam(required = false) MultipartFile file,
            @RequestParam(defaultValue = "check") String action, Locale locale, RedirectAttributes redirect) {
        boolean save = "import".equals(action);
        try {
            JsonNode collection = read(file);
            List<GridChanges.Imported> grids = save ? changes.importCollection(collection, Callers.require())
                    : changes.check(collection, Callers.require());
            long created = grids.stream().filter(GridChanges.Imported::created).count();
            long unchanged = grids.stream().filter(GridChanges.Imported::unchanged).count();
            redirect.addFlashAttribute("outcome", new Outcome(save, file.getOriginalFilename(), created,
                    grids.size() - created - unchanged, unchanged, grids.stream().map(Row::of).toList()));
        } catch (Invalid e) {
            redirect.addFlashAttribute("refusal", messages.getMessage(e.titleKey(), null, e.titleKey(), locale));
            answers.refused(redirect, e, locale);
        }
        return "redirect:/grids/import";
    }

    /** The file as JSON, or refused: none chosen, empty, larger than {@link #MAX_BYTES}, or not JSON. */
    private JsonNode read(MultipartFile file) {
        if (file == null || file.isEmpty()) {
            throw Invalid.of("file", "jurisdiction.gridImport.empty");
        }
        if (file.getSize() > MAX_BYTES) {
            throw Invalid.of("file", "jurisdiction.gridImport.tooLarge", MAX_BYTES / 1024 / 1024);
        }
        try (InputStream in = file.getInputStream()) {
            JsonNode node = json.readTree(in);
            if (node == null || node.isMissingNode()) {
                throw Invalid.of("file", "jurisdiction.gridImport.empty");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw Invalid.of("file", "jurisdiction.gridImport.notJson", e.getLocation() == null ? "-"
                    : String.valueOf(e.getLocation().getLineNr()), e.getLocation() == null ? "-"
                    : String.valueOf(e.getLocation().getColumnNr()));
        } catch (IOException e) {
            throw new IllegalStateException("the uploaded file could not be read", e);
        }
    }
}
