package org.fengqiao.account.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.fengqiao.account.StaffRole;
import org.fengqiao.platform.Permission;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;

class StaffPrincipalTests {

    static StaffRegister.Row row(StaffRole role) {
        return new StaffRegister.Row(UUID.randomUUID(), UUID.randomUUID(), role, "张三", "zhangsan", true, null, null,
                null, null, 0, null, null, "zh-CN", "/a/b/", "城关派出所", false);
    }

    static List<String> expected(StaffRole role) {
        return Stream.concat(Stream.of("ROLE_" + role.name()),
                RolePolicy.permissionsOf(role).stream().map(Permission::name)).sorted().toList();
    }

    static List<String> names(StaffPrincipal principal) {
        return principal.getAuthorities().stream().map(GrantedAuthority::getAuthority).sorted().toList();
    }

    @Test
    void aPrincipalSignedInCarriesItsRolesPermissionsAndAuthoritiesForEveryRole() {
        for (StaffRole role : StaffRole.values()) {
            StaffPrincipal principal = StaffPrincipal.of(row(role), List.of());

            assertThat(principal.caller().permissions())
                    .containsExactlyInAnyOrderElementsOf(RolePolicy.permissionsOf(role).stream().map(Permission::name).toList());
            assertThat(names(principal)).as(role.name()).isEqualTo(expected(role));
            assertThat(principal.caller().unitPaths()).containsExactly("/a/b/");
        }
    }

    @Test
    void aPrincipalReadBackFromItsSessionHasTheSameAuthorities() throws Exception {
        StaffPrincipal signedIn = StaffPrincipal.of(row(StaffRole.STATION_CHIEF), List.of());
        ByteArrayOutputStream stored = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(stored)) {
            out.writeObject(signedIn);
        }
        StaffPrincipal readBack;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(stored.toByteArray()))) {
            readBack = (StaffPrincipal) in.readObject();
        }

        assertThat(readBack).isEqualTo(signedIn);
        assertThat(names(readBack)).isEqualTo(expected(StaffRole.STATION_CHIEF));
    }
}
