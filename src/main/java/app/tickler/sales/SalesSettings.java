package app.tickler.sales;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Currency;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import app.tickler.identity.Directory;
import app.tickler.identity.TeamId;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.StaleVersion;
import app.tickler.platform.audit.AuditLog;
import app.tickler.platform.audit.Changes;
import app.tickler.platform.security.Actors;

/**
 * The workspace's sales settings: the lead pool's claim limit and idle days, round-robin
 * assignment, the public web-to-lead form, the accepted currencies and default payment terms.
 */
@Component
class SalesSettings {

    /**
     * @param acceptedCurrencies ISO codes deals may use besides the workspace currency, which is always accepted
     */
    record Settings(int claimLimit, int leadIdleDays, boolean roundRobin, TeamId roundRobinTeamId,
            boolean webFormEnabled, String webFormKey, List<String> acceptedCurrencies, int defaultPaymentTerms,
            long version) {
    }

    /** What an admin or manager may change; the form key changes only by {@link #newFormKey}. */
    record Change(int claimLimit, int leadIdleDays, boolean roundRobin, TeamId roundRobinTeamId,
            boolean webFormEnabled, List<String> acceptedCurrencies, int defaultPaymentTerms, long version) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AuditLog audit;
    private final Directory directory;
    private final RowMapper<Settings> row = (rs, n) -> {
        long team = rs.getLong("round_robin_team_id");
        TeamId teamId = rs.wasNull() ? null : new TeamId(team);
        String currencies = rs.getString("accepted_currencies");
        return new Settings(rs.getInt("claim_limit"), rs.getInt("lead_idle_days"), rs.getBoolean("round_robin"), teamId,
                rs.getBoolean("web_form_enabled"), rs.getString("web_form_key"),
                currencies.isBlank() ? List.of() : List.of(currencies.split(",")), rs.getInt("default_payment_terms"),
                rs.getLong("version"));
    };

