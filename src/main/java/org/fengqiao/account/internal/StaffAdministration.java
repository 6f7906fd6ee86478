package org.fengqiao.account.internal;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.fengqiao.account.InformantDisclosure;
import org.fengqiao.account.InformantDisclosure.Known;
import org.fengqiao.account.StaffRole;
import org.fengqiao.audit.Audited;
import org.fengqiao.jurisdiction.Jurisdictions;
import org.fengqiao.jurisdiction.Unit;
import org.fengqiao.jurisdiction.UnitId;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.Conflict;
import org.fengqiao.platform.Invalid;
import org.fengqiao.platform.NotFound;
import org.fengqiao.platform.Permission;
import org.fengqiao.platform.web.Paging;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The staff of a caller's scope and what may be done to them: reading (STAFF_READ), putting
 * people on the books (STAFF_MANAGE), and their sign-in (ACCOUNT_MANAGE: the security
 * administrator only). Every query is scoped in SQL; a person outside the scope is not found.
 * Every change is audited in the same transaction, with snapshots that never hold a password hash.
 */
@Service
public class StaffAdministration {

    static final Pattern USERNAME = Pattern.compile("^[a-z0-9][a-z0-9._-]{2,31}$");
    static final Pattern PHONE = Pattern.compile("^[0-9+\\-]{7,20}$");
    public static final int MAX_PAGE_SIZE = 100;

    private final StaffRegister register;
    private final Jurisdictions jurisdictions;
    private final PasswordEncoder passwords;
    private final ApiTokens tokens;
    private final PageSessions sessions;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ObjectProvider<InformantDisclosure> disclosure;
    private final ObjectProvider<org.fengqiao.account.StaffHoldings> holdings;
    private final int passwordHistory;
    private final PasswordExpiry expiry;

    StaffAdministration(StaffRegister register, Jurisdictions jurisdictions, PasswordEncoder passwords, ApiTokens tokens,
            PageSessions sessions, ApplicationEventPublisher events, Clock clock,
            ObjectProvider<InformantDisclosure> disclosure, ObjectProvider<org.fengqiao.account.StaffHoldings> holdings,
            org.fengqiao.platform.FengqiaoProperties properties, PasswordExpiry expiry) {
        this.passwordHistory = properties.security().passwordHistory();
        this.expiry = expiry;
        this.holdings = holdings;
        this.disclosure = disclosure;
        this.register = register;
        this.jurisdictions = jurisdictions;
        this.passwords = passwords;
        this.tokens = tokens;
        this.sessions = sessions;
        this.events = events;
        this.clock = clock;
    }

    /** One page of the staff a caller may see. */
    public record Listing(List<StaffRegister.Row> rows, long total, int page, int size) {
        public int pages() {
            return (int) Math.max(1, (total + size - 1) / size);
        }
    }

    /**
     * What the audit trail keeps of a person: everything but the password hash and lockout counters, the phone masked
     * (138****0001) as every list shows it. The auditor who reads the trail needs no one's number, and the trail can
     * never be changed: a number written there in full would stay readable for as long as the trail is kept.
     */
    public record Snapshot(String name, String role, UUID unitId, String policeNumber, String phone, String title,
            String username, boolean active, String locale) {
        public static Snapshot of(StaffRegister.Row row) {
            return new Snapshot(row.name(), row.role().name(), row.unitId(), row.policeNumber(),
                    PhoneDisclosure.mask(row.phone()), row.title(), row.username(), row.active(), row.locale());
        }
    }

    public Listing list(Caller caller, StaffRole role, String query, int page, int size) {
        require(caller, Permission.STAFF_READ);
        int safeSize = Math.min(Math.max(size, 1), MAX_PAGE_SIZE);
        int safePage = Math.max(page, 0);
        String q = query == null || query.isBlank() ? null : query.trim();
        String r = role == null ? null : role.name();
        Known informants = informantsKnownTo(caller);
        return new Listing(register.visible(caller, r, q, informants, safeSize, Paging.offset(safePage + 1L, safeSize)),
                register.countVisible(caller, r, q, informants), safePage, safeSize);
    }

    /**
     * One person's record for display; reading a person's record (with contact data) is audited. An informant the
     * caller may not know is not found, as one outside his scope.
     */
    public StaffRegister.Row find(Caller caller, UUID id) {
        require(caller, Permission.STAFF_READ);
        StaffRegister.Row row = visible(caller, id);
        if (!known(caller, row)) {
            throw new NotFound("staff", id);
        }
        events.publishEvent(Audited.read("staff", id, row.unitPath()));
        return row;
    }

