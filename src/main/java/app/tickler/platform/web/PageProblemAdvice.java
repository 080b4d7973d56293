package app.tickler.platform.web;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Failures of the web pages: a friendly error page, or for an htmx request a message fragment that
 * the page shows as a toast. Forms that can be corrected handle {@code InvalidInput} themselves and
 * show the errors next to the fields.
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class PageProblemAdvice {

    @ExceptionHandler(Exception.class)
    ModelAndView handle(Exception failure, HttpServletRequest request, HttpServletResponse response) {
        Problem problem = Problem.of(failure);
        boolean htmx = request.getHeader("HX-Request") != null;
        ModelAndView view = new ModelAndView(htmx ? "fragments/problem :: toast" : "error");
        view.setStatus(problem.status());
        view.addObject("status", problem.status().value());
        view.addObject("title", problem.title());
        view.addObject("detail", problem.detail());
        view.addObject("errors", problem.errors());
        if (problem.retryAfter() != null) {
            response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, problem.retryAfter().toSeconds())));
        }
        return view;
    }
}
