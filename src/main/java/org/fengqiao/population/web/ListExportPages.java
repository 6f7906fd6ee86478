package org.fengqiao.population.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Callers;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.web.FieldLabels;
import org.fengqiao.platform.web.FormAnswers;
import org.fengqiao.population.Category;
import org.fengqiao.population.KeyPersonType;
import org.fengqiao.population.OrganisationKind;
import org.fengqiao.population.Residence;
import org.fengqiao.population.SmallPlace;
import org.fengqiao.population.internal.FireSafety;
import org.fengqiao.population.internal.OrganisationRegister;
import org.fengqiao.population.internal.Organisations;
import org.fengqiao.population.internal.PersonExport;
import org.fengqiao.population.internal.PersonQuery;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The persons list's and the organisations list's exports for their pages' links: the API's files, read by the same
 * queries, on the page's terms. They go with the session (signed out, to the sign-in page, never a 401 in JSON), take
 * the filters as the list pages name them, are written and named in the page's language, and a refusal comes back on
 * the list the reader was looking at, in his language (a search the list cannot read: the list says why), instead of
 * a problem in JSON in place of a download.
 */
@Controller
@PreAuthorize("hasAuthority('POPULATION_READ')")
@FieldLabels({"population.search.", "population.form.", "places."})
class ListExportPages {

    private final PersonExport persons;
    private final OrganisationRegister organisations;
    private final OrganisationLedger ledger;
    private final FormAnswers answers;

    ListExportPages(PersonExport persons, OrganisationRegister organisations, OrganisationLedger ledger,
            FormAnswers answers) {
        this.persons = persons;
        this.organisations = organisations;
        this.ledger = ledger;
        this.answers = answers;
    }

    /** The persons the list shows for the same search, masked, in the import's columns; audited with the count. */
    @GetMapping("/persons/export.xlsx")
    String persons(@RequestParam(required = false) String q, @RequestParam(required = false) String address,
            @RequestParam(required = false) Category category,
            @RequestParam(required = false) KeyPersonType keyPersonType,
            @RequestParam(required = false) Residence residence, @RequestParam(required = false) UUID gridId,
            Locale locale, HttpServletResponse response) throws IOException {
        PersonQuery query = new PersonQuery(q, address, category, keyPersonType, residence, gridId, null);
        try {
            query.kind();
        } catch (Invalid e) {
            // a search the list cannot read: the list says why, above its form, which keeps it
            UriComponentsBuilder list = UriComponentsBuilder.fromPath("/persons");
            set(list, "q", q);
            set(list, "address", address);
            set(list, "category", category == null ? null : category.name());
            set(list, "keyPersonType", keyPersonType == null ? null : keyPersonType.name());
            set(list, "residence", residence == null ? null : residence.name());
            set(list, "gridId", gridId == null ? null : gridId.toString());
            return "redirect:" + list.encode().build().toUriString();
        }
        response.setContentType(ImportController.XLSX.toString());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                .filename(persons.fileName(locale) + ".xlsx", StandardCharsets.UTF_8).build().toString());
        persons.write(query, Callers.require(), locale, response.getOutputStream());
        return null;
    }

    /**
     * The organisations the list shows for the same filters as their ledger (实有单位台账). A choice the list does
     * not know is refused as the list refuses it (the error page naming the filter); more than a ledger holds comes
     * back on the list, every filter kept.
     */
    @GetMapping("/organisations/export.xlsx")
    String organisations(@RequestParam(required = false) String kind,
            @RequestParam(required = false) String smallPlace, @RequestParam(required = false) UUID gridId,
            @RequestParam(required = false) String fireSafety, @RequestParam(required = false) String q,
            Locale locale, HttpServletResponse response, RedirectAttributes redirect) throws IOException {
        boolean all = "ALL".equals(smallPlace);
        List<Invalid.Problem> problems = new ArrayList<>();
        OrganisationKind theKind = OrganisationPages.choice(OrganisationKind.class, kind, "kind",
                "places.organisation.kind", problems);
        SmallPlace place = all ? null : OrganisationPages.choice(SmallPlace.class, smallPlace, "smallPlace",
                "places.organisation.smallPlace", problems);
        FireSafety state = OrganisationPages.choice(FireSafety.class, fireSafety, "fireSafety",
                "places.organisation.fireSafety", problems);
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        Caller caller = Callers.require();
        try {
            ledger.write(new Organisations.Filter(theKind == null ? null : theKind.name(),
                    place == null ? null : place.name(), all ? Boolean.TRUE : null, gridId, state, q),
                    organisations.today(), caller, locale, response);
            return null;
        } catch (Invalid e) {
            answers.refused(redirect, e, locale);
            UriComponentsBuilder list = UriComponentsBuilder.fromPath("/organisations");
            set(list, "q", q);
            set(list, "kind", kind);
            set(list, "smallPlace", smallPlace);
            set(list, "fireSafety", fireSafety);
            set(list, "gridId", gridId == null ? null : gridId.toString());
            return "redirect:" + list.encode().build().toUriString();
        }
    }

    private static void set(UriComponentsBuilder link, String name, String value) {
        if (value != null && !value.isBlank()) {
            link.queryParam(name, value);
        }
    }
}
