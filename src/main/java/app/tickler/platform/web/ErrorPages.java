package app.tickler.platform.web;

import java.util.Map;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;

import app.tickler.platform.security.PublicEndpoint;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Errors raised outside a controller (unknown paths, filters): problem+json under /api, the friendly
 * error page elsewhere. Never the exception text.
 */
@Controller
class ErrorPages implements ErrorController {

    @PublicEndpoint
    @RequestMapping("/error")
    Object error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        if (status == null) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        String detail = switch (status) {
            case NOT_FOUND -> "There is nothing at this address.";
            case FORBIDDEN -> "Your role does not allow this.";
            case UNAUTHORIZED -> "Sign in first.";
            default -> status.is5xxServerError() ? "The server could not complete the request." : status.getReasonPhrase();
        };
        Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (path instanceof String uri && uri.startsWith("/api/")) {
            ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
            body.setTitle(status.getReasonPhrase());
            return ResponseEntity.status(status).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(body);
        }
        return new ModelAndView("error", Map.of("status", status.value(), "title", status.getReasonPhrase(),
                "detail", detail), status);
    }
}
