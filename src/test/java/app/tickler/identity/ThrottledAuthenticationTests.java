package app.tickler.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

import app.tickler.MutableClock;

class ThrottledAuthenticationTests {

    private static final int GUESSES = 100;

    @Test
    void parallelWrongGuessesBeyondTheAllowanceNeverReachThePasswordCheck() throws Exception {
        AtomicInteger checked = new AtomicInteger();
        AtomicInteger refused = new AtomicInteger();
        CountDownLatch settled = new CountDownLatch(GUESSES);
        CountDownLatch release = new CountDownLatch(1);
        AuthenticationProvider slowPasswords = new AuthenticationProvider() {
            @Override
            public Authentication authenticate(Authentication attempt) {
                checked.incrementAndGet();
                settled.countDown();
                try {
                    // an Argon2 check takes a while: every other guess arrives meanwhile
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new BadCredentialsException("wrong password");
            }

            @Override
            public boolean supports(Class<?> authentication) {
                return true;
            }
        };
        ThrottledAuthentication authentication = new ThrottledAuthentication(slowPasswords,
                new LoginThrottle(new MutableClock()));

        ExecutorService pool = Executors.newFixedThreadPool(GUESSES);
        try {
            List<Future<?>> guesses = new ArrayList<>();
            for (int i = 0; i < GUESSES; i++) {
                UsernamePasswordAuthenticationToken guess = UsernamePasswordAuthenticationToken.unauthenticated(
                        "ann@acme.test", "guess " + i);
                guess.setDetails(new WebAuthenticationDetails("203.0.113.9", null));
                guesses.add(pool.submit(() -> {
                    try {
                        authentication.authenticate(guess);
                    } catch (LoginThrottled e) {
                        refused.incrementAndGet();
                        settled.countDown();
                    } catch (BadCredentialsException e) {
                        // checked and wrong
                    }
                }));
            }
            assertThat(settled.await(10, TimeUnit.SECONDS)).as("every guess was checked or refused").isTrue();
            release.countDown();
            for (Future<?> guess : guesses) {
                guess.get(10, TimeUnit.SECONDS);
            }
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
        // five per account and address are free; the rest are refused, for the back-off or for want of a free check
        assertThat(checked.get()).isBetween(1, 5);
        assertThat(refused.get()).isEqualTo(GUESSES - checked.get());
    }
}
