package org.fengqiao.account.internal;

import java.util.Collection;
import java.util.List;
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
public record StaffPrincipal(Caller caller) implements UserDetails, CallerAware {

    static StaffPrincipal of(StaffRegister.Row row) {
        Set<String> permissions = RolePolicy.permissionsOf(row.role()).stream().map(Permission::name)
                .collect(Collectors.toUnmodifiableSet());
        return new StaffPrincipal(new Caller(row.id(), row.username(), row.name(), row.role().name(),
                List.of(row.unitPath()), permissions));
    }

    public StaffRole role() {
        return StaffRole.valueOf(caller.role());
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
        return Stream.concat(Stream.of("ROLE_" + caller.role()), caller.permissions().stream())
                .map(SimpleGrantedAuthority::new).toList();
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
