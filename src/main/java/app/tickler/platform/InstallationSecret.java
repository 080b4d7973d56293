package app.tickler.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The server's signing secret (remember-me cookies, calendar feed links). Taken from
 * {@code tickler.secret} when set — every instance behind a load balancer must share it — otherwise
 * generated once into {@code secret.key} in the data directory, so a single server needs no set-up.
 */
@Component
public class InstallationSecret {

    private final String value;

    InstallationSecret(@Value("${tickler.secret:}") String configured, @Value("${tickler.data-dir}") String dataDir) {
        this.value = configured.isBlank() ? readOrCreate(Path.of(dataDir, "secret.key")) : configured;
    }

    public String value() {
        return value;
    }

    private static String readOrCreate(Path file) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            Files.createDirectories(file.getParent());
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.writeString(file, secret, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system; the data directory's own permissions protect it
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }
}
