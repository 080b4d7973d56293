package app.tickler.identity;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import app.tickler.platform.InvalidInput;

/**
 * NIST SP 800-63B style: long enough, long passwords and passphrases welcome, no composition rules,
 * and none of the passwords attackers try first.
 */
@Component
class PasswordPolicy {

    static final int MIN_LENGTH = 8;
    static final int MAX_LENGTH = 128;

    private final Set<String> common;

    PasswordPolicy() {
        this.common = load();
    }

    /** Throws naming {@code field} when the password is not acceptable for the given email. */
    void check(String field, String password, String email) {
        if (password == null || password.isEmpty()) {
            throw new InvalidInput(field, "is required");
        }
        int length = password.codePointCount(0, password.length());
        if (length < MIN_LENGTH) {
            throw new InvalidInput(field, "must have at least " + MIN_LENGTH + " characters");
        }
        if (length > MAX_LENGTH) {
            throw new InvalidInput(field, "must have at most " + MAX_LENGTH + " characters");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (common.contains(lower)) {
            throw new InvalidInput(field, "is one of the most common passwords; choose another");
        }
        if (email != null && (lower.equals(email.trim().toLowerCase(Locale.ROOT))
                || lower.equals(email.trim().toLowerCase(Locale.ROOT).split("@")[0]))) {
            throw new InvalidInput(field, "must not be your email address");
        }
    }

    private static Set<String> load() {
        Set<String> passwords = new HashSet<>(50_000);
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new ClassPathResource("identity/common-passwords.txt").getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isEmpty() && !line.startsWith("#")) {
                    passwords.add(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return passwords;
    }
}
