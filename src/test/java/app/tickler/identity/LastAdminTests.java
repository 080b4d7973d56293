package app.tickler.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.transaction.support.TransactionOperations;

import app.tickler.Fixtures;
import app.tickler.TestUser;
import app.tickler.TestWorkspace;
import app.tickler.TicklerTest;
import app.tickler.platform.InvalidInput;
import app.tickler.platform.security.Actor;
import app.tickler.platform.security.Actors;
import app.tickler.platform.security.Role;

/** A workspace always keeps an active admin, even when two admins remove each other at the same moment. */
@TicklerTest
class LastAdminTests {

    @Autowired
    UserManagement users;
    @Autowired
    UserRepository userRows;
    @Autowired
    TransactionOperations transactions;
    @Autowired
    Fixtures fixtures;
    @Autowired
    MockMvc mvc;

    @Test
    void twoAdminsRemovingEachOtherAtOnceLeaveTheWorkspaceAnActiveAdmin() throws Exception {
        TestWorkspace acme = fixtures.workspace();
        TestUser ann = acme.admin();
        TestUser bob = acme.user(Role.ADMIN);
        Actor annActing = ann.actor();
        Actor bobActing = bob.actor();
        User annBefore = Actors.callAs(annActing, () -> userRows.find(ann.id()).orElseThrow());
        CountDownLatch bobDeactivated = new CountDownLatch(1);
        CountDownLatch commit = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // Ann deactivates Bob, and her transaction stays open for a moment
            Future<?> first = pool.submit(() -> transactions.executeWithoutResult(status -> {
                Actors.runAs(annActing, () -> users.setActive(bob.id(), false));
                bobDeactivated.countDown();
                try {
                    commit.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertThat(bobDeactivated.await(20, TimeUnit.SECONDS)).isTrue();
            // meanwhile Bob demotes Ann
            Future<Object> second = pool.submit(() -> Actors.callAs(bobActing, () -> {
                try {
                    return users.edit(ann.id(), new UserManagement.UserEdit(annBefore.email(), annBefore.displayName(),
                            Role.REP, null, null, true, null, annBefore.version()));
                } catch (InvalidInput refused) {
                    return refused;
                }
            }));
            assertThatThrownBy(() -> second.get(1, TimeUnit.SECONDS))
                    .as("the second removal waits for the first to commit").isInstanceOf(TimeoutException.class);
            commit.countDown();
            first.get(20, TimeUnit.SECONDS);
            assertThat(second.get(20, TimeUnit.SECONDS)).isInstanceOfSatisfying(InvalidInput.class,
                    refused -> assertThat(refused.messageFor("role")).contains("last active admin"));
        } finally {
            commit.countDown();
            pool.shutdownNow();
        }
        mvc.perform(get("/api/v1/users?role=ADMIN&active=true").with(ann.api()))
                .andExpect(jsonPath("$.items.length()").value(1))
                .andExpect(jsonPath("$.items[0].email").value(ann.email()));
    }
}
