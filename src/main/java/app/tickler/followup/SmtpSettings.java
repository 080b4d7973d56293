package app.tickler.followup;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import app.tickler.platform.InstallationSecret;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.StaleVersion;
import app.tickler.platform.audit.AuditLog;
import app.tickler.platform.audit.Change;
import app.tickler.platform.security.Actors;

/**
 * The workspace's outgoing mail server for email steps and digests. The password is stored
 * encrypted (AES-GCM, key derived from the installation secret) and never shown again. Without
 * settings, email steps stay manual follow-ups.
 */
@Service
class SmtpSettings {

    /** The settings as shown: never the password, only whether one is set. */
    record View(String host, int port, String username, boolean passwordSet, boolean starttls, String fromAddress,
            String fromName, long version) {
    }

    record Input(String host, Integer port, String username, String password, Boolean starttls, String fromAddress,
            String fromName) {
    }

    record Stored(String host, int port, String username, String password, boolean starttls, String fromAddress,
            String fromName, long version) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditLog audit;
    private final SecretKeySpec key;

    SmtpSettings(JdbcClient jdbc, Clock clock, AuditLog audit, InstallationSecret secret) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("tickler smtp password:" + secret.value()).getBytes(StandardCharsets.UTF_8));
            this.key = new SecretKeySpec(digest, "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    Optional<Stored> stored() {
        return jdbc.sql("SELECT * FROM smtp_settings WHERE workspace_id = :workspace").param("workspace", workspace())
                .query((rs, n) -> new Stored(rs.getString("host"), rs.getInt("port"), rs.getString("username"),
                        decrypt(rs.getString("password")), rs.getBoolean("starttls"), rs.getString("from_address"),
                        rs.getString("from_name"), rs.getLong("version")))
                .optional();
    }

    Optional<View> view() {
        return stored().map(s -> new View(s.host(), s.port(), s.username(), s.password() != null, s.starttls(),
                s.fromAddress(), s.fromName(), s.version()));
    }

    /** Saves the settings; a null or empty password keeps the stored one. {@code version} is null for the first save. */
    @Transactional
    View save(Input input, Long version) {
        Optional<Stored> before = stored();
        InvalidInput.Collector problems = new InvalidInput.Collector();
        String host = Planner.text(problems, "host", input.host(), 255);
        problems.check(host != null || problems.has("host"), "host", "is required");
        if (host != null && !host.matches("[A-Za-z0-9.\\-]+")) {
            problems.add("host", "is not a host name such as smtp.example.com");
        }
        int port = input.port() == null ? 587 : input.port();
        problems.check(port >= 1 && port <= 65535, "port", "must be between 1 and 65535");
        String from = Planner.text(problems, "fromAddress", input.fromAddress(), 254);
        problems.check(from != null && from.matches("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$"), "fromAddress",
                "is not a valid email address");
        String fromName = Planner.text(problems, "fromName", input.fromName(), 200);
        String username = Planner.text(problems, "username", input.username(), 255);
        if (before.isPresent() && (version == null || before.get().version() != version)) {
            if (version == null) {
                problems.add("version", "is required (or send If-Match) so that no change is silently overwritten");
            } else {
                throw new StaleVersion("The email settings", before.get().version());
            }
        }
        problems.throwIfAny();
        String password = input.password() == null || input.password().isEmpty()
                ? before.map(Stored::password).orElse(null) : input.password();
        boolean starttls = input.starttls() == null || input.starttls();
        Map<String, Object> params = new java.util.HashMap<>();
        params.put("workspace", workspace());
        params.put("host", host);
        params.put("port", port);
        params.put("username", username);
        params.put("password", encrypt(password));
        params.put("starttls", starttls);
        params.put("from", from);
        params.put("fromName", fromName);
        params.put("now", clock.millis());
        if (before.isEmpty()) {
            jdbc.sql("""
                    INSERT INTO smtp_settings (workspace_id, host, port, username, password, starttls, from_address, from_name,
                                               version, updated_at)
                    VALUES (:workspace, :host, :port, :username, :password, :starttls, :from, :fromName, 0, :now)
                    """).params(params).update();
        } else {
            jdbc.sql("""
                    UPDATE smtp_settings SET host = :host, port = :port, username = :username, password = :password,
                           starttls = :starttls, from_address = :from, from_name = :fromName, version = version + 1,
                           updated_at = :now
                    WHERE workspace_id = :workspace
                    """).params(params).update();
        }
        audit.record("smtpSettings", workspace(), before.isEmpty() ? "created" : "updated", Map.of(
                "host", new Change(before.map(Stored::host).orElse(null), host),
                "port", new Change(before.map(Stored::port).orElse(null), port),
                "fromAddress", new Change(before.map(Stored::fromAddress).orElse(null), from),
                "password", new Change(null, input.password() == null || input.password().isEmpty() ? "unchanged" : "changed")));
        return view().orElseThrow();
    }

    @Transactional
    void delete() {
        if (jdbc.sql("DELETE FROM smtp_settings WHERE workspace_id = :workspace").param("workspace", workspace()).update() > 0) {
            audit.record("smtpSettings", workspace(), "deleted", Map.of());
        }
    }

    /** A mail sender for these settings: STARTTLS required when chosen, short timeouts so a job never hangs. */
    static JavaMailSenderImpl sender(Stored settings) {
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(settings.host());
        sender.setPort(settings.port());
        sender.setUsername(settings.username());
        sender.setPassword(settings.password());
        sender.setDefaultEncoding("UTF-8");
        Properties properties = sender.getJavaMailProperties();
        properties.put("mail.transport.protocol", "smtp");
        properties.put("mail.smtp.auth", Boolean.toString(settings.username() != null));
        properties.put("mail.smtp.starttls.enable", Boolean.toString(settings.starttls()));
        properties.put("mail.smtp.starttls.required", Boolean.toString(settings.starttls()));
        properties.put("mail.smtp.connectiontimeout", "10000");
        properties.put("mail.smtp.timeout", "20000");
        properties.put("mail.smtp.writetimeout", "20000");
        return sender;
    }

    private String encrypt(String plain) {
        if (plain == null) {
            return null;
        }
        try {
            byte[] iv = new byte[12];
            new SecureRandom().nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(iv) + ":" + Base64.getEncoder().encodeToString(sealed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private String decrypt(String stored) {
        if (stored == null) {
            return null;
        }
        try {
            String[] parts = stored.split(":", 2);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, Base64.getDecoder().decode(parts[0])));
            return new String(cipher.doFinal(Base64.getDecoder().decode(parts[1])), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException | RuntimeException e) {
            // the installation secret changed: the password must be entered again
            return null;
        }
    }

    private static long workspace() {
        return Actors.current().workspaceId();
    }
}
