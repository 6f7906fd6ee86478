package org.fengqiao.account.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import org.fengqiao.account.StaffId;
import org.fengqiao.account.StaffRole;
import org.fengqiao.account.internal.PasswordExpiry;
import org.fengqiao.account.internal.PhoneDisclosure;
import org.fengqiao.account.internal.Roster;
import org.fengqiao.account.internal.StaffAdministration;
import org.fengqiao.account.internal.StaffRegister;
import org.fengqiao.jurisdiction.Grid;
import org.fengqiao.jurisdiction.GridId;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.web.LocalTimes;
import org.springframework.stereotype.Component;

/** Turns stored staff rows into what a caller may see: phones masked unless the caller needs them. */
@Component
class StaffViews {

    private final StaffAdministration administration;
    private final Roster roster;
    private final Jurisdictions jurisdictions;

    private final PasswordExpiry expiry;

    StaffViews(StaffAdministration administration, Roster roster, Jurisdictions jurisdictions, PasswordExpiry expiry) {
        this.expiry = expiry;
        this.administration = administration;
        this.roster = roster;
        this.jurisdictions = jurisdictions;
    }

    /** A person in a list: the phone is always masked there. */
    record StaffSummary(UUID id, String name, StaffRole role, UUID unitId, String unitName, String policeNumber,
            String title, String phone, String username, boolean active, boolean locked) {
    }

    /** One term in a grid role; grid code and name only when the grid lies in the caller's scope. */
    record Term(UUID gridId, String gridCode, String gridName, String role, LocalDate startedOn, LocalDate endedOn,
            boolean current) {
    }

    record StaffDetail(UUID id, String name, StaffRole role, UUID unitId, String unitName, String policeNumber,
            String title, String phone, boolean phoneMasked, String username, boolean active, boolean locked,
            Instant lockedUntil, Instant lastLoginAt, boolean passwordMustChange, boolean passwordExpired, String locale,
            List<Term> gridRoles) {

        /** For pages: local time where the platform runs (China has one time zone). */
        public String lockedUntilShown() {
            return shown(lockedUntil);
        }

        public String lastLoginShown() {
            return shown(lastLoginAt);
        }
    }

    static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(LocalTimes.ZONE);

    static String shown(Instant instant) {
        return instant == null ? null : SHOWN.format(instant);
    }

    StaffSummary summary(StaffRegister.Row row) {
        return new StaffSummary(row.id(), row.name(), row.role(), row.unitId(), row.unitName(), row.policeNumber(),
                row.title(), PhoneDisclosure.mask(row.phone()), row.username(), row.active(), administration.locked(row));
    }

    StaffDetail detail(StaffRegister.Row row, Caller caller) {
        boolean full = PhoneDisclosure.inFull(caller.staffId(), StaffRole.valueOf(caller.role()), row.id());
        String phone = full ? row.phone() : PhoneDisclosure.mask(row.phone());
        boolean locked = administration.locked(row);
        List<Term> terms = roster.termsOf(new StaffId(row.id())).stream().map(t -> term(t, caller)).toList();
        return new StaffDetail(row.id(), row.name(), row.role(), row.unitId(), row.unitName(), row.policeNumber(),
                row.title(), phone, !full && row.phone() != null, row.username(), row.active(), locked,
                locked ? row.lockedUntil() : null, row.lastLoginAt(),
                // the password the security administrator chose (a new sign-in, a reset) its holder has not changed yet
                row.username() != null && row.passwordMustChange(),
                // past FENGQIAO_PASSWORD_MAX_AGE: its holder is sent to change it at his next request
                row.username() != null && expiry.expired(row), row.locale(), terms);
    }

    private Term term(Roster.Term t, Caller caller) {
        Grid grid = jurisdictions.visibleGrid(new GridId(t.gridId()), caller).orElse(null);
        return new Term(t.gridId(), grid == null ? null : grid.code(), grid == null ? null : grid.name(), t.role().name(),
                t.startedOn(), t.endedOn(), t.current());
    }
}