    /**
     * Whether the caller may know this person from the staff directory: anyone but an informant; an informant (issue
     * 4) only himself, his handler and the station chief, as the forces module rules
     * ({@link InformantDisclosure}), and the security administrator, who gives him his sign-in (ACCOUNT_MANAGE).
     */
    public boolean known(Caller caller, StaffRegister.Row row) {
        return row.role() != StaffRole.INFORMANT || informantsKnownTo(caller).knows(row.id());
    }

    /** The informants the staff directory lists to the caller. */
    private Known informantsKnownTo(Caller caller) {
        if (caller.may(Permission.ACCOUNT_MANAGE.authority())) {
            return Known.ALL;
        }
        InformantDisclosure forces = disclosure.getIfAvailable();
        return forces == null ? Known.himself(caller) : forces.knownTo(caller);
    }

    public boolean locked(StaffRegister.Row row) {
        return row.lockedAt(clock.instant());
    }

    /** A new person who works, in a unit of the caller's scope; no sign-in yet (that is the security administrator's). */
    @Transactional
    public StaffRegister.Row create(Caller caller, UUID unitId, StaffRole role, String name, String policeNumber,
            String phone, String title) {
        require(caller, Permission.STAFF_MANAGE);
        List<Invalid.Problem> problems = new ArrayList<>();
        Unit unit = unitId == null ? null : jurisdictions.visibleUnit(new UnitId(unitId), caller).orElse(null);
        if (unit == null) {
            problems.add(new Invalid.Problem("unitId", "account.staff.unitUnknown", new Object[0]));
        }
        if (role == null) {
            problems.add(new Invalid.Problem("role", "account.staff.roleRequired", new Object[0]));
        } else if (role.isAdministrator()) {
            // The three administrators are appointed, not created from the staff register (三员分立).
            problems.add(new Invalid.Problem("role", "account.staff.roleNotAllowed", new Object[0]));
        } else if (!RolePolicy.mayGive(caller.role(), role)) {
            problems.add(new Invalid.Problem("role", "account.staff.roleAboveOwn", new Object[0]));
        }
        if (name == null || name.isBlank()) {
            problems.add(new Invalid.Problem("name", "account.staff.nameRequired", new Object[0]));
        } else if (name.trim().length() > 50) {
            problems.add(new Invalid.Problem("name", "account.staff.nameTooLong", new Object[0]));
        }
        String number = blankToNull(policeNumber);
        if (number != null && register.policeNumberTaken(number)) {
            problems.add(new Invalid.Problem("policeNumber", "account.staff.policeNumberTaken", new Object[0]));
        }
        checkPhone(phone, problems);
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        UUID id = UUID.randomUUID();
        register.insert(id, unit.id().value(), role, name.trim(), number, blankToNull(phone), blankToNull(title), null, null,
                clock.instant());
        StaffRegister.Row row = register.byId(id).orElseThrow();
        events.publishEvent(Audited.created("staff", id, row.unitPath(), Snapshot.of(row)));
        return row;
    }

    /**
     * A person transferred to another unit of the caller's scope (an officer to another station, STAFF_MANAGE): his
     * scope follows at his next request. Refused, with what is left counted, while he still holds anything the new unit
     * would not see: open items he owns, grid places (a grid chief's above all), places in a key person's helper team,
     * a community's responsible officer's or member's place. A station chief expects each of those handed to a named
     * colleague who knows the village, chosen item by item where it is kept (the incident's reassignment, the grid's
     * roster, the helper team), not moved in bulk by whoever keeps the staff register, nor left silently empty: a key
     * person without his helper, a grid without its chief. Audited under the new unit, with the unit before and after.
     */
    @Transactional
    public StaffRegister.Row moveToUnit(Caller caller, UUID id, UUID unitId) {
        require(caller, Permission.STAFF_MANAGE);
        StaffRegister.Row before = visible(caller, id);
        if (!known(caller, before)) {
            throw new NotFound("staff", id);
        }
        Unit unit = unitId == null ? null : jurisdictions.visibleUnit(new UnitId(unitId), caller).orElse(null);
        if (unit == null) {
            throw Invalid.of("unitId", "account.staff.unitUnknown");
        }
        if (before.role().isAdministrator()) {
            // 三员分立: the three administrators sit at the bureau, appointed at installation
            throw Invalid.of("unitId", "account.staff.move.administrator");
        }
        if (unit.id().value().equals(before.unitId())) {
            return before;
        }
        long open = holdings.orderedStream().mapToLong(h -> h.openItemsOutside(id, unit.path())).sum();
        long grids = register.gridPlacesOutside(id, unit.path());
        long helpers = holdings.orderedStream().mapToLong(h -> h.helperPlacesOutside(id, unit.path())).sum();
        long communities = register.communityPlacesOutside(id, unit.path());
        if (open + grids + helpers + communities > 0) {
            throw new Conflict("account.staff.move.handOverFirst", before.name(), unit.name(), open, grids, helpers,
                    communities);
        }
        register.setUnit(id, unit.id().value());
        StaffRegister.Row after = register.byId(id).orElseThrow();
        events.publishEvent(Audited.updated("staff", id, after.unitPath(), Snapshot.of(before), Snapshot.of(after)));
        return after;
    }

