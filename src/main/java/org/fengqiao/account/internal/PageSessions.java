package org.fengqiao.account.internal;

import jakarta.servlet.http.HttpSession;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * A person's page sessions, kept in the database by Spring Session and found by the account's username: ended
 * together when his password changes, as his bearer tokens are, since whoever held the old password may have opened
 * one with it.
 */
@Component
class PageSessions {

    private final FindByIndexNameSessionRepository<? extends Session> sessions;

    PageSessions(FindByIndexNameSessionRepository<? extends Session> sessions) {
        this.sessions = sessions;
    }

    /** Ends every page session of the account but the one of the request at hand, the person's own change. */
    void endOthers(String username) {
        HttpSession current = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes a
                ? a.getRequest().getSession(false) : null;
        end(username, current == null ? null : current.getId());
    }

    /** Ends every page session of the account: a password set by the administrator. */
    void endAll(String username) {
        end(username, null);
    }

    private void end(String username, String keep) {
        if (username == null) {
            return;
        }
        for (String id : sessions.findByPrincipalName(username).keySet()) {
            if (!id.equals(keep)) {
                sessions.deleteById(id);
            }
        }
    }
}
