package org.fengqiao.account.internal;

import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.fengqiao.account.StaffRole;
import org.fengqiao.platform.Caller;
import org.fengqiao.platform.CallerAware;
import org.fengqiao.platform.Permission;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/**
 * The signed-in person as Spring Security holds them (and stores them in the database session):
 * no password, just the caller with role, permissions and scope.
 */
public record StaffPrincipal(Caller caller, boolean passwordMustChange, boolean passwordExpired)
        implements UserDetails, CallerAware {

    /** One whose password has not expired. */
    public StaffPrincipal(Caller caller, boolean passwordMustChange) {
        this(caller, passwordMustChange, false);
    }

    /**
     * The authority of a person whose password somebody else chose, or whose password expired: until he changes it he
     * reaches his profile and nothing else (SecurityConfiguration).
     */
    static final String PASSWORD_MUST_CHANGE = "PASSWORD_MUST_CHANGE";
    private static final GrantedAuthority MUST_CHANGE = new SimpleGrantedAuthority(PASSWORD_MUST_CHANGE);

    /**
     * Each role's permissions by name and as authorities, worked out once: every call of the API signs its caller in
     * from the bearer token, and building them again took about 3 % of a staff report's request time in the intake
     * bench's profile.
     */
    private static final Map<StaffRole, Set<String>> PERMISSIONS = new EnumMap<>(StaffRole.class);
    private static final Map<StaffRole, List<GrantedAuthority>> AUTHORITIES = new EnumMap<>(StaffRole.class);

    static {
        for (StaffRole role : StaffRole.values()) {
            Set<String> permissions = RolePolicy.permissionsOf(role).stream().map(Permission::name)
                    .collect(Collectors.toUnmodifiableSet());
            PERMISSIONS.put(role, permissions);
            AUTHORITIES.put(role, authorities(role.name(), permissions));
        }
    }

    /** The principal of a person, scoped as {@link ScopePolicy} says from his unit and the grids he serves. */
    static StaffPrincipal of(StaffRegister.Row row, List<String> servedGridUnits) {
        return of(row, servedGridUnits, List.of());
    }

    /** As above, the grids he serves given too, each with its unit path at the same place in {@code servedGridUnits}. */
    static StaffPrincipal of(StaffRegister.Row row, List<String> servedGridUnits, List<java.util.UUID> servedGrids) {
        return of(row, servedGridUnits, servedGrids, false);
    }

    /** As above, told whether his password has outlived its maximum age ({@link PasswordExpiry}). */
    static StaffPrincipal of(StaffRegister.Row row, List<String> servedGridUnits, List<java.util.UUID> servedGrids,
            boolean passwordExpired) {
        return new StaffPrincipal(new Caller(row.id(), row.username(), row.name(), row.role().name(),
                ScopePolicy.scope(row.role(), row.unitPath(), servedGridUnits), PERMISSIONS.get(row.role()),
                ScopePolicy.reportScope(row.role(), row.unitPath(), servedGridUnits),
                ScopePolicy.reportGrids(row.role(), row.unitPath(), servedGridUnits, servedGrids)),
                row.passwordMustChange(), passwordExpired);
    }

    /**
     * Whether he changes his password before anything else: somebody else chose it (a new sign-in, a reset), or it
     * has expired.
     */
    public boolean passwordToChange() {
        return passwordMustChange || passwordExpired;
    }

    private static List<GrantedAuthority> authorities(String role, Set<String> permissions) {
        return Stream.concat(Stream.of("ROLE_" + role), permissions.stream())
                .<GrantedAuthority>map(SimpleGrantedAuthority::new).toList();
    }

    public StaffRole role() {
        return StaffRole.valueOf(caller.role());
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        // a principal made here holds its role's own set; one read back from a session holds a copy
        StaffRole role = StaffRole.valueOf(caller.role());
        List<GrantedAuthority> granted = caller.permissions() == PERMISSIONS.get(role) ? AUTHORITIES.get(role)
                : authorities(caller.role(), caller.permissions());
        return passwordToChange() ? Stream.concat(granted.stream(), Stream.of(MUST_CHANGE)).toList() : granted;
    }

    @Override
    public String getPassword() {
        return null;
    }

    @Override
    public String getUsername() {
        return caller.username();
    }
}