    /** Gives a person a sign-in: a user name and an initial password that follows the password rules. */
    @Transactional
    public StaffRegister.Row createAccount(Caller caller, UUID id, String username, String password) {
        require(caller, Permission.ACCOUNT_MANAGE);
        StaffRegister.Row before = visible(caller, id);
        if (before.username() != null) {
            throw new Conflict("account.account.exists");
        }
        String name = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        List<Invalid.Problem> problems = new ArrayList<>();
        if (!USERNAME.matcher(name).matches()) {
            problems.add(new Invalid.Problem("username", "account.username.format", new Object[0]));
        } else if (register.usernameTaken(name)) {
            problems.add(new Invalid.Problem("username", "account.username.taken", new Object[0]));
        }
        PasswordPolicy.check(password, name)
                .forEach(k -> problems.add(new Invalid.Problem("password", k, PasswordPolicy.arguments(k))));
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        register.setAccount(id, name, passwords.encode(password), true, clock.instant());
        return audited(before);
    }

    @Transactional
    public StaffRegister.Row changeRole(Caller caller, UUID id, StaffRole role) {
        require(caller, Permission.ACCOUNT_MANAGE);
        StaffRegister.Row before = visible(caller, id);
        if (role == null) {
            throw Invalid.of("role", "account.staff.roleRequired");
        }
        if (id.equals(caller.staffId())) {
            // Nobody grants themself a role: the separation of the administrators would mean nothing.
            throw Invalid.of("role", "account.role.notOwn");
        }
        if (before.role() == role) {
            return before;
        }
        if (role.isAdministrator() || before.role().isAdministrator()) {
            // 三员分立: the three administrators are appointed at installation (FirstStart), as they cannot be
            // created from the staff register. A security administrator who could make someone the audit
            // administrator, reset that person's password and sign in as him would read the trail that watches him;
            // one who could make the audit administrator a volunteer would leave nobody watching.
            throw Invalid.of("role", "account.role.administratorAppointed");
        }
        register.setRole(id, role);
        // A role change must take effect at once, so the old bearer tokens (carrying the old permissions) end.
        tokens.revokeAll(id);
        return audited(before);
    }

    @Transactional
    public StaffRegister.Row unlock(Caller caller, UUID id) {
        require(caller, Permission.ACCOUNT_MANAGE);
        StaffRegister.Row before = visible(caller, id);
        register.unlock(id);
        StaffRegister.Row after = register.byId(id).orElseThrow();
        // no lock is written as JSON null, which the trail reads as no value; the text "null" read as a value
        Map<String, Object> was = new java.util.LinkedHashMap<>();
        was.put("failedLogins", before.failedLogins());
        was.put("lockedUntil", before.lockedUntil());
        Map<String, Object> now = new java.util.LinkedHashMap<>();
        now.put("failedLogins", 0);
        now.put("lockedUntil", null);
        events.publishEvent(Audited.updated("staff", id, before.unitPath(), was, now));
        return after;
    }

    /** The security administrator sets a new password for someone who forgot theirs; their tokens and sessions end. */
    @Transactional
    public StaffRegister.Row resetPassword(Caller caller, UUID id, String password) {
        require(caller, Permission.ACCOUNT_MANAGE);
        StaffRegister.Row before = visible(caller, id);
        if (before.username() == null) {
            throw new Conflict("account.account.missing");
        }
        if (before.role().isAdministrator()) {
            // 三员分立: a security administrator who set the audit administrator's password could sign in as him and
            // read the trail that watches him. An administrator who forgot his password has it reset by the server's
            // operator (./run reset-password, OperatorPasswordReset).
            throw Invalid.of("password", "account.password.administratorByOperator");
        }
        checkPolicy(password, before.username(), "password");
        reset(before, password);
        events.publishEvent(Audited.updated("staff", id, before.unitPath(), Map.of("password", "old"),
                Map.of("password", "reset")));
        return register.byId(id).orElseThrow();
    }

    /** Sets a password somebody else chose and unlocks the account; the person's tokens and sessions end. */
    void reset(StaffRegister.Row person, String password) {
        register.changePassword(person.id(), passwords.encode(password), true, earlierKept(), clock.instant());
        register.unlock(person.id());
        tokens.revokeAll(person.id());
        sessions.endAll(person.username());
    }

