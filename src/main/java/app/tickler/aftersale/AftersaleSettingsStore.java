package app.tickler.aftersale;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import app.tickler.followup.CadenceId;
import app.tickler.platform.StaleVersion;
import app.tickler.platform.database.Rows;
import app.tickler.platform.security.Actors;

/** The workspace's after-sale settings (defaults until first saved). */
@Repository
class AftersaleSettingsStore {

    static final AftersaleSettings DEFAULTS = new AftersaleSettings(true, 30, 180, null, 60, true, 0);

    private final JdbcClient jdbc;

    AftersaleSettingsStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    AftersaleSettings get() {
        return jdbc.sql("SELECT * FROM aftersale_settings WHERE workspace_id = :workspace")
                .param("workspace", Actors.current().workspaceId())
                .query((rs, n) -> {
                    Long cadence = Rows.nullableLong(rs, "onboarding_cadence_id");
                    return new AftersaleSettings(rs.getBoolean("automation_on"), rs.getInt("silence_after_win_days"),
                            rs.getInt("healthy_days"), cadence == null ? null : new CadenceId(cadence),
                            rs.getInt("renewal_lead_days"), rs.getBoolean("renewal_deals"), rs.getLong("version"));
                }).optional().orElse(DEFAULTS);
    }

    void save(AftersaleSettings settings, Long expectedVersion) {
        long workspace = Actors.current().workspaceId();
        AftersaleSettings current = get();
        if (expectedVersion != null && expectedVersion != current.version()) {
            throw new StaleVersion("After-sale settings", current.version());
        }
        jdbc.sql("DELETE FROM aftersale_settings WHERE workspace_id = :workspace").param("workspace", workspace).update();
        jdbc.sql("""
                INSERT INTO aftersale_settings (workspace_id, automation_on, silence_after_win_days, healthy_days,
                                                onboarding_cadence_id, renewal_lead_days, renewal_deals, version)
                VALUES (:workspace, :automation, :silence, :healthy, :cadence, :lead, :deals, :version)
                """).param("workspace", workspace).param("automation", settings.automationOn())
                .param("silence", settings.silenceAfterWinDays()).param("healthy", settings.healthyDays())
                .param("cadence", settings.onboardingCadenceId() == null ? null : settings.onboardingCadenceId().value())
                .param("lead", settings.renewalLeadDays()).param("deals", settings.renewalDeals())
                .param("version", current.version() + 1).update();
    }
}
