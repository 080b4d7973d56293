package app.tickler.dataio;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

/**
 * Picks up imports (and undos) that a stopped server left unfinished — no heartbeat for two minutes —
 * and runs them again from their last whole batch, as the user who started them.
 */
@Component
class ImportJobs {

    static final Duration STALE = Duration.ofMinutes(2);

    private final ImportRepository imports;
    private final ImportRunner runner;
    private final Clock clock;

    ImportJobs(ImportRepository imports, ImportRunner runner, Clock clock) {
        this.imports = imports;
        this.runner = runner;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${tickler.dataio.resume-every:PT1M}", initialDelayString = "${tickler.dataio.resume-after:PT30S}")
    @SchedulerLock(name = "dataio.resumeImports", lockAtMostFor = "PT5M")
    public void resumeUnfinished() {
        long stale = clock.millis() - STALE.toMillis();
        for (ImportRepository.Unfinished unfinished : imports.unfinished(stale)) {
            if (runner.isRunningHere(unfinished.id())) {
                continue;
            }
            Actor system = Actor.system(unfinished.workspaceId(), ZoneOffset.UTC);
            boolean claimed = Actors.callAs(system, () -> {
                Import job = imports.find(unfinished.id()).orElse(null);
                if (job == null) {
                    return false;
                }
                return job.status() == ImportStatus.QUEUED
                        || imports.claim(unfinished.id(), job.status(), stale, clock.millis());
            });
            if (claimed) {
                runner.submit(unfinished.workspaceId(), unfinished.id(), unfinished.createdBy());
            }
        }
    }
}
