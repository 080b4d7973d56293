package app.tickler.followup;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import app.tickler.platform.InstallationSecret;

/**
 * Links that leave Tickler — in emails and calendar feeds — need the server's public address
 * ({@code tickler.base-url}), and the unsubscribe link a signature so that nobody can unsubscribe
 * someone else by guessing ids.
 */
@Component
class Links {

    private final String base;
    private final byte[] secret;

    Links(@Value("${tickler.base-url:http://localhost:8080}") String base, InstallationSecret secret) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        this.secret = secret.value().getBytes(StandardCharsets.UTF_8);
    }

    String absolute(String path) {
        return base + path;
    }

    String unsubscribePath(long workspace, long contact) {
        return "/unsubscribe/" + workspace + "/" + contact + "/" + sign("unsubscribe:" + workspace + ":" + contact);
    }

    boolean validUnsubscribe(long workspace, long contact, String signature) {
        return MessageDigest.isEqual(sign("unsubscribe:" + workspace + ":" + contact).getBytes(StandardCharsets.UTF_8),
                signature.getBytes(StandardCharsets.UTF_8));
    }

    private String sign(String text) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (byte b : digest) {
                hex.append(String.format("%02x", b));
            }
            return hex.toString();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