    SalesSettings(JdbcClient jdbc, Clock clock, AuditLog audit, Directory directory) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.audit = audit;
        this.directory = directory;
    }

    Settings current() {
        return find(Actors.current().workspaceId())
                .orElseThrow(() -> new IllegalStateException("sales settings missing for workspace"));
    }

    Optional<Settings> find(long workspace) {
        return jdbc.sql("SELECT * FROM sales_settings WHERE workspace_id = :workspace").param("workspace", workspace)
                .query(row).optional();
    }

    /** The defaults of a new workspace: a 25-lead claim limit, 14 idle days, the form off. */
    void insertDefaults(long workspace, String currency) {
        long now = clock.millis();
        jdbc.sql("""
                INSERT INTO sales_settings (workspace_id, web_form_key, accepted_currencies, created_at, updated_at)
                VALUES (:workspace, :key, :currencies, :now, :now)
                """).param("workspace", workspace).param("key", newKey()).param("currencies", currency)
                .param("now", now).update();
    }

    @Transactional
    Settings change(Change change) {
        Settings before = current();
        InvalidInput.Collector problems = new InvalidInput.Collector();
        problems.check(change.claimLimit() >= 1 && change.claimLimit() <= 10_000, "claimLimit", "must be between 1 and 10000");
        problems.check(change.leadIdleDays() >= 1 && change.leadIdleDays() <= 365, "leadIdleDays", "must be between 1 and 365");
        problems.check(change.defaultPaymentTerms() >= 0 && change.defaultPaymentTerms() <= 3650, "defaultPaymentTerms",
                "must be between 0 and 3650 days");
        if (change.roundRobin() && change.roundRobinTeamId() == null) {
            problems.add("roundRobinTeamId", "is required to assign new leads by round-robin");
        }
        if (change.roundRobinTeamId() != null
                && directory.teams().stream().noneMatch(t -> t.id().equals(change.roundRobinTeamId()))) {
            problems.add("roundRobinTeamId", "is not a team of this workspace");
        }
        List<String> currencies = currencies(problems, change.acceptedCurrencies());
        problems.throwIfAny();
        int updated = jdbc.sql("""
                UPDATE sales_settings SET claim_limit = :claimLimit, lead_idle_days = :idle, round_robin = :roundRobin,
                       round_robin_team_id = :team, web_form_enabled = :form, accepted_currencies = :currencies,
                       default_payment_terms = :terms, version = version + 1, updated_at = :now
                WHERE workspace_id = :workspace AND version = :version
                """).param("claimLimit", change.claimLimit()).param("idle", change.leadIdleDays())
                .param("roundRobin", change.roundRobin())
                .param("team", change.roundRobinTeamId() == null ? null : change.roundRobinTeamId().value())
                .param("form", change.webFormEnabled()).param("currencies", String.join(",", currencies))
                .param("terms", change.defaultPaymentTerms()).param("now", clock.millis())
                .param("workspace", Actors.current().workspaceId()).param("version", change.version()).update();
        if (updated == 0) {
            throw new StaleVersion("The sales settings", before.version());
        }
        Settings after = current();
        audit.record("salesSettings", Actors.current().workspaceId(), "updated", Changes.between(before, after, "webFormKey"));
        return after;
    }

    /** A new form key: the old address stops working at once (a leaked or spammed form). */
    @Transactional
    Settings newFormKey(long version) {
        Settings before = current();
        int updated = jdbc.sql("""
                UPDATE sales_settings SET web_form_key = :key, version = version + 1, updated_at = :now
                WHERE workspace_id = :workspace AND version = :version
                """).param("key", newKey()).param("now", clock.millis())
                .param("workspace", Actors.current().workspaceId()).param("version", version).update();
        if (updated == 0) {
            throw new StaleVersion("The sales settings", before.version());
        }
        audit.record("salesSettings", Actors.current().workspaceId(), "form key renewed", java.util.Map.of());
        return current();
    }

    /** The workspace whose enabled web-to-lead form has this key. */
    Optional<Long> workspaceOfForm(String key) {
        if (key == null || key.length() < 20 || key.length() > 64) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT workspace_id FROM sales_settings WHERE web_form_key = :key AND web_form_enabled")
                .param("key", key).query(Long.class).optional();
    }

    /** Remembers who got the last round-robin lead; the caller holds the settings row in its transaction. */
    void roundRobinAssigned(long user) {
        jdbc.sql("UPDATE sales_settings SET round_robin_last_user_id = :user WHERE workspace_id = :workspace")
                .param("user", user).param("workspace", Actors.current().workspaceId()).update();
    }

    Long roundRobinLast() {
        return jdbc.sql("SELECT round_robin_last_user_id FROM sales_settings WHERE workspace_id = :workspace")
                .param("workspace", Actors.current().workspaceId()).query((rs, n) -> {
                    long value = rs.getLong(1);
                    return rs.wasNull() ? null : value;
                }).optional().orElse(null);
    }

    // --- currencies -------------------------------------------------------------------------

    String workspaceCurrency() {
        return directory.currentWorkspace().currency();
    }

    /** Every currency deals may use: the workspace currency first. */
    List<String> acceptedCurrencies() {
        Set<String> all = new LinkedHashSet<>();
        all.add(workspaceCurrency());
        all.addAll(current().acceptedCurrencies());
        return List.copyOf(all);
    }

    /** The currency a deal will use: the workspace's unless one is asked for, which must be accepted. */
    String currencyFor(InvalidInput.Collector problems, String field, String requested) {
        if (requested == null || requested.isBlank()) {
            return workspaceCurrency();
        }
        String code = requested.strip().toUpperCase(Locale.ROOT);
        List<String> accepted = acceptedCurrencies();
        if (!accepted.contains(code)) {
            problems.add(field, "is not accepted in this workspace (accepted: " + String.join(", ", accepted) + ")");
            return workspaceCurrency();
        }
        return code;
    }

    private static List<String> currencies(InvalidInput.Collector problems, List<String> codes) {
        List<String> clean = new ArrayList<>();
        for (String code : codes == null ? List.<String>of() : codes) {
            if (code == null || code.isBlank()) {
                continue;
            }
            String upper = code.strip().toUpperCase(Locale.ROOT);
            try {
                Currency.getInstance(upper);
                if (!clean.contains(upper)) {
                    clean.add(upper);
                }
            } catch (IllegalArgumentException e) {
                problems.add("acceptedCurrencies", "'" + code.strip() + "' is not an ISO 4217 currency code");
            }
        }
        problems.check(clean.size() <= 20, "acceptedCurrencies", "may list at most 20 currencies");
        return clean;
    }

    private static String newKey() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
