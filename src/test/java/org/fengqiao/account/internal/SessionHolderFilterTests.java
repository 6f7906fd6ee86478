package org.fengqiao.account.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.fengqiao.account.StaffRole;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;

/** What a page session's request costs when its account has not changed: a cached lookup, no write. */
class SessionHolderFilterTests {

    /** The register as it answers now, counting the lookups. */
    static final class Register extends StaffRegister {
        StaffRegister.Row row;
        List<String> served = List.of();
        int lookups;

        Register(StaffRegister.Row row) {
            super(null);
            this.row = row;
        }

        @Override
        Optional<Signing> signing(UUID staffId) {
            lookups++;
            return Optional.ofNullable(row).filter(r -> r.id().equals(staffId)).map(r -> new Signing(r, served));
        }
    }

    /** The session's store, counting the writes. */
    static final class Contexts extends HttpSessionSecurityContextRepository {
        final List<SecurityContext> saved = new ArrayList<>();

        @Override
        public void saveContext(SecurityContext context, jakarta.servlet.http.HttpServletRequest request,
                jakarta.servlet.http.HttpServletResponse response) {
            saved.add(context);
            super.saveContext(context, request, response);
        }
    }

    final StaffRegister.Row officer = StaffPrincipalTests.row(StaffRole.COMMUNITY_OFFICER);
    final Register register = new Register(officer);
    final Contexts contexts = new Contexts();
    final SessionHolderFilter filter = new SessionHolderFilter(register, contexts, new AntPathRequestMatcher("/css/**"));

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    /** The principal as a session read back from the database holds it: a serialized copy. */
    static StaffPrincipal fromSession(StaffPrincipal principal) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                out.writeObject(principal);
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
                return (StaffPrincipal) in.readObject();
            }
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    MockHttpServletRequest pageWithSession(String path) {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        request.setRequestedSessionId("s1");
        StaffPrincipal held = fromSession(StaffPrincipal.of(officer, List.of()));
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(held, null, held.getAuthorities()));
        SecurityContextHolder.setContext(context);
        return request;
    }

    @Test
    void aPageOfAnUnchangedAccountIsLookedUpOnceAndWritesNothing() throws Exception {
        MockHttpServletRequest request = pageWithSession("/persons");
        SecurityContext before = SecurityContextHolder.getContext();

        filter.doFilter(request, new MockHttpServletResponse(), new MockFilterChain());

        assertThat(register.lookups).isEqualTo(1);
        assertThat(contexts.saved).isEmpty();
        assertThat(SecurityContextHolder.getContext()).isSameAs(before);
    }

    @Test
    void aChangedRoleIsPutInTheContextAndSavedOnce() throws Exception {
        MockHttpServletRequest request = pageWithSession("/persons");
        register.row = new StaffRegister.Row(officer.id(), officer.unitId(), StaffRole.VOLUNTEER, officer.name(),
                officer.username(), true, null, null, null, null, 0, null, null, "zh-CN", officer.unitPath(),
                officer.unitName(), false);
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(contexts.saved).hasSize(1);
        StaffPrincipal now = (StaffPrincipal) contexts.saved.get(0).getAuthentication().getPrincipal();
        assertThat(now.role()).isEqualTo(StaffRole.VOLUNTEER);
        assertThat(SecurityContextHolder.getContext().getAuthentication().getPrincipal()).isEqualTo(now);
        assertThat(chain.getRequest()).isSameAs(request);
    }

    @Test
    void anInactiveAccountsSessionEndsAndTheRequestGoesOnSignedOut() throws Exception {
        MockHttpServletRequest request = pageWithSession("/persons");
        var session = request.getSession(true);
        register.row = new StaffRegister.Row(officer.id(), officer.unitId(), officer.role(), officer.name(),
                officer.username(), false, null, null, null, null, 0, null, null, "zh-CN", officer.unitPath(),
                officer.unitName(), false);
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, new MockHttpServletResponse(), chain);

        assertThat(((org.springframework.mock.web.MockHttpSession) session).isInvalid()).isTrue();
        assertThat(SecurityContextHolder.getContext().getAuthentication()).isNull();
        assertThat(request.getAttribute(SessionHolderFilter.ACCOUNT_ENDED)).isEqualTo(Boolean.TRUE);
        assertThat(chain.getRequest()).isSameAs(request);
    }

    @Test
    void bearerRequestsStyleSheetsAndRequestsWithoutASessionAreNotLookedUp() throws Exception {
        MockHttpServletRequest bearer = pageWithSession("/api/v1/persons");
        bearer.addHeader("Authorization", "Bearer abc");
        filter.doFilter(bearer, new MockHttpServletResponse(), new MockFilterChain());
        MockHttpServletRequest css = pageWithSession("/css/app.css");
        css.setServletPath("/css/app.css");
        filter.doFilter(css, new MockHttpServletResponse(), new MockFilterChain());
        MockHttpServletRequest noSession = pageWithSession("/persons");
        noSession.setRequestedSessionId(null);
        filter.doFilter(noSession, new MockHttpServletResponse(), new MockFilterChain());

        assertThat(register.lookups).isZero();
        assertThat(contexts.saved).isEmpty();
    }
}