    @Transactional
    public StaffRegister.Row setActive(Caller caller, UUID id, Boolean active) {
        require(caller, Permission.ACCOUNT_MANAGE);
        StaffRegister.Row before = visible(caller, id);
        if (active == null) {
            throw Invalid.of("active", "account.active.required");
        }
        if (id.equals(caller.staffId()) && !active) {
            throw Invalid.of("active", "account.active.notOwn");
        }
        if (before.role().isAdministrator() && !active) {
            // 三员分立: the audit administrator disabled, nobody watches the other two; the system administrator
            // disabled, nobody keeps the tree. They are appointed at installation and leave with it.
            throw Invalid.of("active", "account.active.administrator");
        }
        register.setActive(id, active);
        if (!active) {
            tokens.revokeAll(id);
        }
        return audited(before);
    }

    /** A person changes their own phone and language preference. */
    @Transactional
    public StaffRegister.Row updateProfile(Caller caller, String phone, String locale) {
        StaffRegister.Row before = register.byId(caller.staffId()).orElseThrow(() -> new NotFound("staff", caller.staffId()));
        List<Invalid.Problem> problems = new ArrayList<>();
        checkPhone(phone, problems);
        String language = "en".equals(locale) ? "en" : "zh-CN";
        if (locale != null && !locale.isBlank() && !locale.equals("en") && !locale.equals("zh-CN")) {
            problems.add(new Invalid.Problem("locale", "account.profile.localeUnknown", new Object[0]));
        }
        if (!problems.isEmpty()) {
            throw new Invalid("error.invalid", problems);
        }
        register.updateProfile(caller.staffId(), blankToNull(phone), language);
        return audited(before);
    }

    /**
     * A person changes their own password: the current one must be right, the new one must follow the rules and be
     * none of the latest FENGQIAO_PASSWORD_HISTORY (the current one among them), and every API token of theirs ends, and every page session but this one, since whoever held the old
     * password may hold a token or a session.
     */
    @Transactional
    public void changePassword(Caller caller, String current, String next) {
        StaffRegister.Row row = register.byId(caller.staffId()).orElseThrow(() -> new NotFound("staff", caller.staffId()));
        if (row.passwordHash() == null || current == null || !passwords.matches(current, row.passwordHash())) {
            throw Invalid.of("currentPassword", "account.password.currentWrong");
        }
        checkPolicy(next, row.username(), "newPassword");
        if (passwords.matches(next, row.passwordHash())) {
            throw Invalid.of("newPassword", "account.password.unchanged");
        }
        // 等保: not one of the latest FENGQIAO_PASSWORD_HISTORY passwords (the current one counted above)
        for (String earlier : register.earlierPasswords(row.id(), earlierKept())) {
            if (passwords.matches(next, earlier)) {
                throw Invalid.of("newPassword", "account.password.reused", Math.max(passwordHistory, 1));
            }
        }
        // why the change was made now, for the trail: the holder was sent to it (a password somebody else chose, or
        // one past its maximum age), or he chose to
        String forced = row.passwordMustChange() ? "set by others" : expiry.expired(row) ? "expired" : null;
        register.changePassword(row.id(), passwords.encode(next), false, earlierKept(), clock.instant());
        tokens.revokeAll(row.id());
        sessions.endOthers(row.username());
        events.publishEvent(Audited.updated("staff", row.id(), row.unitPath(), Map.of("password", "old"),
                forced == null ? Map.of("password", "changed") : Map.of("password", "changed", "forcedBy", forced)));
    }

    /** How many earlier passwords are kept besides the current one: FENGQIAO_PASSWORD_HISTORY counts the current. */
    private int earlierKept() {
        return Math.max(passwordHistory - 1, 0);
    }

    private static void checkPolicy(String password, String username, String field) {
        List<String> broken = PasswordPolicy.check(password, username);
        if (!broken.isEmpty()) {
            throw new Invalid("error.invalid", broken.stream()
                    .map(k -> new Invalid.Problem(field, k, PasswordPolicy.arguments(k))).toList());
        }
    }

    private static void checkPhone(String phone, List<Invalid.Problem> problems) {
        if (phone != null && !phone.isBlank() && !PHONE.matcher(phone.trim()).matches()) {
            problems.add(new Invalid.Problem("phone", "account.staff.phoneFormat", new Object[0]));
        }
    }

    private StaffRegister.Row audited(StaffRegister.Row before) {
        StaffRegister.Row after = register.byId(before.id()).orElseThrow();
        events.publishEvent(Audited.updated("staff", before.id(), before.unitPath(), Snapshot.of(before), Snapshot.of(after)));
        return after;
    }

    private StaffRegister.Row visible(Caller caller, UUID id) {
        return register.visible(id, caller).orElseThrow(() -> new NotFound("staff", id));
    }

    private static void require(Caller caller, Permission permission) {
        if (!caller.may(permission.authority())) {
            throw new AccessDeniedException(permission.name());
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
