package org.fengqiao.population.web;

import io.swagger.v3.oas.annotations.Operation;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.population.Category;
import org.fengqiao.population.KeyPersonType;
import org.fengqiao.population.Residence;
import org.fengqiao.population.internal.PersonExport;
import org.fengqiao.population.internal.PersonQuery;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ExportController {

    private final PersonExport export;

    ExportController(PersonExport export) {
        this.export = export;
    }

    @GetMapping("/api/v1/persons/export.xlsx")
    @PreAuthorize("hasAuthority('POPULATION_READ')")
    @Operation(summary = "The caller's persons matching the search filters as xlsx, masked; audited with the count",
            description = "Written in the person import's columns and values in the reader's language (Accept-Language "
                    + "or the chosen language): 姓名, 男, 户主, 常住, 汉族 … or name, male, head, permanent, Han …, with the "
                    + "household number, the categories (类别 / categories, by name: 涉毒人员、留守儿童 or Drug-involved, "
                    + "Left-behind child) and each person's id (人员编号 / personId). Imported back in either language, a "
                    + "row updates its person, its masked numbers keep the stored ones and its categories become those "
                    + "of its categories cell (\"无\" or \"none\" for none; a blank cell leaves them as they are).")
    void export(@RequestParam(required = false) String q,
            @RequestParam(required = false) String address, @RequestParam(required = false) Category category,
            @RequestParam(required = false) KeyPersonType keyPersonType,
            @RequestParam(required = false) Residence residence, @RequestParam(required = false) UUID gridId,
            java.util.Locale locale, jakarta.servlet.http.HttpServletResponse response) throws java.io.IOException {
        Caller caller = Callers.require();
        PersonQuery query = new PersonQuery(q, address, category, keyPersonType, residence, gridId, null);
        query.kind(); // an unreadable search answers 400 before the download starts
        // written on the request thread, not as an async StreamingResponseBody: the token-authenticated
        // async dispatch would be checked again without a security context
        response.setContentType(ImportController.XLSX.toString());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                ContentDisposition.attachment().filename(export.fileName(locale) + ".xlsx", StandardCharsets.UTF_8)
                        .build().toString());
        export.write(query, caller, locale, response.getOutputStream());
    }
}
