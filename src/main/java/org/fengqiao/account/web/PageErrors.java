package org.fengqiao.account.web;

import org.fengqiao.platform.NotFound;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;

/**
 * On pages a record outside the caller's scope is a plain 404 page, the same as a record that does
 * not exist (the JSON API answers with a problem detail instead).
 */
@ControllerAdvice(assignableTypes = {HomePage.class, StaffPages.class, ProfilePage.class})
class PageErrors {

    @ExceptionHandler(NotFound.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    String notFound(NotFound e, Model model) {
        model.addAttribute("status", HttpStatus.NOT_FOUND.value());
        return "error";
    }
}
