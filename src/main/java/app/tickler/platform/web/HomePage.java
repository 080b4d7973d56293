package app.tickler.platform.web;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

import app.tickler.platform.security.AnyRole;

/** The start page after sign-in is the Today queue, for everyone; its empty state welcomes new users. */
@Controller
class HomePage {

    @AnyRole
    @GetMapping("/")
    String home() {
        return "redirect:/today";
    }
}
