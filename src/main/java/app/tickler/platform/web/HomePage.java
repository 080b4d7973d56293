package app.tickler.platform.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

import app.tickler.platform.security.AnyRole;

/** The start page after sign-in. */
@Controller
class HomePage {

    @AnyRole
    @GetMapping("/")
    String home() {
        return "home";
    }
}
