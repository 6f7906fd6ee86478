package org.fengqiao.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The header's 中文 / English links of a page: the page itself in the other language, its query kept (a list's filters,
 * its page number), where a bare {@code ?lang=en} showed the list unfiltered from its first page.
 */
@ControllerAdvice
public class LanguageLinks {

    /** Answered to the layout as {@code languageLinks}; the query as the request sent it (still encoded). */
    public record Links(String query) {

        /** This page's address relative to itself, with {@code lang} set to {@code language}. */
        public String to(String language) {
            if (query == null || query.isBlank()) {
                return "?lang=" + language;
            }
            try {
                return UriComponentsBuilder.fromUriString("?" + query).replaceQueryParam("lang", language).build(true)
                        .toUriString();
            } catch (IllegalArgumentException e) {
                // a query a client sent unencoded: the page in the other language, unfiltered, rather than no page
                return "?lang=" + language;
            }
        }
    }

    @ModelAttribute("languageLinks")
    Links languageLinks(HttpServletRequest request) {
        return new Links(request.getQueryString());
    }
}
